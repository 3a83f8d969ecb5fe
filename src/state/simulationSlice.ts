import { asCursor, cursorShowing, tickShownAt, type Cursor } from '../engine/positions';
import { formatIssue } from '../engine/issues';
import { eventAtTick } from '../engine/timeline';
import { Stopped } from '../worker/client';
import type { SimResult } from '../worker/types';
import type { SimulationSlice, SliceCreator, StoreDeps } from './types';

/**
 * A run shorter than this shows no partial result: its lanes appear together, as before, without a flicker of
 * placeholders on every edit of a small scenario.
 */
export const PARTIAL_AFTER_MS = 300;

/**
 * Partial results are shown at most this often; of those arriving in between, only the newest is shown, when its turn
 * comes. Each one re-renders and lays out every lane column (a new lane re-aligns them all): the default scenario's
 * lanes, finishing tens of milliseconds apart on a cold start, cost the page a render each while the workers needed
 * the cores (measured: a quarter of the main thread's work during the first load). The 1M headline's lanes finish
 * seconds apart and still show as soon as each one ends.
 */
export const PARTIAL_EVERY_MS = 250;

/** The lanes of a partial result still running, in the scenario's order (none for a final result). */
export const pendingOf = (r: SimResult | null): string[] => {
  if (!r?.allLanes) return [];
  const done = new Set(r.lanes.map((l) => l.id));
  return r.allLanes.filter((id) => !done.has(id));
};

const clampTo = (c: number, ticks: number): Cursor => asCursor(Math.max(0, Math.min(c, ticks)));

/**
 * Where a cursor the learner moved over `shown` goes once `next` (more lanes, re-aligned) replaces it: at `shown`'s
 * end it goes to `next`'s end; elsewhere it keeps showing the same event of `anchor` (the run's first finished lane).
 */
export function carryCursor(cursor: Cursor, shown: SimResult, next: SimResult, anchor: string): Cursor {
  if (cursor >= shown.ticks) return asCursor(next.ticks);
  const tick = tickShownAt(cursor);
  const from = shown.lanes.find((l) => l.id === anchor);
  const to = next.lanes.find((l) => l.id === anchor);
  const e = tick === null || !from ? null : eventAtTick(from.trace, tick);
  const same = e && to ? to.trace[e.step] : undefined;
  return same ? cursorShowing(same.tick) : clampTo(cursor, next.ticks);
}

/**
 * Runs the document in the engine; stale answers (an older run finishing late, its partial results) are dropped.
 * Where lanes finish one by one (the worker pool) and no result is on screen, each finished lane's result is shown at
 * once (at most one every PARTIAL_EVERY_MS), status still 'running'. The cursor, the same whether partial results
 * were shown or not (a run's timing never decides it): left where it was asked (a share link's step, step 0 of a
 * scenario opened, a re-run's cursor, clamped), at the end when it was at the end of the last result; once the
 * learner moves it over a partial result, at that partial's end it goes to the end, elsewhere it keeps showing the
 * same event of the first lane that finished.
 */
export const createSimulationSlice = (deps: StoreDeps): SliceCreator<SimulationSlice> => (set, get) => {
  let seq = 0;
  const partialAfter = deps.partialAfterMs ?? PARTIAL_AFTER_MS;
  const partialEvery = deps.partialEveryMs ?? PARTIAL_EVERY_MS;
  return {
    status: 'idle',
    progress: null,
    result: null,
    pendingLanes: [],
    errors: [],
    async runSimulation() {
      const doc = get().doc;
      if (!doc) return;
      const mine = ++seq;
      const started = performance.now();
      const asked = get().cursor;
      // at the end of the last result (a quick control re-running the scenario): the new lanes show their end too
      const last = get().result;
      const askedEnd = !!last && last.ticks > 0 && asked >= last.ticks;
      // the last partial result of this run on screen, the cursor this run last put there, the first finished lane
      let shown: SimResult | null = null;
      let placed: Cursor = asked;
      let anchor: string | null = null;
      // once moved by the learner, the cursor follows what they look at for the rest of the run
      let moved = false;
      const place = (next: SimResult): Cursor => {
        const cursor = get().cursor;
        moved ||= !!shown && cursor !== placed;
        if (!shown || !anchor || !moved) return askedEnd ? asCursor(next.ticks) : clampTo(asked, next.ticks);
        return carryCursor(cursor, shown, next, anchor);
      };
      // a partial result of an older run is not this run's (its lanes, its progress): the lanes wait for this one
      set((s) => ({ status: 'running', progress: null, errors: [], pendingLanes: [], ...(s.result?.allLanes ? { result: null } : {}) }));
      // Lanes fill in where there is nothing to show yet (a scenario opened, a link, a reload, after a cancel). A re-run
      // over a finished result (a quick control, the engine restarted after a console timeout) keeps it until the new
      // one is whole, as before: a partial would take away the lanes not done yet, a console open on one, a selection.
      const fills = get().result === null;
      // the newest partial result waiting for its turn, and when the last one was shown
      let waiting: SimResult | null = null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let shownAt = -Infinity;
      const show = (r: SimResult): void => {
        anchor ??= r.lanes[0]?.id ?? null;
        placed = place(r);
        shown = r;
        shownAt = performance.now();
        set({ result: r, pendingLanes: pendingOf(r), cursor: placed });
      };
      const onPartial = (r: SimResult): void => {
        const now = performance.now();
        if (mine !== seq || !fills || now - started < partialAfter) return;
        const wait = shownAt + partialEvery - now;
        if (wait <= 0) return show(r);
        waiting = r;
        timer ??= setTimeout(() => {
          timer = undefined;
          const next = waiting;
          waiting = null;
          if (next && mine === seq) show(next);
        }, wait);
      };
      const dropPartial = () => (shown ? { result: null, pendingLanes: [] } : { pendingLanes: [] });
      try {
        const out = await deps.engine.load(
          doc,
          (p) => {
            if (mine === seq) set({ progress: p });
          },
          onPartial,
        );
        if (mine !== seq) return;
        if (!out.ok) {
          set({ status: 'invalid', errors: out.errors.map(formatIssue), result: null, pendingLanes: [], progress: null });
          return;
        }
        const final = out.result;
        // no partial shown: the cursor as asked (or moved over the last result meanwhile), clamped, as always
        const cursor = shown ? place(final) : askedEnd && get().cursor === asked ? asCursor(final.ticks) : clampTo(get().cursor, final.ticks);
        set({ status: 'done', result: final, pendingLanes: [], progress: null, cursor });
      } catch (e) {
        if (mine !== seq) return;
        if (e instanceof Stopped) {
          // the workers holding the finished lanes are gone: what they showed goes with them
          set({ status: 'cancelled', progress: null, ...dropPartial() });
          return;
        }
        set({ status: 'failed', progress: null, errors: [(e as Error).message ?? String(e)], ...dropPartial() });
      } finally {
        // the run has ended (whole, failed, cancelled or replaced): a partial result still waiting is not shown
        clearTimeout(timer);
        waiting = null;
      }
    },
    cancelSimulation() {
      seq++;
      deps.engine.cancel();
      // a partial result goes with the run (its lanes cannot be queried any more): the lanes say the run was cancelled
      set((s) => ({ status: 'cancelled', progress: null, playing: false, pendingLanes: [], ...(s.result?.allLanes ? { result: null } : {}) }));
    },
  };
};
