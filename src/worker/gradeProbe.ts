/** What a grading play worker posts before a custom lane's statement (besides comlink's own messages). */
export interface ProbeMessage {
  runtwiceProbe: string;
}

/** A statement name repeated is posted at most this often: the page's sign of life from a worker that is busy. */
export const HEARTBEAT_MS = 250;

/** Seconds one statement may run before the grade stops it (the CLI's default `--time-limit`). */
export const STATEMENT_LIMIT_MS = 10_000;

export const isProbeMessage = (data: unknown): data is ProbeMessage =>
  !!data && typeof data === 'object' && typeof (data as ProbeMessage).runtwiceProbe === 'string';
