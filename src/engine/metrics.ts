import type { SqlPort } from '../db/port';
import type { Model } from './model';
import type { Problem, Verdict } from './schema';
import type { ErrorClass } from '../db/dialect';
import { sqlText } from './sqlText';

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
  /** Its class, the same on every engine. */
  errorClass: ErrorClass | null;
  /** In a race: which runner made it (1: the run's own, 2: the second trigger). */
  runner?: 1 | 2;
}

/** A lane's final metrics, in the shape of the CLI contract. */
export interface LaneMetrics extends Counts {
  error: string | null;
  /** The class of `error` (an extension of the CLI contract: the same on every engine, where messages differ). */
  errorClass: ErrorClass | null;
  verdict: Verdict;
  problems: Problem[];
  attempts: { run: number; attempt: number; outcome: 'ok' | 'crash' | 'error'; rows: number; runner?: 1 | 2 }[];
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/**
 * Counts rows, duplicates, lost and stale keys of `dest` against the truth (of all runs, or of runs 1..`upto`).
 * Every row a lane writes is a copy of a delivered row (INSERT copies one, a MERGE sets a whole row from one), so
 * `dest`'s keys are delivered keys: lost = truth keys − distinct keys in `dest`. Where every key arrived in one
 * version only, a present key always holds a row equal to the truth: stale = 0 without scanning. Both shortcuts are
 * checked against a brute-force recount in the property tests.
 */
export async function countAgainstTruth(db: SqlPort, model: Model, upto?: number): Promise<Counts> {
  const { allEqual, cols, keyMatch } = sqlText(db.dialect);
  const r = upto ?? model.runs.length;
  const keys = cols(model.key);
  const res = await db.query(
    `SELECT (SELECT COUNT(*) FROM dest), (SELECT COUNT(*) FROM (SELECT DISTINCT ${keys} FROM dest) AS k), (SELECT keys FROM truth_size WHERE upto = ?)`,
    [r],
  );
  const [rows, distinct, truthKeys] = (res.rows[0] ?? []).map(num) as [number, number, number];
  let stale = 0;
  if (!model.truth[r - 1]?.singleVersion) {
    const truth = upto === undefined ? 'truth' : 'truth_runs';
    // the row that is the truth after run `upto`: the one that took over at or before it, until a later run
    const during = upto === undefined ? '' : ` AND t._rt_from <= ${upto} AND (t._rt_to IS NULL OR t._rt_to > ${upto})`;
    // Driven from dest into the truth's primary key: no index on dest needed.
    const s = await db.query(
      `SELECT COUNT(*) FROM (SELECT DISTINCT ${cols(model.key, 'd')} FROM dest d JOIN ${truth} t ON ${keyMatch(model.key, 'd', 't')}${during}
         ${model.nonKey.length ? `AND ${allEqual(model.nonKey, 'd', 't')}` : ''}) AS k`,
    );
    stale = distinct - num(s.rows[0]?.[0]);
  }
  return { rows, duplicates: rows - distinct, lost: truthKeys - distinct, stale };
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

/** The `error` metric and its class: what ended the last attempt of the last run whose retries ran out. */
export function finalError(attempts: AttemptRecord[], maxAttempts: number): { error: string | null; errorClass: ErrorClass | null } {
  let out: { error: string | null; errorClass: ErrorClass | null } = { error: null, errorClass: null };
  for (const a of attempts) if (a.outcome !== 'ok' && a.attempt === maxAttempts) out = { error: a.message, errorClass: a.errorClass };
  return out;
}
