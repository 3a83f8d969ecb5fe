import type { LaneMetrics } from '../metrics';
import type { FaultDoc, Verdict } from '../schema';
import type { TraceEvent } from '../trace';

/** What the explorer plays: single faults (depth 1), or also a second fault in a later attempt or run (depth 2). */
export interface ExploreOptions {
  depth: 1 | 2;
  kinds: readonly FaultDoc['kind'][];
  /** Narrows the lanes (the scenario's order is kept); all when absent. */
  lanes?: readonly string[];
}

/** One fault schedule the explorer played (replacing the document's own faults). */
export interface ExploreSchedule {
  /** `s1`, `s2`, … in the deterministic order: run, attempt, position, kind (depth-2 pairs after their first fault). */
  id: string;
  faults: FaultDoc[];
  /** In words: "run 1 · attempt 1 · crash after 800,000 rows". */
  label: string;
  /** For an afterRows fault (the last one of the schedule): every N in this range gives the same verdict in every lane; `faults` holds one representative. */
  afterRowsRange?: [number, number];
}

/** A lane's outcome under one schedule (the numbers `npm run sim` reports for that schedule). */
export interface ExploreResult {
  schedule: string;
  verdict: Verdict;
  rows: number;
  duplicates: number;
  lost: number;
  stale: number;
  error: string | null;
}

/** One lane across every schedule. */
export interface ExploreLane {
  /** In schedule order, one per schedule. */
  results: ExploreResult[];
  /** Schedules under which the lane ends exactly-once. */
  holds: number;
  breaks: number;
  /** The smallest schedule that breaks the lane (fewest faults, then earliest); null when it held everywhere. */
  counterexample: string | null;
  /** When it held everywhere: "exactly-once under all 46 single crashes and errors". */
  certificate: string | null;
}

/** The explorer's document (the `explore` CLI's `--json` contract). */
export interface ExploreReport {
  scenario: string;
  depth: 1 | 2;
  kinds: FaultDoc['kind'][];
  /** Each lane's outcome without any fault. */
  clean: Record<string, ExploreResult>;
  schedules: ExploreSchedule[];
  lanes: Record<string, ExploreLane>;
}

/** What one play of a schedule gives per lane: its final metrics and its trace (the second fault is chosen from it). */
export interface PlayOutcome {
  metrics: LaneMetrics;
  trace: TraceEvent[];
}

/**
 * Plays schedules of one prepared scenario: in-process, on worker threads (CLI) or on a pool of Web Workers. The
 * explorer keeps up to `concurrency` plays under way.
 */
export interface PlayExecutor {
  readonly concurrency: number;
  play(faults: FaultDoc[], lanes: readonly string[], withTrace: boolean): Promise<Record<string, PlayOutcome>>;
}

/** Progress of an exploration: plays done of plays known so far. */
export interface ExploreProgress {
  done: number;
  total: number;
  phase: 'clean' | 'depth 1' | 'depth 2';
}
