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
import { interleave, RacesNeedConnections } from './race';

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

/** Connections a race needs beyond the lane's own: a second runner's, and an observer's that sees only committed rows. */
export type Connect = () => Promise<SqlPort | null>;

/** What every attempt of a play shares: the lane's identity, its clock and its record of attempts. */
interface PlayContext {
  model: Model;
  laneId: string;
  pattern: Pattern;
  faults: readonly FaultDoc[];
  interimCounts: boolean;
  small: boolean;
  /** The logical clock: steps taken (and the index of the next event outside races). */
  clock: number;
  attempts: AttemptRecord[];
  metaRows: number;
  destRows: number;
}

/** A read that may fail on a connection whose transaction a failed statement aborted (PostgreSQL): the fallback then. */
async function readable<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch {
    return fallback;
  }
}

/** A port whose calls run one after another (a driver connection takes one query at a time). */
function serialized(port: SqlPort): SqlPort {
  let chain: Promise<unknown> = Promise.resolve();
  const queue = <T>(f: () => Promise<T>): Promise<T> => {
    const p = chain.then(f, f);
    chain = p.catch(() => undefined);
    return p;
  };
  return {
    dialect: port.dialect,
    run: (sql, params) => queue(() => port.run(sql, params)),
    query: (sql, params) => queue(() => port.query(sql, params)),
    script: (sql) => queue(() => port.script(sql)),
    writeMany: (sql, rows) => queue(() => port.writeMany(sql, rows)),
    snapshot: () => queue(() => port.snapshot()),
    close: () => queue(() => port.close()),
  };
}

/** In a race: which runner this is, and how to read what other connections see. */
interface RaceSide {
  runner: 1 | 2;
  /** A connection with no transaction of its own: counts what is committed. */
  observer: SqlPort;
}

/**
 * The attempts of one run on one connection, with retries, as trace events. In a race the other runner changes
 * `dest` too, so `dest`'s counts are read from SQL at every step instead of being kept by the Attempt.
 */
async function* attemptsOfRun(ctx: PlayContext, db: SqlPort, run: number, firstAttempt: number, race: RaceSide | null): AsyncGenerator<RunnerEvent, void> {
  const { model, laneId, pattern } = ctx;
  const input = model.runs[run - 1] ?? [];
  // the second runner of a race plays no scheduled fault: faults belong to the run's own runner
  const runFaults = race?.runner === 2 ? [] : ctx.faults.filter((f) => f.run === run);
  const count = async (conn: SqlPort): Promise<number> => Number((await conn.query('SELECT COUNT(*) FROM dest')).rows[0]?.[0] ?? 0);
  for (let attempt = firstAttempt; attempt <= model.maxAttempts; attempt++) {
    const startRows = race ? await count(db) : ctx.destRows;
    const a = new Attempt(db, model, run, attempt, input, runFaults.filter((f) => f.attempt === attempt), startRows, () => ctx.clock);
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
    let lastSeen = startRows;
    const emit = async (d: StepDraft, extra: Partial<TraceEvent> = {}): Promise<TraceEvent> => {
      settleOffers();
      let counts: Counts | null = null;
      if ('counts' in extra) counts = extra.counts ?? null;
      else if (ctx.small) counts = lastCounts && d.kind !== 'start' && !mayChangeDest(d) && !race ? lastCounts : await readable(() => countAgainstTruth(db, model, run), lastCounts);
      lastCounts = counts;
      // (in PostgreSQL a failed statement aborts its transaction: nothing can be read on that connection until the
      // rollback, so such a step keeps the last figures)
      const seen = race ? { destRows: (lastSeen = await readable(() => count(db), lastSeen)), committedRows: await count(race.observer) } : { destRows: a.destRows, committedRows: a.committedRows };
      const e: TraceEvent = {
        ...d,
        lane: laneId,
        step: asStepIndex(ctx.clock++),
        tick: asTick(0),
        run,
        attempt,
        txOpen: a.tx,
        ...seen,
        written: a.written,
        metaRows: touchesMeta(pattern, d) || race ? (ctx.metaRows = await readable(() => metaCount(db, pattern), ctx.metaRows)) : ctx.metaRows,
        offers: [],
        counts,
        ...(race ? { runner: race.runner } : {}),
        ...extra,
      };
      prev = e;
      return e;
    };
    // a race has no snapshot points: the other runner's connection holds work no image of this one has
    const cursor: LaneCursor | undefined = race ? undefined : { run, attempt, attempts: [...ctx.attempts], step: ctx.clock, destRows: ctx.destRows };
    const retry = attempt > 1 ? ` — retry ${attempt - 1} of ${model.maxAttempts - 1}` : '';
    const who = race ? ` · runner ${race.runner}${race.runner === 2 ? ' (the second trigger)' : ''}` : '';
    const label = `run ${run}${model.scenario.runs[run - 1]?.label ? ` (${model.scenario.runs[run - 1]?.label})` : ''} · attempt ${attempt}${retry}${who}`;
    yield { event: await emit({ kind: 'start', label, sql: [], rows: null, file: null, error: null }), ...(cursor ? { cursor } : {}) };

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
    const rows = await count(db);
    if (!race && rows !== a.destRows) throw new Error(`engine bookkeeping drifted in ${laneId}: ${a.destRows} tracked, ${rows} counted`);
    ctx.destRows = rows;
    ctx.attempts.push({ run, attempt, outcome, rows, message, errorClass, ...(race ? { runner: race.runner } : {}) });
    // Every attempt end is judged against the truth of the runs so far (the last run's truth is the final one);
    // without interim counts (the CLI) only the lane's last attempt is, and that count is its final metrics.
    const last = run === model.runs.length && (outcome === 'ok' || attempt === model.maxAttempts);
    const judged = ctx.interimCounts ? ctx.small || run === model.runs.length : last;
    const counts = judged && !race ? await countAgainstTruth(db, model, ctx.small ? run : undefined) : null;
    const endLabel =
      outcome === 'ok'
        ? `attempt ${attempt} succeeded: dest holds ${rowCount(rows)}`
        : `attempt ${attempt} failed (${oneLine(message ?? '')}); ${undone.length ? 'the open transaction rolled back; ' : ''}dest holds ${rowCount(rows)}` +
          (attempt < model.maxAttempts ? '; the scheduler retries from the start' : '; retries exhausted, the run is marked failed');
    const end = await emit({ kind: 'end', label: endLabel, sql: undone, rows: null, file: null, error: message }, { outcome, counts, txOpen: false, destRows: rows, committedRows: race ? await count(race.observer) : rows, ...(errorClass ? { errorClass } : {}) });
    yield { event: end };
    if (outcome === 'ok') break;
  }
}

/**
 * Plays one lane from `from` to its end: every run, every attempt, every step of the pattern's program, with
 * retries. Pure engine: all state is in the database and in the cursor, so the same inputs give the same events.
 * A run with a `race` plays two runners on two connections, interleaved (race.ts); `connect` opens them.
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
  connect: Connect = async () => null,
): AsyncGenerator<RunnerEvent, AttemptRecord[]> {
  const ctx: PlayContext = {
    model,
    laneId,
    pattern,
    faults,
    interimCounts,
    small: interimCounts && model.deliveredRows <= INTERIM_TRUTH_LIMIT,
    clock: from.step,
    attempts: [...from.attempts],
    metaRows: 0,
    destRows: from.destRows,
  };
  let index = from.step;
  for (let run = from.run; run <= model.runs.length; run++) {
    const race = model.scenario.runs[run - 1]?.race;
    if (!race) {
      for await (const e of attemptsOfRun(ctx, db, run, run === from.run ? from.attempt : 1, null)) {
        e.event.step = asStepIndex(index++);
        yield e;
      }
      continue;
    }
    const second = await connect();
    const observerConn = await connect();
    if (!second || !observerConn) throw new RacesNeedConnections();
    // both runners and the lock watch read through the observer: one query at a time on its connection
    const observer = serialized(observerConn);
    try {
      const otherRun = race.second === 'same' ? run : run + 1;
      const one = attemptsOfRun(ctx, db, run, 1, { runner: 1, observer });
      const two = attemptsOfRun(ctx, second, otherRun, 1, { runner: 2, observer });
      for await (const e of interleave(one, two, race, { db, second, observer })) {
        e.event.step = asStepIndex(index++);
        yield e;
      }
      ctx.destRows = Number((await db.query('SELECT COUNT(*) FROM dest')).rows[0]?.[0] ?? 0);
    } finally {
      await second.close();
      await observerConn.close();
    }
    if (race.second === 'next') run++;
  }
  return ctx.attempts;
}
