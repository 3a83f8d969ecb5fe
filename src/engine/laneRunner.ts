import type { ErrorClass } from '../db/dialect';
import type { SqlPort } from '../db/port';
import { Attempt } from './attempt';
import { oneLine, rowCount } from './format';
import { countAgainstTruth, type AttemptRecord, type Counts } from './metrics';
import { Crash, LaneError } from './moments';
import type { Model } from './model';
import type { Pattern } from './patterns';
import { INTERIM_TRUTH_LIMIT } from './seed';
import { asStepIndex, asTick } from './positions';
import type { FaultDoc } from './schema';
import { sqlText } from './sqlText';
import type { StepDraft, TraceEvent } from './trace';

/** Where a lane stands between two attempts: enough to resume it from a database image. */
export interface LaneCursor {
  run: number;
  attempt: number;
  attempts: AttemptRecord[];
  /** Steps taken so far (also the logical clock). */
  step: number;
  destRows: number;
}

export const START: LaneCursor = { run: 1, attempt: 1, attempts: [], step: 0, destRows: 0 };

/** Events the runner yields: trace events, each `start` carrying the cursor to resume from at that point. */
export interface RunnerEvent {
  event: TraceEvent;
  /** On `start` events: the lane's state just before the attempt runs (a snapshot point: nothing is open). */
  cursor?: LaneCursor;
}

/** Whether a step's statements may have changed `dest` as the lane's connection sees it. */
function mayChangeDest(d: StepDraft): boolean {
  return d.sql.some((sql) => {
    const head = sql.trimStart().slice(0, 8).toUpperCase();
    return head.startsWith('ROLLBACK') || (!head.startsWith('SELECT') && /\bdest\b/i.test(sql));
  });
}

async function metaCount(db: SqlPort, pattern: Pattern): Promise<number> {
  if (!pattern.meta) return 0;
  const r = await db.query(`SELECT COUNT(*) FROM ${pattern.meta.table}`);
  return Number(r.rows[0]?.[0] ?? 0);
}

/**
 * Whether a step can have changed the metadata table's row count: a statement naming it, or one ending a transaction
 * or savepoint without keeping it; and every attempt's start and end (the rollback of what was open). Other steps keep
 * the last count: a COUNT(*) per step made a 1,000-file run cost files² row visits.
 */
function touchesMeta(pattern: Pattern, d: StepDraft): boolean {
  const table = pattern.meta?.table;
  if (!table) return false;
  return d.kind === 'start' || d.kind === 'end' || d.sql.some((s) => s.includes(table) || /^\s*(ROLLBACK|RELEASE)\b/i.test(s));
}

/** Creates the pattern's metadata table in a fresh lane database. */
export async function prepareLane(db: SqlPort, model: Model, pattern: Pattern): Promise<void> {
  if (pattern.prepare) await pattern.prepare(db);
  else if (pattern.meta) await db.script(pattern.meta.ddl);
  if (pattern.keyIndex) await db.run(`CREATE INDEX dest_key ON dest (${sqlText(db.dialect).cols(model.key)})`);
}

/**
 * Plays one lane from `from` to its end: every run, every attempt, every step of the pattern's program, with
 * retries. Pure engine: all state is in the database and in the cursor, so the same inputs give the same events.
 */
export async function* runLane(
  db: SqlPort,
  model: Model,
  laneId: string,
  pattern: Pattern,
  /** The fault schedule this play runs under (a run's input, not part of the compiled model). */
  faults: readonly FaultDoc[],
  from: LaneCursor,
  /** Count against the truth at every step of small scenarios and every attempt end (the UI); off in the CLI. */
  interimCounts = true,
): AsyncGenerator<RunnerEvent, AttemptRecord[]> {
  const attempts = [...from.attempts];
  let step = from.step;
  let destRows = from.destRows;
  const small = interimCounts && model.deliveredRows <= INTERIM_TRUTH_LIMIT;
  let metaRows = 0;

  for (let run = from.run; run <= model.runs.length; run++) {
    const input = model.runs[run - 1] ?? [];
    const runFaults = faults.filter((f) => f.run === run);
    for (let attempt = run === from.run ? from.attempt : 1; attempt <= model.maxAttempts; attempt++) {
      const a = new Attempt(db, model, run, attempt, input, runFaults.filter((f) => f.attempt === attempt), destRows, () => step);
      // The moments a step offers are the ones the program reaches before its next step: handed over then.
      let prev: TraceEvent | null = null;
      const settleOffers = (): void => {
        const offers = a.takeOffers();
        if (prev) prev.offers.push(...offers);
      };
      // Interim counts change only when `dest` does: a step that ran no statement on it keeps the previous step's
      // counts (each count scans `dest`, so counting every step made many-file runs quadratic). Every attempt's start
      // counts afresh (the truth of the run, a rollback at the previous end).
      let lastCounts: Counts | null = null;
      const emit = async (d: StepDraft, extra: Partial<TraceEvent> = {}): Promise<TraceEvent> => {
        settleOffers();
        let counts: Counts | null = null;
        if ('counts' in extra) counts = extra.counts ?? null;
        else if (small) counts = lastCounts && d.kind !== 'start' && !mayChangeDest(d) ? lastCounts : await countAgainstTruth(db, model, run);
        lastCounts = counts;
        const e: TraceEvent = {
          ...d,
          lane: laneId,
          step: asStepIndex(step++),
          tick: asTick(0),
          run,
          attempt,
          txOpen: a.tx,
          destRows: a.destRows,
          committedRows: a.committedRows,
          written: a.written,
          metaRows: touchesMeta(pattern, d) ? (metaRows = await metaCount(db, pattern)) : metaRows,
          offers: [],
          counts,
          ...extra,
        };
        prev = e;
        return e;
      };
      const cursor: LaneCursor = { run, attempt, attempts: [...attempts], step, destRows };
      const retry = attempt > 1 ? ` — retry ${attempt - 1} of ${model.maxAttempts - 1}` : '';
      const label = `run ${run}${model.scenario.runs[run - 1]?.label ? ` (${model.scenario.runs[run - 1]?.label})` : ''} · attempt ${attempt}${retry}`;
      yield { event: await emit({ kind: 'start', label, sql: [], rows: null, file: null, error: null }), cursor };

      let outcome: AttemptRecord['outcome'] = 'ok';
      let message: string | null = null;
      let errorClass: ErrorClass | null = null;
      const program = pattern.program(a);
      try {
        for (;;) {
          const next = await program.next();
          if (next.done) break;
          yield { event: await emit(next.value) };
        }
      } catch (e) {
        if (e instanceof Crash) outcome = 'crash';
        else if (e instanceof LaneError) outcome = 'error';
        else throw e;
        message = e.message;
        errorClass = e.errorClass;
      }
      settleOffers();
      const undone = await a.abandon();
      // The row count a reader sees once the attempt is over, counted by SQL (not by the bookkeeping).
      const rows = Number((await db.query('SELECT COUNT(*) FROM dest')).rows[0]?.[0] ?? 0);
      if (rows !== a.destRows) throw new Error(`engine bookkeeping drifted in ${laneId}: ${a.destRows} tracked, ${rows} counted`);
      destRows = rows;
      attempts.push({ run, attempt, outcome, rows, message, errorClass });
      // Every attempt end is judged against the truth of the runs so far (the last run's truth is the final one);
      // without interim counts (the CLI) only the lane's last attempt is, and that count is its final metrics.
      const last = run === model.runs.length && (outcome === 'ok' || attempt === model.maxAttempts);
      const judged = interimCounts ? small || run === model.runs.length : last;
      const counts = judged ? await countAgainstTruth(db, model, small ? run : undefined) : null;
      const endLabel =
        outcome === 'ok'
          ? `attempt ${attempt} succeeded: dest holds ${rowCount(rows)}`
          : `attempt ${attempt} failed (${oneLine(message ?? '')}); ${undone.length ? 'the open transaction rolled back; ' : ''}dest holds ${rowCount(rows)}` +
            (attempt < model.maxAttempts ? '; the scheduler retries from the start' : '; retries exhausted, the run is marked failed');
      const end = await emit({ kind: 'end', label: endLabel, sql: undone, rows: null, file: null, error: message }, { outcome, counts, txOpen: false, destRows: rows, committedRows: rows, ...(errorClass ? { errorClass } : {}) });
      yield { event: end };
      if (outcome === 'ok') break;
    }
  }
  return attempts;
}
