import type { ExploreProgress } from '../engine/explore/types';
import { formatIssue } from '../engine/issues';
import { Stopped } from '../worker/client';
import type { AppState, ExploreExecutor, ExplorerDeps, ExplorerSlice, SliceCreator, StoreDeps, WorkspaceDoc } from './types';

/** After Cancel, the plays under way get this long to finish (their results are kept); then the workers are stopped. */
export const CANCEL_GRACE_MS = 1500;
/** Progress reaches the store at most this often (each update re-renders the progress bar). */
const PROGRESS_EVERY_MS = 100;

/** The browser's explorer: the engine's `explore` and a pool of play workers, both loaded when first used. */
const browserExplorer: ExplorerDeps = {
  explore: async (...args) => (await import('../engine/explore/explorer')).explore(...args),
  open: async (doc) => {
    const out = await (await import('../worker/explorePool')).openExplorePool(doc);
    return out.ok ? { ok: true, scenario: out.scenario, executor: out.pool } : out;
  },
};

/** The document without its faults: the explorer replaces them, so a report stays valid while only faults change. */
export function exploreDocKey(doc: WorkspaceDoc): string {
  return JSON.stringify({ ...doc, faults: [] });
}

/** The lane's fault in a trace: its first crash or error event. */
const faultEvent = (s: AppState, lane: string) => s.result?.lanes.find((l) => l.id === lane)?.trace.find((e) => e.kind === 'crash' || e.kind === 'error') ?? null;

/** Plays every fault moment of the workspace document in every lane (the engine's explorer), for the Explore view. */
export const createExplorerSlice = (deps: StoreDeps): SliceCreator<ExplorerSlice> => (set, get, api) => {
  const explorer = deps.explorer ?? browserExplorer;
  /** The run under way: newer runs and cancels make older ones stale. */
  let seq = 0;
  let cancelRequested = false;
  let executor: ExploreExecutor | null = null;
  let grace: ReturnType<typeof setTimeout> | undefined;

  const stopExecutor = () => {
    clearTimeout(grace);
    executor?.terminate();
    executor = null;
  };
  /** Resolves once the simulation of the current document has settled. */
  const simulationSettled = () =>
    new Promise<void>((resolve) => {
      if (get().status !== 'running') return resolve();
      const stop = api.subscribe((s) => {
        if (s.status === 'running') return;
        stop();
        resolve();
      });
    });

  return {
    exploreOpen: false,
    exploreOptions: { depth: 1, kinds: ['crash', 'error'] },
    exploreStatus: 'idle',
    exploreProgress: null,
    exploreReport: null,
    exploreErrors: [],
    exploreMeta: null,
    exploreCell: null,
    openExplore(opts) {
      get().pause();
      set((s) => ({ exploreOpen: true, exploreOptions: { ...s.exploreOptions, ...opts } }));
    },
    closeExplore() {
      set({ exploreOpen: false });
    },
    setExploreOptions(opts) {
      set((s) => ({ exploreOptions: { ...s.exploreOptions, ...opts } }));
    },
    setExploreCell(exploreCell) {
      set({ exploreCell });
    },
    async runExplore(opts, only) {
      const doc = get().doc;
      if (!doc) return;
      const options = { ...get().exploreOptions, ...opts };
      const mine = ++seq;
      cancelRequested = false;
      stopExecutor();
      get().pause();
      set({
        exploreOpen: true,
        exploreOptions: options,
        exploreStatus: 'running',
        exploreProgress: null,
        exploreReport: null,
        exploreErrors: [],
        exploreMeta: null,
        exploreCell: null,
      });
      const t0 = performance.now();
      let mineExecutor: ExploreExecutor | null = null;
      try {
        const opened = await explorer.open(doc);
        if (opened.ok) mineExecutor = opened.executor;
        if (mine !== seq) return;
        if (!opened.ok) {
          set({ exploreStatus: 'invalid', exploreErrors: opened.errors.map(formatIssue) });
          return;
        }
        executor = opened.executor;
        const { scenario } = opened;
        let last = 0;
        const onProgress = (p: ExploreProgress) => {
          const now = performance.now();
          if (mine !== seq || (now - last < PROGRESS_EVERY_MS && p.done < p.total)) return;
          last = now;
          set({ exploreProgress: p });
        };
        const report = await explorer.explore(
          scenario,
          opened.executor,
          { depth: options.depth, kinds: options.kinds, ...(only ? { lanes: only } : {}) },
          { onProgress, cancelled: () => mine !== seq || cancelRequested },
        );
        if (mine !== seq) return;
        const workers = opened.executor.size ?? opened.executor.concurrency;
        set({
          exploreStatus: report.complete ? 'done' : 'cancelled',
          exploreReport: report,
          exploreProgress: null,
          exploreMeta: { docKey: exploreDocKey(doc), title: doc.title, workers, ms: Math.round(performance.now() - t0) },
        });
      } catch (e) {
        if (mine !== seq) return;
        if (e instanceof Stopped || cancelRequested) {
          // stopped before the explorer could hand back what it had: nothing to keep
          set({ exploreStatus: 'cancelled', exploreProgress: null });
          return;
        }
        set({ exploreStatus: 'failed', exploreProgress: null, exploreErrors: [(e as Error).message ?? String(e)] });
      } finally {
        if (mine === seq) stopExecutor();
        else mineExecutor?.terminate();
      }
    },
    cancelExplore() {
      const status = get().exploreStatus;
      if (status !== 'running' && status !== 'cancelling') return;
      if (!executor) {
        // still validating or starting the workers: nothing computed yet
        seq++;
        set({ exploreStatus: 'cancelled', exploreProgress: null });
        return;
      }
      if (cancelRequested) return;
      cancelRequested = true;
      set({ exploreStatus: 'cancelling' });
      // the explorer stops handing out plays at once; the plays under way finish (and are kept) unless they run long:
      // then the workers are stopped, and the explorer's answer (if it ever comes) is dropped
      const running = executor;
      grace = setTimeout(() => {
        if (executor !== running) return;
        seq++;
        stopExecutor();
        set({ exploreStatus: 'cancelled', exploreProgress: null });
      }, CANCEL_GRACE_MS);
    },
    async openExploreCell(scheduleId, lane) {
      const s = get();
      const schedule = s.exploreReport?.schedules.find((x) => x.id === scheduleId);
      if (!s.doc || !schedule) return;
      // the lane is shown even when the lane choice left it out
      const order = s.result?.lanes.map((l) => l.id) ?? [];
      const lanes = s.laneChoice && !s.laneChoice.includes(lane) ? order.filter((id) => id === lane || s.laneChoice?.includes(id)) : s.laneChoice;
      set({ exploreOpen: false, exploreCell: { schedule: scheduleId, lane } });
      s.replaceDoc({ ...s.doc, faults: structuredClone(schedule.faults) }, { edited: true, step: 0, lanes });
      const doc = get().doc;
      await simulationSettled();
      const now = get();
      if (now.doc !== doc || now.status !== 'done') return;
      const e = faultEvent(now, lane);
      // no fault fired in this lane (the moment is not in its program): its end tells the outcome
      if (e) now.selectStep(lane, e.step);
      else now.toEnd();
    },
  };
};
