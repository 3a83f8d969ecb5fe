import type { StateStorage } from 'zustand/middleware';
import type { GradeFailure, GradeReport } from '../engine/challenge/grade';
import type { LaneScriptDoc } from '../engine/custom/script';
import { decodePayload } from '../share/codec';
import type { ChallengeGrader, GradeProgress } from '../worker/gradePool';
import { BUNDLED_CHALLENGES } from './bundledChallenges';
import type { LaneIssue } from './customLanes';
import type { AppState, SliceCreator, StoreDeps } from './types';
import { sameDoc } from './workspaceSlice';

/** localStorage key of the challenge ladder's progress (apart from the workspace: a new scenario never touches it). */
export const CHALLENGES_KEY = 'runtwice.challenges';
/** Where progress that cannot be read is kept (never overwritten by a save). */
export const CHALLENGES_UNREADABLE_KEY = 'runtwice.challenges.unreadable';
const PROGRESS_VERSION = 1;

/** One rung of the ladder as the app lists it; `doc` (the whole challenge) is validated when it is graded. */
export interface ChallengeEntry {
  id: string;
  level: number;
  title: string;
  summary: string;
  story: string;
  hints: string[];
  doc: unknown;
}

/** The learner's progress on one challenge. */
export interface ChallengeProgress {
  solved: boolean;
  /** "Show solution" was confirmed. */
  solutionSeen: boolean;
  /** Hints shown so far (one at a time, in order). */
  hints: number;
  /** The editor's text (the starter until the learner types). */
  draft: string | null;
  /** The script that passed (what a share link carries). */
  passed: string | null;
  /** The learner's own draft, set aside when a challenge link put a shared lane in the editor. */
  kept: string | null;
}

export type GradeStatus = 'idle' | 'running' | 'done' | 'invalid' | 'stopped' | 'cancelled' | 'failed';

/** The last grade: its report and the lane it graded (a counterexample opens with it). */
export interface GradeResult {
  challenge: string;
  lane: LaneScriptDoc;
  report: GradeReport;
}

/** The challenge ladder (src/ui/components/ChallengeView.tsx): progress, the grade under way and its result. */
export interface ChallengeSlice {
  challenges: ChallengeEntry[];
  challengesOpen: boolean;
  challengeId: string | null;
  challengeProgress: Record<string, ChallengeProgress>;
  gradeStatus: GradeStatus;
  gradeProgress: GradeProgress | null;
  gradeResult: GradeResult | null;
  /** Why the lane could not be graded (its lines), or why grading stopped. */
  gradeIssues: LaneIssue[];
  gradeMessage: string | null;
  openChallenges(id?: string): void;
  closeChallenges(): void;
  selectChallenge(id: string): void;
  setChallengeDraft(id: string, text: string): void;
  /** Grades the current challenge's draft. */
  gradeChallenge(): Promise<void>;
  cancelGrade(): void;
  showHint(id: string): void;
  /** Marks the solution as seen (the view shows it). */
  revealSolution(id: string): void;
  /** Opens a failure of the last grade in the playground: that scenario, the lane, the schedule's faults. */
  openCounterexample(failure: GradeFailure): Promise<void>;
  /** A challenge link: opens the challenge with the shared lane in the editor (the learner's own draft is kept aside). */
  openSharedLane(id: string, script: string): boolean;
  /** Puts the draft a challenge link set aside back in the editor. */
  restoreKeptDraft(id: string): void;
}

/** What the challenge slice needs besides the store: the ladder and a grader (the browser's worker pool by default). */
export interface ChallengeDeps {
  challenges?: ChallengeEntry[];
  grader?: ChallengeGrader;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Two copies of the progress (this tab's, then the last saved): achievements from either, texts from the saved one. */
export function mergeProgress(mine: Record<string, ChallengeProgress>, saved: Record<string, ChallengeProgress>): Record<string, ChallengeProgress> {
  const out: Record<string, ChallengeProgress> = { ...mine };
  for (const [id, b] of Object.entries(saved)) {
    const a = mine[id];
    out[id] = a
      ? { ...a, ...b, solved: a.solved || b.solved, solutionSeen: a.solutionSeen || b.solutionSeen, hints: Math.max(a.hints, b.hints), passed: b.passed ?? a.passed }
      : b;
  }
  return out;
}

export const emptyProgress = (): ChallengeProgress => ({ solved: false, solutionSeen: false, hints: 0, draft: null, passed: null, kept: null });

/**
 * Reads saved progress: each challenge's entry field by field (a wrong field falls back to its default, a solved flag
 * only to false when it is not `true`). Text that is not progress at all is kept aside, never overwritten.
 */
export function readProgress(storage: StateStorage): Record<string, ChallengeProgress> {
  let raw: string | null = null;
  try {
    const got = storage.getItem(CHALLENGES_KEY);
    raw = typeof got === 'string' ? got : null;
    if (raw === null) return {};
    const parsed = JSON.parse(raw) as unknown;
    if (!isObject(parsed) || parsed.version !== PROGRESS_VERSION || !isObject(parsed.challenges)) throw new Error('not challenge progress');
    const out: Record<string, ChallengeProgress> = {};
    for (const [id, v] of Object.entries(parsed.challenges)) {
      if (!isObject(v) || !/^[a-z0-9-]+$/.test(id)) continue;
      out[id] = {
        solved: v.solved === true,
        solutionSeen: v.solutionSeen === true,
        hints: typeof v.hints === 'number' && Number.isInteger(v.hints) && v.hints >= 0 ? Math.min(v.hints, 50) : 0,
        draft: str(v.draft),
        passed: str(v.passed),
        kept: str(v.kept),
      };
    }
    return out;
  } catch {
    try {
      if (raw !== null && storage.getItem(CHALLENGES_UNREADABLE_KEY) === null) void storage.setItem(CHALLENGES_UNREADABLE_KEY, raw);
    } catch {
      /* storage refused: the unreadable text stays under its own key, and is overwritten by the next save */
    }
    return {};
  }
}

/**
 * Where a counterexample is seen in the playground: the lane's first crash or error; without a fault (a variant that
 * breaks the lane by itself, e.g. a redelivery) its first duplicate; else null (the end tells).
 */
function counterStep(s: AppState, lane: string): number | null {
  const l = s.result?.lanes.find((x) => x.id === lane);
  const fault = l?.trace.find((e) => e.kind === 'crash' || e.kind === 'error');
  return fault ? fault.step : (l?.firstDuplicateStep ?? null);
}

export const createChallengeSlice =
  (storage: StateStorage, deps: StoreDeps & ChallengeDeps): SliceCreator<ChallengeSlice> =>
  (set, get, api) => {
    const challenges = deps.challenges ?? BUNDLED_CHALLENGES;
    let grader = deps.grader ?? null;
    let seq = 0;
    const save = () => {
      try {
        void storage.setItem(CHALLENGES_KEY, JSON.stringify({ version: PROGRESS_VERSION, challenges: get().challengeProgress }));
      } catch {
        get().showBanner({ kind: 'error', text: 'Your challenge progress could not be saved (the browser’s storage is full or refused).' });
      }
    };
    // Another tab may have saved since this one read: what it achieved is kept (solved, solution seen, hints only
    // grow), its texts taken for the challenges this tab does not change now.
    const update = (id: string, fn: (p: ChallengeProgress) => Partial<ChallengeProgress>) => {
      const all = mergeProgress(get().challengeProgress, readProgress(storage));
      const prev = all[id] ?? emptyProgress();
      set({ challengeProgress: { ...all, [id]: { ...prev, ...fn(prev) } } });
      save();
    };
    const idle = { gradeStatus: 'idle' as const, gradeProgress: null, gradeResult: null, gradeIssues: [], gradeMessage: null };
    return {
      challenges,
      challengesOpen: false,
      challengeId: challenges[0]?.id ?? null,
      challengeProgress: readProgress(storage),
      ...idle,
      openChallenges(id) {
        get().pause();
        set({ challengesOpen: true, exploreOpen: false, ...(id && id !== get().challengeId ? { challengeId: id, ...idle } : {}) });
      },
      closeChallenges: () => set({ challengesOpen: false }),
      selectChallenge(id) {
        if (id === get().challengeId) return;
        if (get().gradeStatus === 'running') get().cancelGrade();
        set({ challengeId: id, ...idle });
      },
      setChallengeDraft(id, text) {
        if ((get().challengeProgress[id]?.draft ?? null) === text) return;
        update(id, () => ({ draft: text }));
      },
      async gradeChallenge() {
        const id = get().challengeId;
        const entry = challenges.find((c) => c.id === id);
        if (!id || !entry) return;
        const mine = ++seq;
        set({ gradeStatus: 'running', gradeProgress: null, gradeResult: null, gradeIssues: [], gradeMessage: null });
        const stale = () => mine !== seq;
        try {
          const [{ validateChallenge }, { laneToScript }, lanes] = await Promise.all([
            import('../engine/challenge/format'),
            import('../engine/custom/script'),
            import('./customLanes'),
          ]);
          const v = validateChallenge(entry.doc);
          if (!v.ok) throw new Error(`this challenge's file is broken: ${v.errors.map((e) => `${e.path.join('.')}: ${e.message}`).join('; ')}`);
          const text = get().challengeProgress[id]?.draft ?? laneToScript(v.challenge.starter);
          const read = lanes.readLaneScript(text);
          if (!read.ok) {
            if (!stale()) set({ gradeStatus: 'invalid', gradeIssues: read.issues });
            return;
          }
          grader ??= (await import('../worker/gradePool')).browserGrader();
          const out = await grader.grade(v.challenge, read.lane, { onProgress: (p) => !stale() && set({ gradeProgress: p }), cancelled: stale });
          if (stale()) return;
          if (out.kind === 'invalid') {
            set({ gradeStatus: 'invalid', gradeProgress: null, gradeIssues: lanes.locateLaneIssues(text, [], out.errors) });
          } else if (out.kind === 'stopped') {
            const what = out.statement ?? 'a statement';
            const at = lanes.statementLine(text, out.statement);
            set({
              gradeStatus: 'stopped',
              gradeProgress: null,
              gradeIssues: [{ line: at, statement: out.statement, message: `did not finish within ${out.limitMs / 1000} s (scenario “${out.scenario}”): the grade stopped it` }],
              gradeMessage: `${what} never ended: the grade stopped its workers after ${out.limitMs / 1000} s. Your text is kept.`,
            });
          } else {
            set({ gradeStatus: 'done', gradeProgress: null, gradeResult: { challenge: id, lane: read.lane, report: out.report } });
            if (out.report.passed) update(id, () => ({ solved: true, passed: text }));
          }
        } catch (e) {
          if (stale()) return;
          set({ gradeStatus: 'failed', gradeProgress: null, gradeMessage: (e as Error).message ?? String(e) });
        }
      },
      cancelGrade() {
        if (get().gradeStatus !== 'running') return;
        seq++;
        grader?.cancel();
        set({ gradeStatus: 'cancelled', gradeProgress: null });
      },
      showHint(id) {
        const entry = challenges.find((c) => c.id === id);
        update(id, (p) => ({ hints: Math.min(entry?.hints.length ?? 0, p.hints + 1) }));
      },
      revealSolution(id) {
        update(id, () => ({ solutionSeen: true }));
      },
      async openCounterexample(failure) {
        const r = get().gradeResult;
        const entry = challenges.find((c) => c.id === r?.challenge);
        if (!r || !entry) return;
        const { validateChallenge, challengeScenarios } = await import('../engine/challenge/format');
        const v = validateChallenge(entry.doc);
        const s = v.ok ? challengeScenarios(v.challenge).find((x) => x.name === failure.scenario) : undefined;
        if (!s) return;
        const title = `${entry.title}: counterexample${s.name === 'base' ? '' : ` (${s.label})`}`;
        const doc = { ...s.doc, title, lanes: [r.lane], faults: failure.faults };
        set({ challengesOpen: false });
        const out = await get().requestReplace({ source: 'import', doc, name: title, view: { step: 0, lanes: null } });
        if (out.status === 'invalid') return;
        // once the playground runs this document (at once, or after "Replace" over edited work), the cursor goes to the fault
        await new Promise<void>((resolve) => {
          let stop = (): void => {};
          let over = false;
          // settled: the document ran (or the question was answered otherwise); acting sets state, so stop listening first
          const check = (st: AppState): void => {
            if (over) return;
            const ours = !!st.doc && sameDoc(st.doc, doc as never);
            if (ours && (st.status === 'running' || st.status === 'idle')) return;
            if (!ours && st.pendingReplace) return;
            over = true;
            stop();
            if (ours && st.status === 'done') {
              const step = counterStep(st, r.lane.id);
              if (step !== null) st.selectStep(r.lane.id, step);
              else st.toEnd();
            }
            resolve();
          };
          stop = api.subscribe(check);
          check(get());
        });
      },
      openSharedLane(id, script) {
        if (!challenges.some((c) => c.id === id)) {
          get().showBanner({ kind: 'error', text: `This challenge link names “${id}”, which this build does not have; your work is kept.` });
          return false;
        }
        const own = get().challengeProgress[id]?.draft ?? null;
        const keep = own !== null && own !== script;
        if (keep) get().showBanner({ kind: 'info', text: 'A shared lane opened in the editor. Your own draft of this challenge is kept: “Restore my draft” brings it back.' });
        get().openChallenges(id);
        update(id, (p) => ({ draft: script, kept: keep ? own : p.kept }));
        return true;
      },
      restoreKeptDraft(id) {
        const kept = get().challengeProgress[id]?.kept;
        if (kept) update(id, () => ({ draft: kept, kept: null }));
      },
    };
  };

/**
 * Opens a `#/c/<id>/<payload>` link: the lane is decoded and checked as a custom lane before it reaches the editor; a
 * damaged or hostile payload is refused with a banner that says why, and the learner's work stays as it is.
 */
export async function openChallengeLink(state: () => Pick<AppState, 'showBanner' | 'openSharedLane'>, link: { id: string; payload: string }): Promise<boolean> {
  const [{ customLaneSchema }, { laneToScript }] = await Promise.all([
    import('../engine/challenge/format'),
    import('../engine/custom/script'),
  ]);
  const decoded = await decodePayload(link.payload);
  if (!decoded.ok) {
    state().showBanner({ kind: 'error', text: `This challenge link cannot be opened: ${decoded.error}. Your work is kept.` });
    return false;
  }
  const lane = customLaneSchema.safeParse(decoded.value);
  if (!lane.success) {
    const details = lane.error.issues.map((i) => `${i.path.map(String).join('.') || '(lane)'}: ${i.message}`);
    state().showBanner({ kind: 'error', text: 'This challenge link holds a lane that is not a valid custom lane; your work is kept.', details });
    return false;
  }
  return state().openSharedLane(link.id, laneToScript(lane.data));
}
