import type { Counts } from './metrics';

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
  /** Why the executed SQL differs in shape from what the pattern does, when it does (batched autocommit, …). */
  note?: string;
}

/** One step of one lane, with the state after it. */
export interface TraceEvent extends StepDraft {
  lane: string;
  /** Index in this lane's trace. */
  step: number;
  /** Position on the shared timeline, aligned across lanes (attempt boundaries and faults line up). */
  tick: number;
  run: number;
  attempt: number;
  txOpen: boolean;
  destRows: number;
  metaRows: number;
  /** Counts against the truth of the runs so far (small scenarios at every step; all scenarios at attempt ends). */
  counts: Counts | null;
  /** On `end` events: how the attempt ended. */
  outcome?: 'ok' | 'crash' | 'error';
}

/** A draft for a step that ran no SQL. */
export function note(kind: StepKind, label: string, file: string | null = null): StepDraft {
  return { kind, label, sql: [], rows: null, file, error: null };
}
