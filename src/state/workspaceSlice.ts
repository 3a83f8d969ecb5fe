import { asCursor } from '../engine/positions';
import { formatIssue, type ValidationIssue } from '../engine/issues';
import type { ScenarioDocument } from './catalog';
import { withFileRows } from './fileRows';
import { counted } from '../engine/format';
import { describeMoment } from '../engine/moments';
import type { Banner, Fault, PendingReplace, PersistedState, ReplaceOutcome, ReplaceSource, SliceCreator, StoreDeps, WorkspaceDoc, WorkspaceSlice } from './types';

/** Attempts per run when a document names none (the engine's schema default). */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** The attempt a fault hits when it names none. */
export const DEFAULT_FAULT_ATTEMPT = 1;
/** The most attempts per run a document may ask for. */
export const MAX_ATTEMPTS_LIMIT = 20;

/** The document as the store holds it: defaults applied, the share link's `view` dropped. Idempotent. */
export function withDefaults(doc: ScenarioDocument | WorkspaceDoc): WorkspaceDoc {
  const { view: _view, ...rest } = doc as ScenarioDocument;
  return {
    ...rest,
    faults: (rest.faults ?? []).map((f) => ({ ...f, attempt: f.attempt ?? DEFAULT_FAULT_ATTEMPT })),
    retry: { maxAttempts: rest.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS },
  };
}

/** JSON with object keys sorted: two documents that differ only in key order or in spelled-out defaults compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Same scenario once defaults are applied and the view is dropped. */
export const sameDoc = (a: ScenarioDocument | WorkspaceDoc, b: ScenarioDocument | WorkspaceDoc): boolean =>
  canonical(withDefaults(a)) === canonical(withDefaults(b));

/** "the crash after 800 rows (run 1, attempt 2)": a fault as the banners name it. */
export const faultText = (f: Fault): string => `the ${f.kind} ${describeMoment(f.at)} (run ${f.run}, attempt ${f.attempt})`;

const sameFault = (a: Fault, b: Fault): boolean => canonical(a) === canonical(b);

const problems = (n: number) => counted(n, 'problem');

/** The banner that refuses an invalid document (the editor lists the errors itself). */
function refusal(source: ReplaceSource, name: string, issues: ValidationIssue[]): Banner | null {
  const details = issues.map(formatIssue);
  switch (source) {
    case 'import':
      return { kind: 'error', text: `“${name}” is not a valid scenario; your current work is kept.`, details };
    case 'share':
      return { kind: 'error', text: `This share link holds an invalid scenario (${problems(issues.length)}).`, details };
    case 'picker':
      return { kind: 'error', text: `“${name}” cannot be opened (${problems(issues.length)}); your current work is kept.`, details };
    case 'editor':
    case 'other-tab':
      return null;
  }
}

/** The scenario document and the user's edits to it; every change to the document re-runs the simulation. */
export const createWorkspaceSlice = (deps: StoreDeps): SliceCreator<WorkspaceSlice> => (set, get) => {
  const edit = (fn: (doc: WorkspaceDoc) => WorkspaceDoc) => {
    const doc = get().doc;
    if (!doc) return;
    set({ doc: fn(doc), edited: true });
    void get().runSimulation();
  };
  const persistAfterAnswer = () => ({ persistOn: !get().embed });
  /** Another tab's save that arrived while another question was open: asked about once that one is answered. */
  let otherTabWaiting: Partial<PersistedState> | null = null;
  const askWaiting = () => {
    const w = otherTabWaiting;
    otherTabWaiting = null;
    if (w) get().otherTabSaved(w);
  };
  /** Puts a valid document in place as its source asks: a catalogue entry opens as itself, the rest as edited work. */
  const apply = (p: PendingReplace) => {
    if (get().banner?.kind === 'error') get().showBanner(null);
    if (p.source === 'other-tab') {
      // that tab's workspace as it holds it: its base, its edited flag, its cursor and lanes
      get().replaceDoc(p.doc, { edited: p.saved?.edited ?? true, baseId: p.saved?.baseId ?? null, step: p.view.step ?? 0, lanes: p.view.lanes ?? null });
    } else if (p.catalogId !== null) {
      get().replaceDoc(p.doc, { edited: false, baseId: p.catalogId, step: p.view.step ?? 0, lanes: p.view.lanes ?? null });
    } else if (p.source === 'editor') {
      // the editor edits the scenario in place: the catalogue entry it started from stays its base
      get().replaceDoc(p.doc, { edited: true, step: p.view.step ?? get().cursor, lanes: p.view.lanes === undefined ? get().laneChoice : p.view.lanes });
    } else {
      get().replaceDoc(p.doc, { edited: true, baseId: null, step: p.view.step ?? 0, lanes: p.view.lanes ?? null });
    }
    if (p.source === 'editor') get().setEditorOpen(false);
  };
  return {
    doc: null,
    baseId: null,
    edited: false,
    laneChoice: null,
    restored: false,
    pendingReplace: null,
    openScenario(id, view) {
      const entry = deps.catalog.find((e) => e.id === id);
      if (!entry) {
        get().showBanner({ kind: 'error', text: `There is no scenario "${id}" in this build.` });
        return;
      }
      get().replaceDoc(structuredClone(entry.doc), { edited: false, baseId: id, step: view?.step ?? 0, lanes: view?.lanes ?? null });
    },
    replaceDoc(doc, opts) {
      set({
        doc: withDefaults(doc),
        baseId: opts.baseId === undefined ? get().baseId : opts.baseId,
        edited: opts.edited,
        laneChoice: opts.lanes && opts.lanes.length > 0 ? opts.lanes : null,
        // a share link's step is the cursor it was shared at
        cursor: asCursor(opts.step ?? 0),
        playing: false,
        selected: null,
        result: null,
        shareUrl: null,
      });
      void get().runSimulation();
    },
    async requestReplace(req): Promise<ReplaceOutcome> {
      let doc: WorkspaceDoc;
      let catalogId: string | null = null;
      if (req.catalogId !== undefined) {
        const entry = deps.catalog.find((e) => e.id === req.catalogId);
        if (!entry) {
          const issue: ValidationIssue = { path: [], message: `there is no scenario "${req.catalogId}" in this build` };
          if (req.source !== 'editor') get().showBanner({ kind: 'error', text: `There is no scenario "${req.catalogId}" in this build.` });
          return { status: 'invalid', issues: [issue] };
        }
        // the bundled catalogue is validated by its tests; the engine validates again before running
        doc = withDefaults(structuredClone(entry.doc));
        catalogId = entry.id;
      } else {
        const { parseScenarioText, validateScenario } = await import('../engine/validate');
        const v = req.text !== undefined ? parseScenarioText(req.text) : validateScenario(req.doc);
        if (!v.ok) {
          const banner = refusal(req.source, req.name ?? 'This scenario', v.errors);
          if (banner) get().showBanner(banner);
          return { status: 'invalid', issues: v.errors };
        }
        doc = withDefaults((req.text !== undefined ? JSON.parse(req.text) : req.doc) as ScenarioDocument);
        // a shared or imported copy of a catalogue scenario (defaults applied) opens as that scenario, not as edited work
        if (req.source === 'share' || req.source === 'import') catalogId = deps.catalog.find((e) => sameDoc(e.doc, doc))?.id ?? null;
      }
      const pending: PendingReplace = { source: req.source, doc, catalogId, name: req.name ?? doc.title, view: req.view ?? {} };
      const s = get();
      // Edited work is replaced only when the user says so. The editor changes the scenario in place: it asks only
      // when its text has become another scenario (another id). The embed player keeps no work of its own.
      const current = s.doc;
      const replacesWork =
        current !== null && s.edited && !s.embed && !sameDoc(current, doc) && (req.source !== 'editor' || current.id !== doc.id);
      if (replacesWork) {
        // a pending share link must not overwrite the saved workspace before the answer (nor on a reload)
        set({ pendingReplace: pending, ...(req.source === 'share' ? { persistOn: false } : {}) });
        return { status: 'asking' };
      }
      if (s.pendingReplace) set({ pendingReplace: null });
      apply(pending);
      return { status: 'replaced' };
    },
    confirmReplace() {
      const p = get().pendingReplace;
      if (!p) return;
      set({ pendingReplace: null, ...(p.source === 'share' ? persistAfterAnswer() : {}) });
      apply(p);
      askWaiting();
    },
    cancelReplace() {
      const p = get().pendingReplace;
      if (!p) return;
      // 'other-tab': saving resumes, so this tab's work is saved again over the other tab's (which then asks)
      set({ pendingReplace: null, ...(p.source === 'share' ? persistAfterAnswer() : {}) });
      askWaiting();
    },
    otherTabSaved(saved) {
      const s = get();
      if (!saved.doc || s.embed) return;
      const doc = withDefaults(saved.doc);
      if (s.pendingReplace && s.pendingReplace.source !== 'other-tab') {
        otherTabWaiting = saved;
        return;
      }
      if (s.doc && sameDoc(s.doc, doc)) {
        // the same scenario (another cursor, another theme): nothing to lose either way; an older question is moot
        if (s.pendingReplace) set({ pendingReplace: null });
        return;
      }
      const pending: PendingReplace = {
        source: 'other-tab',
        doc,
        catalogId: null,
        name: doc.title,
        view: { step: saved.cursor ?? 0, lanes: saved.laneChoice ?? null },
        saved: { edited: saved.edited ?? true, baseId: saved.baseId ?? null },
      };
      set({ pendingReplace: pending });
    },
    addFault(f) {
      const doc = get().doc;
      if (!doc) return;
      // one fault per attempt: a new one replaces the one already there, and the banner says which
      const replaced = doc.faults.filter((x) => x.run === f.run && x.attempt === f.attempt);
      if (replaced.length === 1 && sameFault(replaced[0] as Fault, f)) return;
      edit((d) => ({ ...d, faults: [...d.faults.filter((x) => !replaced.includes(x)), f] }));
      if (replaced.length > 0)
        get().showBanner({
          kind: 'info',
          text: `Replaced ${replaced.map(faultText).join(' and ')} with ${faultText(f)}: one fault per attempt.`,
        });
    },
    updateFault(index, f) {
      edit((doc) => ({ ...doc, faults: doc.faults.map((x, i) => (i === index ? f : x)) }));
    },
    removeFault(index) {
      edit((doc) => ({ ...doc, faults: doc.faults.filter((_, i) => i !== index) }));
    },
    setMaxAttempts(n) {
      const maxAttempts = Math.max(1, Math.min(MAX_ATTEMPTS_LIMIT, Math.round(n)));
      const doc = get().doc;
      if (!doc) return;
      // a fault on an attempt that can no longer happen would make the document invalid: it goes, and the banner says so
      const removed = doc.faults.filter((f) => f.attempt > maxAttempts);
      edit((d) => ({ ...d, retry: { maxAttempts }, faults: d.faults.filter((f) => f.attempt <= maxAttempts) }));
      if (removed.length > 0)
        get().showBanner({
          kind: 'info',
          text: `With ${counted(maxAttempts, 'attempt')} per run, ${removed.length === 1 ? 'this fault was removed (its attempt' : `these ${removed.length} faults were removed (their attempts`} no longer happen${removed.length === 1 ? 's' : ''}): ${removed.map(faultText).join('; ')}.`,
        });
    },
    setFileRows(fileId, rows) {
      const doc = get().doc;
      if (!doc) return;
      const next = withFileRows(doc, fileId, rows);
      // an unchanged (or clamped back to the same) size is not an edit and runs nothing
      if (next !== doc) edit(() => withDefaults(next));
    },
    toggleLane(id) {
      // every lane of the run, those still running included (a partial result names them)
      const r = get().result;
      const all = r?.allLanes ?? r?.lanes.map((l) => l.id) ?? [];
      const current = get().laneChoice ?? all;
      const next = current.includes(id) ? current.filter((x) => x !== id) : all.filter((x) => x === id || current.includes(x));
      if (next.length === 0) return;
      set({ laneChoice: next.length === all.length ? null : next });
    },
    setLaneChoice(ids) {
      set({ laneChoice: ids && ids.length > 0 ? ids : null });
    },
  };
};
