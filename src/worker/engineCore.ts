import type { SqlBackend } from '../db/port';
import { Simulation } from '../engine/simulation';
import { asStepCount, stepsThrough, tickShownAt, type Cursor } from '../engine/positions';
import { eventAtTick } from '../engine/timeline';
import { firstDuplicate } from '../engine/trace';
import { explainLane } from '../engine/explain';
import { validateScenario } from '../engine/validate';
import type { LoadOutcome, QueryEachOutcome, QueryOutcome, SimResult, WorkerProgress } from './types';

/** Scenarios delivering more rows than this close each lane's database once it has finished. */
export const RELEASE_ABOVE_ROWS = 200_000;

/**
 * The engine host, independent of how it is reached: the worker exposes it through comlink, tests call it directly
 * with sql.js in node.
 */
export class EngineCore {
  private sim: Simulation | null = null;

  constructor(private readonly backend: () => Promise<SqlBackend>) {}

  async load(doc: unknown, onProgress?: (p: WorkerProgress) => void): Promise<LoadOutcome> {
    const t0 = performance.now();
    const v = validateScenario(doc);
    if (!v.ok) return { ok: false, errors: v.errors };
    onProgress?.({ phase: 'wasm', lane: null, laneIndex: 0, lanes: v.scenario.lanes.length, fraction: 0 });
    const backend = await this.backend();
    onProgress?.({ phase: 'seed', lane: null, laneIndex: 0, lanes: v.scenario.lanes.length, fraction: 0 });
    await this.sim?.close();
    this.sim = null;
    const sim = await Simulation.create(backend, v.scenario);
    let last = 0;
    const { segments, ticks } = await sim.runToEnd({
      releaseFinished: sim.model.deliveredRows > RELEASE_ABOVE_ROWS,
      onProgress: (p) => {
        const now = performance.now();
        if (now - last < 80) return;
        last = now;
        onProgress?.({ phase: 'run', lane: p.lane, laneIndex: p.laneIndex, lanes: p.lanes, fraction: p.fraction });
      },
    });
    this.sim = sim;
    const result: SimResult = {
      scenarioId: v.scenario.id,
      lanes: sim.lanes.map((l) => ({
        id: l.spec.id,
        pattern: l.spec.pattern,
        summary: l.pattern.summary,
        description: l.pattern.description,
        metaTable: l.pattern.meta?.table ?? null,
        trace: l.trace,
        metrics: l.metrics,
        firstDuplicateStep: firstDuplicate(l.trace, sim.truthKeys)?.step ?? null,
        why: explainLane(l.trace, l.metrics, sim.truthKeys),
      })),
      segments,
      ticks,
      truthKeys: sim.truthKeys,
      deliveredRows: sim.model.deliveredRows,
      runRows: sim.model.runs.map((files) => files.reduce((n, f) => n + f.rows, 0)),
      maxAttempts: sim.model.maxAttempts,
      elapsedMs: Math.round(performance.now() - t0),
    };
    return { ok: true, result };
  }

  /** Runs the user's SQL on a lane's database as it was at the cursor (the events the cursor has passed applied). */
  async query(laneId: string, cursor: Cursor, sql: string): Promise<QueryOutcome> {
    const t0 = performance.now();
    try {
      const lane = await this.laneAt(laneId, cursor);
      const res = await lane.query(sql);
      return { ok: true, columns: res.columns, rows: res.rows, error: null, ms: Math.round(performance.now() - t0) };
    } catch (err) {
      return { ok: false, columns: [], rows: [], error: (err as Error).message, ms: Math.round(performance.now() - t0) };
    }
  }

  /** The lane's database as it was at the cursor (the events the cursor has passed applied). */
  private async laneAt(laneId: string, cursor: Cursor) {
    if (!this.sim) throw new Error('no simulation loaded');
    const lane = this.sim.lane(laneId);
    const tick = tickShownAt(cursor);
    const e = tick === null ? null : eventAtTick(lane.trace, tick);
    await lane.seek(e ? stepsThrough(e.step) : asStepCount(0));
    return lane;
  }

  /** Rebuilds a lane at the cursor before a query, so that the query's time limit counts the query alone. */
  async seek(laneId: string, cursor: Cursor): Promise<{ ok: boolean; error: string | null; ms: number }> {
    const t0 = performance.now();
    try {
      await this.laneAt(laneId, cursor);
      return { ok: true, error: null, ms: Math.round(performance.now() - t0) };
    } catch (err) {
      return { ok: false, error: (err as Error).message, ms: Math.round(performance.now() - t0) };
    }
  }

  /** The user's statements in order, in one scratch copy of the lane at the cursor (never changing the lane). */
  async queryEach(laneId: string, cursor: Cursor, statements: string[]): Promise<QueryEachOutcome> {
    const t0 = performance.now();
    try {
      const lane = await this.laneAt(laneId, cursor);
      const out = await lane.queryEach(statements);
      const results = out.map((r, i) => ({
        statement: statements[i] ?? '',
        ...('error' in r ? { columns: [], rows: [], error: r.error } : { columns: r.columns, rows: r.rows, error: null }),
      }));
      return { ok: results.every((r) => r.error === null), results, error: null, ms: Math.round(performance.now() - t0) };
    } catch (err) {
      return { ok: false, results: [], error: (err as Error).message, ms: Math.round(performance.now() - t0) };
    }
  }
}
