/**
 * Runs the model's lanes over a validated scenario: runs, attempts and retries (SCENARIO_FORMAT.md), then the metrics
 * of "Metrics and verdicts" computed against the model's own truth. Independent of the engine: rows are expanded in
 * JS, the truth and the counts are recomputed here.
 */
import type { PatternId, Problem, Verdict } from '../../../src/engine/schema';
import type { Scenario } from '../../../src/engine/validate';
import { MODEL_LANES } from './lanes';
import { Ctx, Db, ModelCrash, ModelError, type MFile, type Row } from './world';

export interface ModelAttempt {
  run: number;
  attempt: number;
  outcome: 'ok' | 'crash' | 'error';
  rows: number;
}

export interface ModelMetrics {
  rows: number;
  duplicates: number;
  lost: number;
  stale: number;
  error: string | null;
  errorClass: string | null;
  verdict: Verdict;
  problems: Problem[];
  attempts: ModelAttempt[];
}

/** A file's rows, expanded in JS (the key column gets each id of an `ids` block). */
function expand(scenario: Scenario, id: string): MFile {
  const file = scenario.files[id];
  if (!file) throw new Error(`model: no file ${id}`);
  const key = scenario.table.key[0] as string;
  const rows: Row[] = file.rows.flatMap((b) =>
    'row' in b ? [{ ...b.row }] : Array.from({ length: Math.max(0, b.ids[1] - b.ids[0] + 1) }, (_, i) => ({ ...b.values, [key]: b.ids[0] + i })),
  );
  const cols = Object.keys(scenario.table.columns).sort();
  return { id, path: file.path, rows, content: rows.map((r) => JSON.stringify(cols.map((c) => r[c]))).join('\n') };
}

/** The truth: per key, the largest orderBy; on a tie or without orderBy, the last delivered. */
function truthOf(scenario: Scenario, files: Map<string, MFile>, keyOf: (r: Row) => string): Map<string, Row> {
  const ob = scenario.table.orderBy;
  const truth = new Map<string, Row>();
  for (const run of scenario.runs)
    for (const id of run.input)
      for (const row of (files.get(id) as MFile).rows) {
        const cur = truth.get(keyOf(row));
        if (!cur || !ob || !((cur[ob] as number) > (row[ob] as number))) truth.set(keyOf(row), row);
      }
  return truth;
}

/** Plays one lane of the model over the whole scenario. */
export function runModel(scenario: Scenario, pattern: PatternId): ModelMetrics {
  const { key, partitionBy, orderBy } = scenario.table;
  const nonKey = Object.keys(scenario.table.columns).filter((c) => !key.includes(c));
  const table = { key, nonKey, partitionBy: partitionBy ?? null, orderBy: orderBy ?? null };
  const files = new Map(Object.keys(scenario.files).map((id) => [id, expand(scenario, id)]));
  const db = new Db();
  const lane = MODEL_LANES[pattern];
  const attempts: (ModelAttempt & { message: string | null; errorClass: string | null })[] = [];
  let tick = 0;
  scenario.runs.forEach((run, r) => {
    const input = run.input.map((id) => files.get(id) as MFile);
    for (let attempt = 1; attempt <= scenario.retry.maxAttempts; attempt++) {
      const faults = scenario.faults.filter((f) => f.run === r + 1 && f.attempt === attempt);
      const c = new Ctx(db, r + 1, attempt, input, faults, table, () => ++tick);
      let outcome: ModelAttempt['outcome'] = 'ok';
      let message: string | null = null;
      let errorClass: string | null = null;
      try {
        lane(c);
      } catch (e) {
        if (e instanceof ModelCrash) outcome = 'crash';
        else if (e instanceof ModelError) outcome = 'error';
        else throw e;
        message = e.message;
        errorClass = e.errorClass;
      }
      // whatever ends an attempt, what is still open rolls back (the connection is gone)
      db.rollback();
      attempts.push({ run: r + 1, attempt, outcome, rows: db.dest.length, message, errorClass });
      if (outcome === 'ok') break;
    }
  });

  const keyOf = (row: Row) => JSON.stringify(key.map((k) => row[k]));
  const truth = truthOf(scenario, files, keyOf);
  const byKey = new Map<string, Row[]>();
  for (const d of db.dest) byKey.set(keyOf(d.row), [...(byKey.get(keyOf(d.row)) ?? []), d.row]);
  let lost = 0;
  let stale = 0;
  for (const [k, t] of truth) {
    const rows = byKey.get(k);
    if (!rows) lost += 1;
    else if (!rows.some((row) => nonKey.every((col) => row[col] === t[col]))) stale += 1;
  }
  const failed = attempts.filter((a) => a.outcome !== 'ok' && a.attempt === scenario.retry.maxAttempts).pop();
  const error = failed?.message ?? null;
  const problems: Problem[] = [];
  if (error !== null) problems.push('error');
  if (lost > 0) problems.push('lost');
  if (db.dest.length - byKey.size > 0) problems.push('duplicates');
  if (stale > 0) problems.push('stale');
  return {
    rows: db.dest.length,
    duplicates: db.dest.length - byKey.size,
    lost,
    stale,
    error,
    errorClass: failed?.errorClass ?? null,
    verdict: problems[0] ?? 'exactly-once',
    problems,
    attempts: attempts.map(({ run, attempt, outcome, rows }) => ({ run, attempt, outcome, rows })),
  };
}
