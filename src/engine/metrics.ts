import type { SqlPort } from '../db/port';
import type { Model } from './model';
import type { Problem, Verdict } from './schema';
import { allEqual, cols, keyMatch } from './sqlText';

/** Counts judged against the truth (SCENARIO_FORMAT.md, "Metrics and verdicts"). */
export interface Counts {
  rows: number;
  duplicates: number;
  lost: number;
  stale: number;
}

export interface AttemptRecord {
  run: number;
  attempt: number;
  outcome: 'ok' | 'crash' | 'error';
  rows: number;
  /** Message of what ended the attempt, when it failed. */
  message: string | null;
}

/** A lane's final metrics, in the shape of the CLI contract. */
export interface LaneMetrics extends Counts {
  error: string | null;
  verdict: Verdict;
  problems: Problem[];
  attempts: { run: number; attempt: number; outcome: 'ok' | 'crash' | 'error'; rows: number }[];
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/**
 * Counts rows, duplicates, lost and stale keys of `dest` against a truth relation (`truth`, or the truth through
 * run `upto`).
 */
export async function countAgainstTruth(db: SqlPort, model: Model, upto?: number): Promise<Counts> {
  const truth = upto === undefined ? 'truth' : `(SELECT * FROM truth_runs WHERE upto = ${upto})`;
  const keys = cols(model.key);
  const res = await db.query(`SELECT
      (SELECT COUNT(*) FROM dest),
      (SELECT COUNT(*) FROM (SELECT DISTINCT ${keys} FROM dest)),
      (SELECT COUNT(*) FROM ${truth} t WHERE NOT EXISTS (SELECT 1 FROM dest d WHERE ${keyMatch(model.key, 'd', 't')})),
      (SELECT COUNT(*) FROM ${truth} t WHERE EXISTS (SELECT 1 FROM dest d WHERE ${keyMatch(model.key, 'd', 't')})
         AND NOT EXISTS (SELECT 1 FROM dest d WHERE ${keyMatch(model.key, 'd', 't')}
                         ${model.nonKey.length ? `AND ${allEqual(model.nonKey, 'd', 't')}` : ''}))`);
  const [rows, distinct, lost, stale] = (res.rows[0] ?? []).map(num) as [number, number, number, number];
  return { rows, duplicates: rows - distinct, lost, stale };
}

/** The verdict and problem list for final counts and the error that ended the last failed run. */
export function judge(counts: Counts, error: string | null): { verdict: Verdict; problems: Problem[] } {
  const problems: Problem[] = [];
  if (error !== null) problems.push('error');
  if (counts.lost > 0) problems.push('lost');
  if (counts.duplicates > 0) problems.push('duplicates');
  if (counts.stale > 0) problems.push('stale');
  return { verdict: problems[0] ?? 'exactly-once', problems };
}

/** The `error` metric: the message ending the last attempt of the last run whose retries ran out. */
export function finalError(attempts: AttemptRecord[], maxAttempts: number): string | null {
  let error: string | null = null;
  for (const a of attempts) if (a.outcome !== 'ok' && a.attempt === maxAttempts) error = a.message;
  return error;
}
