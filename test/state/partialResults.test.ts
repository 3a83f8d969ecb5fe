import { afterEach, describe, expect, it, vi } from 'vitest';
import { alignTimeline } from '../../src/engine/timeline';
import type { TraceEvent } from '../../src/engine/trace';
import { memoryStorage } from '../../src/share/storage';
import { catalogFrom } from '../../src/state/catalog';
import { createAppStore } from '../../src/state/store';
import { Stopped, type EngineClient } from '../../src/worker/client';
import type { LaneResult, LoadOutcome, SimResult, WorkerProgress } from '../../src/worker/types';
import { traceEvent } from '../traceEvent';
import { smallDoc } from './helpers';

/** A lane whose attempts (run 1) have the given numbers of events: start, writes, end. */
function lane(id: string, attempts: number[]): LaneResult {
  const trace: TraceEvent[] = [];
  attempts.forEach((n, a) => {
    for (let j = 0; j < n; j++) {
      const kind = j === 0 ? 'start' : j === n - 1 ? 'end' : 'write';
      trace.push(traceEvent({ lane: id, kind, step: trace.length, run: 1, attempt: a + 1, label: `${id} ${a + 1}.${j}`, ...(kind === 'end' ? { outcome: a === attempts.length - 1 ? 'ok' : 'crash' } : {}) }));
    }
  });
  return { id, pattern: id, summary: id, metaTable: null, trace, metrics: { rows: 1, duplicates: 0, lost: 0, stale: 0, error: null, errorClass: null, verdict: 'exactly-once', problems: [], attempts: [] }, firstDuplicateStep: null };
}

/** What the pool gives: the lanes done so far, their events copied and aligned among themselves. */
function resultOf(lanes: LaneResult[], all?: string[]): SimResult {
  const copies = lanes.map((l) => ({ ...l, trace: l.trace.map((e) => ({ ...e })) }));
  const { segments, ticks } = alignTimeline(copies.map((l) => l.trace));
  return { scenarioId: 'small', lanes: copies, segments, ticks, truthKeys: [1000], deliveredRows: 1000, runRows: [1000], maxAttempts: 3, elapsedMs: 1, ...(all ? { allLanes: all } : {}) };
}

// "first" finishes first: attempt 1 in 2 events, attempt 2 in 3; "second" has 5 then 2, so once it is aligned with
// "first", the second attempt of "first" starts 3 ticks later than on first's own timeline
const FIRST = lane('first', [2, 3]);
const SECOND = lane('second', [5, 2]);
const ALL = ['first', 'second'];
const partial = resultOf([FIRST], ALL);
const final = resultOf([FIRST, SECOND]);

/** An engine whose runs the test finishes by hand. */
function handEngine() {
  const runs: { onProgress?: (p: WorkerProgress) => void; onPartial?: (r: SimResult) => void; resolve: (o: LoadOutcome) => void; reject: (e: unknown) => void }[] = [];
  let cancels = 0;
  const engine: EngineClient = {
    load: (_doc, onProgress, onPartial) => new Promise((resolve, reject) => runs.push({ onProgress, onPartial, resolve, reject })),
    query: async () => ({ ok: true, columns: [], rows: [], error: null, ms: 0 }),
    cancel: () => {
      cancels++;
      for (const r of runs) r.reject(new Stopped('cancelled'));
    },
  };
  return { engine, runs, cancels: () => cancels };
}

function setup(partialAfterMs = 0, partialEveryMs = 0) {
  const hand = handEngine();
  const catalog = catalogFrom({ 'a.json': { default: smallDoc() } });
  const store = createAppStore({ engine: hand.engine, catalog, partialAfterMs, partialEveryMs }, memoryStorage());
  return { store, ...hand };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const run = (h: ReturnType<typeof setup>, i: number) => h.runs[i] as (typeof h.runs)[number];

describe('store: lanes shown as they finish', () => {
  it('shows a partial result while running; a scenario opened at step 0 stays there, as without partial results', async () => {
    const h = setup();
    h.store.getState().openScenario('small');
    run(h, 0).onPartial?.(partial);
    expect(h.store.getState()).toMatchObject({ status: 'running', result: partial, pendingLanes: ['second'], cursor: 0 });
    run(h, 0).resolve({ ok: true, result: final });
    await tick();
    expect(h.store.getState()).toMatchObject({ status: 'done', result: final, pendingLanes: [], cursor: 0 });
  });

  it('a re-run over a finished result keeps it until the new one is whole; from its end, the cursor goes to the new end', async () => {
    const h = setup();
    h.store.getState().openScenario('small');
    const before = resultOf([FIRST]);
    run(h, 0).resolve({ ok: true, result: before });
    await tick();
    h.store.getState().toEnd();
    h.store.getState().setMaxAttempts(2);
    expect(h.runs).toHaveLength(2);
    run(h, 1).onPartial?.(partial);
    expect(h.store.getState()).toMatchObject({ status: 'running', result: before, pendingLanes: [], cursor: before.ticks });
    run(h, 1).resolve({ ok: true, result: final });
    await tick();
    expect(h.store.getState()).toMatchObject({ status: 'done', result: final, cursor: final.ticks });
  });

  it('keeps showing the same event of the first finished lane when the learner moved the cursor', async () => {
    const h = setup();
    h.store.getState().openScenario('small');
    run(h, 0).onPartial?.(partial);
    // the cursor on first's attempt 2, its write (step 3): tick 3 of the partial, tick 6 of the final timeline
    h.store.getState().setCursor(4);
    const shownBefore = partial.lanes[0]!.trace.find((e) => e.tick === 3);
    expect(shownBefore?.step).toBe(3);
    // a partial with the same timeline for first (another lane as short), then the final one
    run(h, 0).onPartial?.(resultOf([FIRST, lane('third', [2, 3])], [...ALL, 'third']));
    expect(h.store.getState().cursor).toBe(4);
    run(h, 0).resolve({ ok: true, result: final });
    await tick();
    const c = h.store.getState().cursor;
    expect(c).toBe(7);
    expect(final.lanes[0]!.trace[3]!.tick).toBe(c - 1);
  });

  it('a cursor moved to the partial end goes to the final end; one never moved stays where it was asked', async () => {
    const h = setup();
    h.store.getState().openScenario('small', { step: 2 });
    run(h, 0).onPartial?.(partial);
    expect(h.store.getState().cursor).toBe(2);
    h.store.getState().toEnd();
    expect(h.store.getState().cursor).toBe(partial.ticks);
    // it stays at the end of each partial result that follows, then of the final one
    const third = lane('third', [3, 4]);
    const two = resultOf([FIRST, third], [...ALL, 'third']);
    run(h, 0).onPartial?.(two);
    expect(h.store.getState().cursor).toBe(two.ticks);
    run(h, 0).onPartial?.(resultOf([FIRST, SECOND, third], [...ALL, 'third']));
    expect(h.store.getState().cursor).toBe(resultOf([FIRST, SECOND, third]).ticks);
    run(h, 0).resolve({ ok: true, result: final });
    await tick();
    expect(h.store.getState().cursor).toBe(final.ticks);

    // a share link's step, never moved: the final result honours it
    h.store.getState().openScenario('small', { step: 7 });
    run(h, 1).onPartial?.(partial);
    expect(h.store.getState().cursor).toBe(partial.ticks);
    run(h, 1).resolve({ ok: true, result: final });
    await tick();
    expect(h.store.getState().cursor).toBe(7);
  });

  it("drops an older run's partial and final results", async () => {
    const h = setup();
    h.store.getState().openScenario('small');
    h.store.getState().openScenario('small');
    const other = resultOf([SECOND], ALL);
    run(h, 0).onPartial?.(partial);
    run(h, 0).onProgress?.({ phase: 'run', lane: 'first', laneIndex: 0, lanes: 2, fraction: 0.5 });
    expect(h.store.getState()).toMatchObject({ status: 'running', result: null, progress: null, pendingLanes: [] });
    run(h, 1).onPartial?.(other);
    expect(h.store.getState().result).toBe(other);
    run(h, 0).resolve({ ok: true, result: final });
    await tick();
    expect(h.store.getState()).toMatchObject({ status: 'running', result: other, pendingLanes: ['first'] });
    // a new run does not show the last run's partial lanes meanwhile
    h.store.getState().openScenario('small');
    expect(h.store.getState().result).toBeNull();
    run(h, 1).onPartial?.(partial);
    expect(h.store.getState().result).toBeNull();
  });

  it('cancel stops the engine and clears the partial result: the lanes say the run was cancelled', async () => {
    const h = setup();
    h.store.getState().openScenario('small');
    run(h, 0).onPartial?.(partial);
    h.store.getState().cancelSimulation();
    expect(h.cancels()).toBe(1);
    await tick();
    expect(h.store.getState()).toMatchObject({ status: 'cancelled', result: null, pendingLanes: [], progress: null });
  });

  it('a run shorter than PARTIAL_AFTER_MS shows its lanes together, the cursor where it was asked', async () => {
    const h = setup(60_000);
    h.store.getState().openScenario('small');
    run(h, 0).onPartial?.(partial);
    expect(h.store.getState().result).toBeNull();
    run(h, 0).resolve({ ok: true, result: final });
    await tick();
    expect(h.store.getState()).toMatchObject({ status: 'done', result: final, cursor: 0 });
  });

  describe('partial results closer together than PARTIAL_EVERY_MS', () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    const third = lane('third', [3, 4]);
    const THREE = [...ALL, 'third'];

    it('shows the first at once and only the newest of those that follow, when its turn comes', () => {
      vi.useFakeTimers();
      const h = setup(0, 250);
      h.store.getState().openScenario('small');
      run(h, 0).onPartial?.(partial);
      expect(h.store.getState().result).toBe(partial);
      const two = resultOf([FIRST, SECOND], THREE);
      const older = resultOf([FIRST, third], THREE);
      vi.advanceTimersByTime(100);
      run(h, 0).onPartial?.(older);
      run(h, 0).onPartial?.(two);
      expect(h.store.getState().result).toBe(partial);
      vi.advanceTimersByTime(149);
      expect(h.store.getState().result).toBe(partial);
      vi.advanceTimersByTime(1);
      expect(h.store.getState()).toMatchObject({ status: 'running', result: two, pendingLanes: ['third'] });
      // its turn past, the next one shows at once again
      vi.advanceTimersByTime(250);
      const whole = resultOf([FIRST, SECOND, third], THREE);
      run(h, 0).onPartial?.(whole);
      expect(h.store.getState().result).toBe(whole);
    });

    it('a partial result still waiting when the run ends, is cancelled or replaced is never shown', async () => {
      vi.useFakeTimers();
      const h = setup(0, 250);
      h.store.getState().openScenario('small');
      run(h, 0).onPartial?.(partial);
      run(h, 0).onPartial?.(resultOf([FIRST, third], THREE));
      run(h, 0).resolve({ ok: true, result: final });
      await vi.advanceTimersByTimeAsync(0);
      expect(h.store.getState()).toMatchObject({ status: 'done', result: final });
      vi.advanceTimersByTime(1000);
      expect(h.store.getState().result).toBe(final);

      // cancelled: the waiting one does not bring the lanes back
      h.store.getState().openScenario('small');
      run(h, 1).onPartial?.(partial);
      run(h, 1).onPartial?.(resultOf([FIRST, third], THREE));
      h.store.getState().cancelSimulation();
      await vi.advanceTimersByTimeAsync(1000);
      expect(h.store.getState()).toMatchObject({ status: 'cancelled', result: null });

      // replaced: the newer run's lanes are not covered by the older run's waiting one
      h.store.getState().openScenario('small');
      run(h, 2).onPartial?.(partial);
      run(h, 2).onPartial?.(resultOf([FIRST, third], THREE));
      h.store.getState().openScenario('small');
      await vi.advanceTimersByTimeAsync(1000);
      expect(h.store.getState()).toMatchObject({ status: 'running', result: null });
    });
  });
});
