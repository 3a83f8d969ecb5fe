import type { SqlValue } from '../../db/port';
import type { Attempt, Statement } from '../attempt';
import { fmt, oneLine, rowCount } from '../format';
import type { FileModel } from '../model';
import { isCrash, LaneError } from '../moments';
import { note, type StepDraft } from '../trace';
import { statementName, type CompiledLane, type CompiledStatement } from './compile';
import { touchOf, type Touch } from './guard';
import type { UnitParam } from './language';
import { reportStatement } from './probe';

type Step = AsyncGenerator<StepDraft, void>;

/** A row-by-row statement that reads the table it writes runs one statement per row: bounded, so a trace stays small. */
export const MAX_ROW_BY_ROW_ROWS = 10_000;

/** One unit of work: a file of the input, or the whole run's input. */
interface Unit {
  files: FileModel[];
  rows: number;
}

const unitName = (u: Unit): string => (u.files.length === 1 ? oneLine((u.files[0] as FileModel).path) : `the run's ${u.files.length} files`);

/**
 * Runs one attempt of a custom lane (scenarios/CUSTOM_LANES.md is the definition): per unit, the skip query, the
 * batch, the statements — in one transaction or each committing by itself — and on an error the rollback and the
 * handler. Fault moments are placed as for the built-ins; a moment that falls inside one statement fires right after
 * it, before anything commits it (a statement is atomic).
 */
export async function* customProgram(a: Attempt, lane: CompiledLane, touches: Map<CompiledStatement, Touch>): Step {
  const units: Unit[] =
    lane.unit === 'file'
      ? a.input.map((f) => ({ files: [f], rows: f.rows }))
      : a.input.length
        ? [{ files: a.input, rows: a.input.reduce((n, f) => n + f.rows, 0) }]
        : [];
  const bind = (s: CompiledStatement, u: Unit): SqlValue[] => s.params.map((p) => paramValue(a, p, u));
  /** Whether a unit's skip query finds a row (run as engine bookkeeping: the look-ahead for "before commit"). */
  const skipped = async (u: Unit): Promise<boolean> => (lane.skip ? (await a.peek(lane.skip.sql, bind(lane.skip, u))).rows.length > 0 : false);
  let processed = 0;
  for (const [ui, unit] of units.entries()) {
    if (lane.skip) {
      await touchOf(a, lane, lane.skip, touches);
      reportStatement('skip');
      const found = yield* a.query({
        kind: 'check',
        label: (r) => `skip check for ${unitName(unit)}: ${r.rows.length ? 'a row came back, skip it' : 'no row, process it'}`,
        sql: lane.skip.sql,
        params: bind(lane.skip, unit),
        file: unit.files.length === 1 ? (unit.files[0] as FileModel).id : null,
      });
      if (found.rows.length > 0) {
        yield note('skip', `skip ${unitName(unit)}: the skip query found a row`, unit.files.length === 1 ? (unit.files[0] as FileModel).id : null);
        continue;
      }
    }
    yield* readUnit(a, unit);
    // Which statements write `dest`: the file moments sit around the first and the last of them.
    const touched: Touch[] = [];
    for (const s of lane.statements) touched.push(await named(s, touchOf(a, lane, s, touches)));
    const writes = touched.map((t) => t.writesDest);
    const firstWrite = writes.indexOf(true);
    const lastWrite = writes.lastIndexOf(true);
    const finalIndex = lane.statements.length - 1;
    if (lane.transaction) yield* a.begin();
    try {
      for (const [si, s] of lane.statements.entries()) {
        const isFirst = si === firstWrite;
        const isLast = si === lastWrite;
        const place = { isFirst, isLast, writes: writes[si] === true, changes: touched[si]?.changesDest === true };
        if (s.perRow) yield* perRow(a, lane, s, unit, bind, place);
        else yield* setBased(a, lane, s, unit, bind, place);
        // the last file's rows are written; committed now unless the transaction holds more, or commits just below
        if (isLast && !(lane.transaction && si === finalIndex)) yield* a.at({ kind: 'after-write', file: unit.files[unit.files.length - 1] as FileModel });
      }
      if (firstWrite < 0) yield* fileMoments(a, unit.files, true);
      if (lane.transaction) {
        // "before commit": inside the last transaction this attempt commits; later units the skip query would skip
        // (it sees this unit's writes) do not count
        let last = true;
        for (const later of units.slice(ui + 1)) {
          if (!(await skipped(later))) {
            last = false;
            break;
          }
        }
        if (last) yield* a.at({ kind: 'before-commit' });
        yield* a.commit();
        if (lastWrite === finalIndex) yield* a.at({ kind: 'after-write', file: unit.files[unit.files.length - 1] as FileModel });
      }
      processed += 1;
    } catch (e) {
      if (isCrash(e)) throw e;
      if (a.tx) yield* a.rollback('the error rolls the open transaction back');
      for (const h of lane.onError) {
        yield* handlerStep(a, lane, h, unit, bind, touches);
      }
      throw e;
    }
  }
  if (!lane.transaction || processed === 0) yield* a.at({ kind: 'before-commit' });
}

/** Runs one handler statement as one step, in autocommit, its failure named. */
async function* handlerStep(
  a: Attempt,
  lane: CompiledLane,
  s: CompiledStatement,
  unit: Unit,
  bind: (s: CompiledStatement, u: Unit) => SqlValue[],
  touches: Map<CompiledStatement, Touch>,
): Step {
  const touch = await named(s, touchOf(a, lane, s, touches));
  yield* named(s, a.execAll({
    kind: 'handler',
    label: (changed) => `${statementName(s)}: ${oneLine(s.source).slice(0, 80)} (${rowCount(changed[0] ?? 0)})`,
    sql: [{ sql: s.sql, params: bind(s, unit), effect: touch.changesDest ? 'recount' : 'none', written: false }],
    file: unit.files.length === 1 ? (unit.files[0] as FileModel).id : null,
  }));
}

/** The value of a named parameter for a unit. */
function paramValue(a: Attempt, p: UnitParam, u: Unit): SqlValue {
  const file = u.files[0] as FileModel;
  switch (p) {
    case 'path':
      return file.path;
    case 'hash':
      return file.contentHash;
    case 'path_hash':
      return file.pathHash;
    case 'run':
      return a.run;
    case 'attempt':
      return a.attempt;
    case 'rows':
      return u.rows;
    case 'now':
      return a.now();
  }
}

/** The file moments that come before a file's first row: after its partition delete, before its write. */
async function* beforeFile(a: Attempt, f: FileModel): Step {
  yield* a.at({ kind: 'after-delete', file: f });
  yield* a.at({ kind: 'before-write', file: f });
}

/** Every file moment of `files` in order; `withAfter` adds their after-write (a unit whose statements write nothing). */
async function* fileMoments(a: Attempt, files: FileModel[], withAfter: boolean): Step {
  for (const f of files) {
    yield* beforeFile(a, f);
    if (withAfter) yield* a.at({ kind: 'after-write', file: f });
  }
}

/** Re-raises a statement's failure with its name in the message (the class is kept). */
async function named<T>(s: CompiledStatement, p: Promise<T>): Promise<T>;
function named<T>(s: CompiledStatement, g: AsyncGenerator<StepDraft, T>): AsyncGenerator<StepDraft, T>;
function named<T>(s: CompiledStatement, x: Promise<T> | AsyncGenerator<StepDraft, T>): Promise<T> | AsyncGenerator<StepDraft, T> {
  reportStatement(statementName(s));
  const wrap = (e: unknown): never => {
    if (e instanceof LaneError && e.errorClass !== 'injected' && !e.message.startsWith(statementName(s))) throw new LaneError(`${statementName(s)}: ${e.message}`, e.errorClass);
    throw e;
  };
  if (x instanceof Promise) return x.catch(wrap);
  return (async function* () {
    try {
      return yield* x;
    } catch (e) {
      return wrap(e);
    }
  })();
}

interface Place {
  isFirst: boolean;
  isLast: boolean;
  /** It inserts or updates `dest` rows (a write). */
  writes: boolean;
  /** It changes `dest` at all (a DELETE too): `dest` is counted again after it. */
  changes: boolean;
}

/** The step kind a statement shows as. */
const kindOf = (s: CompiledStatement, at: Place): 'write' | 'delete' | 'check' | 'mark' =>
  at.writes ? 'write' : at.changes ? 'delete' : s.action === 'SELECT' || s.action === 'VALUES' ? 'check' : 'mark';

/**
 * A set-based statement: one step. In autocommit a write runs inside BEGIN … COMMIT so that a moment falling inside it
 * fires before its commit (statement atomicity: a crash then takes the statement's rows with it).
 */
async function* setBased(a: Attempt, lane: CompiledLane, s: CompiledStatement, unit: Unit, bind: (s: CompiledStatement, u: Unit) => SqlValue[], at: Place): Step {
  const [first, ...rest] = unit.files as [FileModel, ...FileModel[]];
  if (at.isFirst) yield* beforeFile(a, first);
  const wrap = at.writes && !lane.transaction;
  const main: Statement = { sql: s.sql, params: bind(s, unit), effect: at.changes ? 'recount' : 'none', written: at.writes };
  const before = a.written;
  yield* named(s, a.execAll({
    kind: kindOf(s, at),
    label: (changed) =>
      `${statementName(s)}: ${oneLine(s.source).slice(0, 80)} — ${rowCount(changed[wrap ? 1 : 0] ?? 0)}` +
      (at.writes ? `; ${fmt(a.written)} written this attempt${wrap ? ' (commits by itself)' : lane.transaction ? ' (inside the transaction)' : ''}` : ''),
    sql: wrap ? [{ sql: 'BEGIN' }, main] : [main],
    file: unit.files.length === 1 ? first.id : null,
  }));
  // moments inside the statement: later files' first rows, the rows it wrote, earlier files' last rows
  if (at.isFirst) for (const f of rest) yield* beforeFile(a, f);
  if (a.written > before) yield* a.at({ kind: 'afterRows', rows: a.written });
  if (at.isLast) for (const f of unit.files.slice(0, -1)) yield* a.at({ kind: 'after-write', file: f });
  if (wrap) yield* a.execAll({ kind: 'commit', label: 'the statement commits by itself (autocommit)', sql: [{ sql: 'COMMIT' }] });
}

/**
 * A row-by-row statement: `batch` holds one row at a time. An INSERT that does not read its target runs per chunk of
 * rows (the same rows, one statement per chunk), cut where an afterRows fault falls so the cut is exact; any other
 * statement really runs once per row.
 */
async function* perRow(a: Attempt, lane: CompiledLane, s: CompiledStatement, unit: Unit, bind: (s: CompiledStatement, u: Unit) => SqlValue[], at: Place): Step {
  if (!s.chunkable && unit.rows > MAX_ROW_BY_ROW_ROWS)
    throw new LaneError(`${statementName(s)} runs once per row and reads the table it writes; this batch has ${fmt(unit.rows)} rows, more than the limit of ${fmt(MAX_ROW_BY_ROW_ROWS)} for such a statement`, 'other');
  const size = Math.max(1, Math.ceil(unit.rows / 10));
  const pending = (): number | null => a.nextAfterRows();
  for (const [pos, f] of unit.files.entries()) {
    if (at.isFirst) yield* beforeFile(a, f);
    let from = 1;
    while (from <= f.rows) {
      let to = s.chunkable ? Math.min(f.rows, from + size - 1) : from;
      const target = pending();
      if (at.writes && target !== null) {
        const left = target - a.written;
        if (left > 0 && left < to - from + 1) to = from + left - 1;
      }
      const wrap = !lane.transaction;
      const views = windowSql(a, unit, pos, from, to);
      const main: Statement = { sql: s.sql, params: bind(s, unit), effect: at.changes ? 'recount' : 'none', written: at.writes };
      const statements: Statement[] = [...views, ...(wrap ? [{ sql: 'BEGIN' }, main, { sql: 'COMMIT' }] : [main])];
      const mainAt = views.length + (wrap ? 1 : 0);
      try {
        yield* named(s, a.execAll({
          kind: kindOf(s, at),
          label: (changed) =>
            `${statementName(s)} for ${oneLine(f.path)} row${from === to ? ` ${fmt(from)}` : `s ${fmt(from)}–${fmt(to)}`} (${rowCount(changed[mainAt] ?? 0)}${wrap ? ', each row commits by itself' : ', inside the transaction'})` +
            (at.writes ? `; ${fmt(a.written)} written this attempt` : ''),
          sql: statements,
          file: f.id,
          seq: [from, to],
          ...(s.chunkable && to > from ? { note: 'One statement per row in the lane; run here once over the chunk (an INSERT that does not read its target gives the same rows, and no fault falls inside the chunk).' } : {}),
        }));
      } catch (e) {
        // a chunk that fails in autocommit: rows before the failing one committed; find it by running them one by one
        if (!(e instanceof LaneError) || e.errorClass === 'injected' || to === from || !wrap) throw e;
        if (a.tx) yield* a.rollback('the chunk failed: its rows run again one by one to find the failing row');
        for (let r = from; r <= to; r++) {
          const one = windowSql(a, unit, pos, r, r);
          yield* named(s, a.execAll({
            kind: kindOf(s, at),
            label: (changed) => `${statementName(s)} for ${oneLine(f.path)} row ${fmt(r)} (${rowCount(changed[one.length + 1] ?? 0)}, commits by itself)`,
            sql: [...one, { sql: 'BEGIN' }, main, { sql: 'COMMIT' }],
            file: f.id,
            seq: [r, r],
          }));
          if (at.writes) yield* a.at({ kind: 'afterRows', rows: a.written });
        }
        throw new Error('a failing chunk ran row by row without failing: the statement is not the same per row and per chunk');
      }
      if (at.writes) yield* a.at({ kind: 'afterRows', rows: a.written });
      from = to + 1;
    }
    if (at.isLast && pos < unit.files.length - 1) yield* a.at({ kind: 'after-write', file: f });
  }
  yield* readUnit(a, unit, false);
}

/** The statements that point `batch` at rows `from`..`to` of the unit's file at `pos` (0-based). */
function windowSql(a: Attempt, unit: Unit, pos: number, from: number, to: number): Statement[] {
  return batchViews(a, unit, { pos, from, to });
}

/** `batch` (dest's columns: the rows with lineage) and `batch_n` (the same with `_n`, the delivery order) over the unit, or a window of it. */
function batchViews(a: Attempt, unit: Unit, rows: { pos: number; from: number; to: number } | null): Statement[] {
  const { cols } = a.sql;
  const values = unit.files.map((f, i) => `(${i + 1}, '${f.id}')`).join(', ');
  const where = rows ? ` WHERE i.column1 = ${rows.pos + 1} AND l._rt_seq BETWEEN ${rows.from} AND ${rows.to}` : '';
  const from = `FROM (VALUES ${values}) AS i JOIN landing l ON l._rt_file = i.column2 JOIN files f ON f.id = i.column2${where}`;
  const select = `SELECT ${cols(a.model.columns, 'l')}, ${a.run} AS _run, ${a.attempt} AS _attempt, f.path AS _file`;
  return [
    { sql: 'DROP VIEW IF EXISTS batch' },
    { sql: 'DROP VIEW IF EXISTS batch_n' },
    { sql: `CREATE VIEW batch AS ${select} ${from}` },
    { sql: `CREATE VIEW batch_n AS ${select}, ROW_NUMBER() OVER (ORDER BY i.column1, l._rt_seq) AS _n ${from}` },
  ];
}

/** Stages the unit as `batch` and `batch_n`: a read step, or silently (restoring the whole unit after a row-by-row statement). */
async function* readUnit(a: Attempt, unit: Unit, asStep = true): Step {
  const statements = batchViews(a, unit, null);
  if (!asStep) {
    for (const s of statements) await a.peek(s.sql);
    return;
  }
  yield* a.execAll({
    kind: 'read',
    label: `read ${unitName(unit)} into the batch: ${rowCount(unit.rows)}`,
    sql: statements,
    rows: unit.rows,
    file: unit.files.length === 1 ? (unit.files[0] as FileModel).id : null,
  });
}
