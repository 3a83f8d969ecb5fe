import type { SqlBackend } from '../db/port';
import { explainLane } from '../engine/explain';
import type { ValidationIssue } from '../engine/issues';
import type { Lane } from '../engine/lane';
import type { StepCount } from '../engine/positions';
import type { Seed } from '../engine/seed';
import { PreparedScenario } from '../engine/simulation';
import { firstDuplicate } from '../engine/trace';
import { validateScenario, type Scenario } from '../engine/validate';
import { RELEASE_ABOVE_ROWS } from './engineCore';
import type { LaneResult, QueryEachOutcome, QueryOutcome } from './types';

/** What the pool needs to know of a scenario once one worker has validated and seeded it. */
export interface PoolScenario {
  scenario: Scenario;
  /** The lanes played, in the order the result lists them. */
  laneIds: string[];
  truthKeys: number[];
  deliveredRows: number;
  runRows: number[];
  maxAttempts: number;
}

export type PoolOpenOutcome = ({ ok: true; seed: Seed } & PoolScenario) | { ok: false; errors: ValidationIssue[] };

/** How long a lane runs before the worker reads its messages (a console query on another lane waits at most this, plus a step). */
const YIELD_EVERY_MS = 50;

/** How far one lane has got (0..1, from the rows it has written), for its own progress bar. */
export type LaneProgress = (laneId: string, fraction: number) => void;

/**
 * One worker of the playground's engine pool, independent of how it is reached (lanes.worker.ts exposes it through
 * comlink; tests call it directly): it prepares the scenario once from a seed (built here, or by another worker and
 * handed over) and runs the lanes it is given, keeping each one (snapshots included) for the SQL console.
 */
export class LaneCore {
  private prepared: PreparedScenario | null = null;
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly backend: () => Promise<SqlBackend>,
    /** Free every lane's database once it has run (PGlite: an instance each); the console rebuilds it when asked. */
    private readonly opts: { releaseAfterRun?: boolean } = {},
  ) {}

  /** Validates the document and builds its seed; the seed comes back to be handed to the other workers. */
  async open(doc: unknown): Promise<PoolOpenOutcome> {
    const v = validateScenario(doc);
    if (!v.ok) return { ok: false, errors: v.errors };
    const prepared = await this.prepare(v.scenario);
    const { model } = prepared;
    return {
      ok: true,
      seed: prepared.seed,
      scenario: v.scenario,
      laneIds: model.lanes.map((l) => l.id),
      truthKeys: prepared.seed.truthKeys,
      deliveredRows: model.deliveredRows,
      runRows: model.runs.map((files) => files.reduce((n, f) => n + f.rows, 0)),
      maxAttempts: model.maxAttempts,
    };
  }

  /** Compiles a validated scenario from a seed built elsewhere (or builds one); forgets the lanes of the last one. */
  async prepare(scenario: Scenario, seed?: Seed): Promise<PreparedScenario> {
    for (const lane of this.lanes.values()) await lane.release();
    this.lanes.clear();
    await this.prepared?.close();
    this.prepared = null;
    this.prepared = await PreparedScenario.create(await this.backend(), scenario, seed);
    return this.prepared;
  }

  /** Runs one lane to its end under the document's faults and returns it as the UI receives it (ticks still 0). */
  async run(laneId: string, onProgress?: LaneProgress): Promise<LaneResult> {
    const prepared = this.prepared;
    if (!prepared) throw new Error('run before prepare');
    const sim = prepared.play(prepared.model.scenario.faults, { lanes: [laneId], interactive: true });
    const lane = sim.lane(laneId);
    this.lanes.set(laneId, lane);
    const perLane = Math.max(1, prepared.model.deliveredRows) * 2;
    let last = -1;
    let turn = performance.now();
    for (let e = await lane.advance(); e; e = await lane.advance()) {
      const f = Math.min(1, e.destRows / perLane);
      // a message per visible change, not per step
      if (f - last >= 0.01) {
        last = f;
        onProgress?.(laneId, f);
      }
      // sql.js is synchronous: give the worker's message queue a turn now and then, so that a console query on a
      // lane this worker finished earlier answers while this one runs
      if (performance.now() - turn > YIELD_EVERY_MS) {
        await new Promise((r) => setTimeout(r, 0));
        turn = performance.now();
      }
    }
    if (this.opts.releaseAfterRun || prepared.model.deliveredRows > RELEASE_ABOVE_ROWS) await lane.release();
    const truthKeys = prepared.seed.truthKeys;
    return {
      id: lane.spec.id,
      pattern: lane.spec.pattern,
      summary: lane.pattern.summary,
      description: lane.pattern.description,
      metaTable: lane.pattern.meta?.table ?? null,
      trace: lane.trace,
      metrics: lane.metrics,
      firstDuplicateStep: firstDuplicate(lane.trace, truthKeys)?.step ?? null,
      why: explainLane(lane.trace, lane.metrics, truthKeys),
    };
  }

  /** Frees the databases of the finished lanes other than `laneId` (one PGlite instance at a time for the console). */
  async releaseOthers(laneId: string): Promise<void> {
    for (const [id, lane] of this.lanes) if (id !== laneId && lane.done) await lane.release();
  }

  private lane(laneId: string): Lane {
    const lane = this.lanes.get(laneId);
    if (!lane) throw new Error(this.prepared ? `no lane "${laneId}" in this worker` : 'no simulation loaded');
    return lane;
  }

  /** Puts a lane's database right after `count` of its steps. */
  async seek(laneId: string, count: StepCount): Promise<{ ok: boolean; error: string | null; ms: number }> {
    const t0 = performance.now();
    try {
      await this.lane(laneId).seek(count);
      return { ok: true, error: null, ms: Math.round(performance.now() - t0) };
    } catch (err) {
      return { ok: false, error: (err as Error).message, ms: Math.round(performance.now() - t0) };
    }
  }

  /** The user's SQL on a lane's database right after `count` of its steps (never changing the lane). */
  async query(laneId: string, count: StepCount, sql: string): Promise<QueryOutcome> {
    const t0 = performance.now();
    try {
      const lane = this.lane(laneId);
      await lane.seek(count);
      const res = await lane.query(sql);
      return { ok: true, columns: res.columns, rows: res.rows, error: null, ms: Math.round(performance.now() - t0) };
    } catch (err) {
      return { ok: false, columns: [], rows: [], error: (err as Error).message, ms: Math.round(performance.now() - t0) };
    }
  }

  /** The user's statements in order, in one scratch copy of the lane right after `count` of its steps. */
  async queryEach(laneId: string, count: StepCount, statements: string[]): Promise<QueryEachOutcome> {
    const t0 = performance.now();
    try {
      const lane = this.lane(laneId);
      await lane.seek(count);
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
