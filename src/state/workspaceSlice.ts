import { withFileRows } from './fileRows';
import type { GetState, SetState, StoreDeps, WorkspaceSlice } from './types';

/** The scenario document and the user's edits to it; every change to the document re-runs the simulation. */
export function createWorkspaceSlice(set: SetState, get: GetState, deps: StoreDeps): WorkspaceSlice {
  const edit = (fn: (doc: NonNullable<ReturnType<GetState>['doc']>) => ReturnType<GetState>['doc']) => {
    const doc = get().doc;
    if (!doc) return;
    set({ doc: fn(doc), edited: true });
    void get().runSimulation();
  };
  return {
    doc: null,
    baseId: null,
    edited: false,
    laneChoice: null,
    openScenario(id, view) {
      const entry = deps.catalog.find((e) => e.id === id);
      if (!entry) {
        get().showBanner({ kind: 'error', text: `No scenario "${id}" in this build.` });
        return;
      }
      get().replaceDoc(structuredClone(entry.doc), { edited: false, baseId: id, step: view?.step ?? 0, lanes: view?.lanes ?? null });
    },
    replaceDoc(doc, opts) {
      const { view: _view, ...clean } = doc;
      set({
        doc: clean,
        baseId: opts.baseId === undefined ? get().baseId : opts.baseId,
        edited: opts.edited,
        laneChoice: opts.lanes && opts.lanes.length > 0 ? opts.lanes : null,
        cursor: opts.step ?? 0,
        playing: false,
        selected: null,
        result: null,
        shareUrl: null,
      });
      void get().runSimulation();
    },
    addFault(f) {
      edit((doc) => {
        const faults = (doc.faults ?? []).filter((x) => !(x.run === f.run && (x.attempt ?? 1) === (f.attempt ?? 1)));
        return { ...doc, faults: [...faults, f] };
      });
    },
    updateFault(index, f) {
      edit((doc) => ({ ...doc, faults: (doc.faults ?? []).map((x, i) => (i === index ? f : x)) }));
    },
    removeFault(index) {
      edit((doc) => ({ ...doc, faults: (doc.faults ?? []).filter((_, i) => i !== index) }));
    },
    setMaxAttempts(n) {
      const maxAttempts = Math.max(1, Math.min(20, Math.round(n)));
      edit((doc) => ({
        ...doc,
        retry: { maxAttempts },
        // a fault on an attempt that can no longer happen would make the document invalid
        faults: (doc.faults ?? []).filter((f) => (f.attempt ?? 1) <= maxAttempts),
      }));
    },
    setFileRows(fileId, rows) {
      const doc = get().doc;
      if (!doc) return;
      const next = withFileRows(doc, fileId, rows);
      // an unchanged (or clamped back to the same) size is not an edit and runs nothing
      if (next !== doc) edit(() => next);
    },
    toggleLane(id) {
      const all = get().result?.lanes.map((l) => l.id) ?? [];
      const current = get().laneChoice ?? all;
      const next = current.includes(id) ? current.filter((x) => x !== id) : all.filter((x) => x === id || current.includes(x));
      if (next.length === 0) return;
      set({ laneChoice: next.length === all.length ? null : next });
    },
    setLaneChoice(ids) {
      set({ laneChoice: ids && ids.length > 0 ? ids : null });
    },
  };
}
