import type { Cursor } from '../engine/positions';
import type { ValidationIssue } from '../engine/issues';
import type { LaneMetrics } from '../engine/metrics';
import type { Progress } from '../engine/simulation';
import type { TimelineSegment } from '../engine/timeline';
import type { TraceEvent } from '../engine/trace';
import type { Why } from '../engine/explain';

/** One lane of a finished simulation, as the UI receives it (plain data, structured-cloneable). */
export interface LaneResult {
  id: string;
  pattern: string;
  summary: string;
  /** The pattern in plain words (shown before `summary`). */
  description?: string;
  metaTable: string | null;
  trace: TraceEvent[];
  metrics: LaneMetrics | null;
  /** The step of the first duplicate in `dest`, as the engine finds it (`firstDuplicate`); null: none. */
  firstDuplicateStep: number | null;
  /** Why the lane ended as it did, in one sentence, with the steps it cites (`explainLane` over the whole trace). */
  why?: Why;
}

/** A finished simulation: every lane's trace on one shared timeline. */
export interface SimResult {
  scenarioId: string;
  lanes: LaneResult[];
  segments: TimelineSegment[];
  ticks: number;
  /** Truth key count after each run (index r-1: runs 1..r). */
  truthKeys: number[];
  deliveredRows: number;
  /** Rows delivered per run (index r-1), for the afterRows slider. */
  runRows: number[];
  maxAttempts: number;
  elapsedMs: number;
  /**
   * Set on a partial result only (the pool's `onPartial`, while lanes still run): every lane of the run in the
   * scenario's order; those not in `lanes` are still running. The final result never carries it.
   */
  allLanes?: string[];
}

/** What the worker reports while it works. */
export interface WorkerProgress {
  phase: 'wasm' | 'seed' | 'run';
  lane: string | null;
  laneIndex: number;
  lanes: number;
  /** 0..1 */
  fraction: number;
  /** Each lane's own progress (0..1; 1: finished), where lanes run side by side (the worker pool). */
  laneFractions?: Record<string, number>;
  /** The lanes a worker has taken so far (the others wait for a free worker), where lanes run side by side. */
  lanesStarted?: string[];
}

/** Validation issues are plain data (path array and message), so they cross the worker boundary as they are. */
export type LoadOutcome = { ok: true; result: SimResult } | { ok: false; errors: ValidationIssue[] };

/** Rows of a user query. */
export interface QueryOutcome {
  ok: boolean;
  columns: string[];
  rows: unknown[][];
  error: string | null;
  ms: number;
}

/** One statement's answer in a console run: its rows, or the error that stopped the run there. */
export interface StatementOutcome {
  statement: string;
  columns: string[];
  rows: unknown[][];
  error: string | null;
}

/** Several statements run in order in one scratch copy of the lane (`Lane.queryEach`). */
export interface QueryEachOutcome {
  ok: boolean;
  results: StatementOutcome[];
  /** Set when the run could not start (no simulation, unknown lane). */
  error: string | null;
  ms: number;
}

/** The worker's RPC surface (comlink). */
export interface EngineApi {
  load(doc: unknown, onProgress?: (p: WorkerProgress) => void): Promise<LoadOutcome>;
  query(laneId: string, cursor: Cursor, sql: string): Promise<QueryOutcome>;
  /** Rebuilds a lane's database at the cursor (untimed: a query's time limit then counts only the query). */
  seek(laneId: string, cursor: Cursor): Promise<{ ok: boolean; error: string | null; ms: number }>;
  queryEach(laneId: string, cursor: Cursor, statements: string[]): Promise<QueryEachOutcome>;
}

export type { Progress };
