import type { DatabaseTemplate, SqlBackend, SqlPort } from '../db/port';
import { countAgainstTruth, finalError, judge, type AttemptRecord, type LaneMetrics } from './metrics';
import type { Model } from './model';
import { patternFor, type Pattern } from './patterns';
import { prepareLane, runLane, START, type LaneCursor, type RunnerEvent } from './laneRunner';
import { asStepCount, type StepCount } from './positions';
import type { FaultDoc } from './schema';
import type { TraceEvent } from './trace';
import type { LaneSpec } from './validate';

/** Snapshots larger than this are not kept (the lane replays from an earlier one): bounds memory on 1M-row runs. */
export const SNAPSHOT_BYTES_LIMIT = 48 * 1024 * 1024;

interface Snapshot {
  step: number;
  template: DatabaseTemplate;
  cursor: LaneCursor;
}

const templateBytes = (t: DatabaseTemplate): number => (t.kind === 'image' ? t.bytes.byteLength : 0);

/** The savepoint a console statement runs in. */
const CONSOLE_SAVEPOINT = 'runtwice_console';

/**
 * One lane of a simulation: its database, the runner generator that advances it, the trace recorded so far, and
 * snapshots at attempt starts. Seeking back restores the nearest snapshot and replays (the engine is deterministic).
 */
export class Lane {
  readonly pattern: Pattern;
  /** Every event this lane has produced, in order (the whole trace once `done`). */
  readonly trace: TraceEvent[] = [];
  /** Number of events applied to the database as it is now. */
  position: StepCount = asStepCount(0);
  done = false;
  attempts: AttemptRecord[] | null = null;
  metrics: LaneMetrics | null = null;
  private db: SqlPort | null = null;
  private gen: AsyncGenerator<RunnerEvent, AttemptRecord[]> | null = null;
  private readonly snapshots: Snapshot[] = [];
  /** A user statement may have changed the database: the next seek restores it. */
  private dirty = false;

  constructor(
    readonly spec: LaneSpec,
    private readonly model: Model,
    private readonly backend: SqlBackend,
    private readonly seed: DatabaseTemplate,
    /** The fault schedule this lane plays under. */
    private readonly faults: readonly FaultDoc[],
    /** Keep snapshots for seeking back and count against the truth between attempts (the CLI turns both off). */
    readonly interactive = true,
  ) {
    this.pattern = patternFor(spec, model, backend.dialect.quote);
  }

  private async open(template: DatabaseTemplate, cursor: LaneCursor, fresh: boolean): Promise<void> {
    await this.db?.close();
    this.db = await this.backend.clone(template);
    if (fresh) await prepareLane(this.db, this.model, this.pattern);
    const db = this.db;
    this.gen = runLane(db, this.model, this.spec.id, this.pattern, this.faults, cursor, this.interactive, () => this.backend.connect(db));
  }

  /** Applies the next event; records it if it is new. Returns null at the end of the lane. */
  async advance(): Promise<TraceEvent | null> {
    if (!this.db || !this.gen) {
      if (this.position !== 0) throw new Error('lane lost its database');
      await this.open(this.seed, START, true);
    }
    if (this.dirty) await this.seek(this.position);
    const gen = this.gen as AsyncGenerator<RunnerEvent, AttemptRecord[]>;
    const next = await gen.next();
    if (next.done) {
      if (!this.done) await this.finish(next.value);
      return null;
    }
    const { event, cursor } = next.value;
    if (this.interactive && cursor && event.step === this.trace.length && event.step > 0) await this.snapshot(event.step, cursor);
    if (this.position === this.trace.length) this.trace.push(event);
    this.position = asStepCount(this.position + 1);
    return event;
  }

  private async snapshot(step: number, cursor: LaneCursor): Promise<void> {
    const template = await (this.db as SqlPort).snapshot();
    if (template && templateBytes(template) <= SNAPSHOT_BYTES_LIMIT) this.snapshots.push({ step, template, cursor });
  }

  private async finish(attempts: AttemptRecord[]): Promise<void> {
    this.done = true;
    this.attempts = attempts;
    // The last attempt's end event was counted against the final truth, on the database as it is now.
    const end = this.trace.at(-1);
    const counts = end?.kind === 'end' && end.counts ? end.counts : await countAgainstTruth(this.db as SqlPort, this.model);
    const { error, errorClass } = finalError(attempts, this.model.maxAttempts);
    this.metrics = {
      ...counts,
      error,
      errorClass,
      ...judge(counts, error),
      attempts: attempts.map(({ run, attempt, outcome, rows, runner }) => ({ run, attempt, outcome, rows, ...(runner ? { runner } : {}) })),
    };
  }

  /** Runs the lane to its end. */
  async runToEnd(onEvent?: (e: TraceEvent) => void): Promise<void> {
    for (;;) {
      const e = await this.advance();
      if (!e) return;
      onEvent?.(e);
    }
  }

  /** Puts the database in the state right after `count` events (0: before the first). */
  async seek(count: StepCount): Promise<void> {
    if (count < this.position || this.dirty || !this.db) {
      const snap = [...this.snapshots].reverse().find((s) => s.step <= count);
      if (snap) await this.open(snap.template, snap.cursor, false);
      else await this.open(this.seed, START, true);
      this.position = asStepCount(snap ? snap.step : 0);
      this.dirty = false;
    }
    while (this.position < count) if (!(await this.advance())) break;
  }

  /**
   * Runs one statement of the user's against this lane's database at its current position, inside a savepoint that
   * is always rolled back: whatever the statement is, the lane is unchanged afterwards. Should the statement escape
   * the savepoint (it commits, releases it, changes a setting), the lane is rebuilt before its next use.
   */
  async query(sql: string): Promise<{ columns: string[]; rows: unknown[][] }> {
    const [only] = await this.queryEach([sql]);
    if (!only || 'error' in only) throw new Error(only?.error ?? 'no statement');
    return only;
  }

  /**
   * Runs the user's statements in order inside ONE savepoint that is always rolled back: a scratch copy of the lane
   * at its position, where a later statement sees what an earlier one wrote, and which is discarded afterwards (the
   * lane is unchanged, as with `query`). Stops at the first statement that fails: its entry carries the error.
   */
  async queryEach(statements: readonly string[]): Promise<({ columns: string[]; rows: unknown[][] } | { error: string })[]> {
    if (!this.db || this.dirty) await this.seek(this.position);
    const db = this.db as SqlPort;
    // A setting a savepoint cannot undo (the dialect knows which statements change one): the lane is rebuilt before
    // its next use. Statements that end the savepoint's transaction (COMMIT, END, ROLLBACK, RELEASE) are caught when
    // rolling back to it fails; BEGIN, ATTACH and VACUUM fail inside a transaction.
    if (statements.some((sql) => db.dialect.changesSettings(sql))) this.dirty = true;
    // Where a savepoint needs a transaction (PostgreSQL) and the lane has none open, the console opens its own and
    // rolls all of it back (a refused SAVEPOINT outside a transaction changes nothing).
    let began = false;
    try {
      await db.run(`SAVEPOINT ${CONSOLE_SAVEPOINT}`);
    } catch (e) {
      if (!db.dialect.savepointNeedsTransaction) throw e;
      await db.run('BEGIN');
      began = true;
      await db.run(`SAVEPOINT ${CONSOLE_SAVEPOINT}`);
    }
    try {
      const out: ({ columns: string[]; rows: unknown[][] } | { error: string })[] = [];
      for (const sql of statements) {
        try {
          out.push(await db.query(sql));
        } catch (e) {
          out.push({ error: (e as Error).message });
          break;
        }
      }
      return out;
    } finally {
      try {
        // (first, even in a transaction of the console's own: a COMMIT among the statements shows here)
        await db.run(`ROLLBACK TO ${CONSOLE_SAVEPOINT}`);
        await db.run(began ? 'ROLLBACK' : `RELEASE ${CONSOLE_SAVEPOINT}`);
      } catch {
        this.dirty = true;
        if (began) await db.run('ROLLBACK').catch(() => undefined);
      }
    }
  }

  /** Frees the database (the trace, metrics and snapshots stay). */
  async release(): Promise<void> {
    await this.db?.close();
    this.db = null;
    this.gen = null;
  }
}
