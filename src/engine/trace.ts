import type { ErrorClass } from '../db/dialect';
import type { Counts } from './metrics';
import type { StepIndex, Tick } from './positions';
import type { FaultMoment } from './schema';

/** What a step did, in the vocabulary of the lanes (PATTERNS.md). */
export type StepKind =
  | 'start'
  | 'read'
  | 'check'
  | 'skip'
  | 'claim'
  | 'begin'
  | 'delete'
  | 'write'
  | 'mark'
  | 'commit'
  | 'rollback'
  | 'handler'
  | 'crash'
  | 'error'
  | 'wait'
  | 'end';

/** A step as a lane program reports it; the runner adds where and when it happened. */
export interface StepDraft {
  kind: StepKind;
  /** One line for a person: what happened, with numbers. */
  label: string;
  /** The statements executed in this step, as executed (string-built ones with their interpolation). */
  sql: string[];
  /** Rows the step changed (or read, for a check), when it ran SQL. */
  rows: number | null;
  /** Input file id the step concerns. */
  file: string | null;
  /** The error this step raised: a failed statement, an injected error or a crash. */
  error: string | null;
  /** The class of that error (the same on every engine; `error` holds the engine's own words). */
  errorClass?: ErrorClass;
  /** Why the executed SQL differs in shape from what the pattern does, when it does (batched autocommit, …). */
  note?: string;
  /** On write steps: the rows of `file` (1-based positions in the file, inclusive) the step wrote from. */
  seq?: [number, number];
}

/**
 * A fault moment a step offered: a fault with this `at` (in the step's run and attempt) fires right after the step.
 * For `afterRows`, every N in `rows.from`..`rows.to` lands in this step: the write is cut at N and the fault fires
 * right after the cut; `at` holds `rows.to`, which fires right after the step as it is.
 */
export interface Offer {
  at: FaultMoment;
  rows?: { from: number; to: number };
  /** The moment in words: "after 800,000 rows", "before the first write of f2". */
  label: string;
}

/** One step of one lane, with the state after it. */
export interface TraceEvent extends StepDraft {
  lane: string;
  /** Index in this lane's trace. */
  step: StepIndex;
  /** Position on the shared timeline, aligned across lanes (attempt boundaries and faults line up). */
  tick: Tick;
  run: number;
  attempt: number;
  txOpen: boolean;
  /** Rows in `dest` as the lane's own connection sees them (inside its open transaction too). */
  destRows: number;
  /** Rows in `dest` a reader on another connection sees: what was committed (the count when the open transaction began). */
  committedRows: number;
  /** Rows written so far in this attempt: the count `afterRows` faults are measured against. */
  written: number;
  metaRows: number;
  /** The fault moments this step offered (complete once the next step exists; the last step of a program offers what follows it). */
  offers: Offer[];
  /** Counts against the truth of the runs so far (small scenarios at every step; all scenarios at attempt ends). */
  counts: Counts | null;
  /** On `end` events: how the attempt ended. */
  outcome?: 'ok' | 'crash' | 'error';
  /** In a race (two runners on two connections): which runner took this step. Absent outside races. */
  runner?: 1 | 2;
}

/** A draft for a step that ran no SQL. */
export function note(kind: StepKind, label: string, file: string | null = null): StepDraft {
  return { kind, label, sql: [], rows: null, file, error: null };
}

/**
 * The lane's first step at which `dest` surely holds a duplicate: its counts say so, or (where a step has no counts)
 * it holds more rows than the truth of the runs so far has keys (every row is a copy of a delivered row, so more rows
 * than keys means some key twice). `truthKeys[r-1]`: the truth's keys after runs 1..r.
 */
export function firstDuplicate<E extends Pick<TraceEvent, 'counts' | 'destRows' | 'run'>>(trace: readonly E[], truthKeys: readonly number[]): E | null {
  for (const e of trace) {
    if (e.counts ? e.counts.duplicates > 0 : e.destRows > (truthKeys[e.run - 1] ?? Infinity)) return e;
  }
  return null;
}

/**
 * Where a fault can be injected from a step on: the moments the step itself offers, else those of the first later
 * step of the same attempt that offers any (a check or a read offers none: nothing can fire between it and the next
 * step). Null when the attempt offers nothing from there on.
 */
export function offersFrom<E extends Pick<TraceEvent, 'step' | 'run' | 'attempt' | 'offers'>>(trace: readonly E[], step: StepIndex): E | null {
  const from = trace[step];
  if (!from) return null;
  for (let i = step; i < trace.length; i++) {
    const e = trace[i] as E;
    if (e.run !== from.run || e.attempt !== from.attempt) return null;
    if (e.offers.length > 0) return e;
  }
  return null;
}
