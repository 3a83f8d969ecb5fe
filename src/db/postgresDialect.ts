import type { Dialect, ErrorClass } from './dialect';
import { postgresTablesTouched } from './postgresPlan';

/**
 * PostgreSQL's error codes (SQLSTATE) by class: https://www.postgresql.org/docs/15/errcodes-appendix.html. SQLite
 * reports a missing table, column or function as a syntax error ("no such table"); so does this table.
 */
const SQLSTATES: [RegExp, ErrorClass][] = [
  [/^(42601|42P01|42703|42883|42P02|42704|42P10)$/, 'syntax'],
  [/^23/, 'constraint'],
];

/** The same classes from the message alone (an error that carries no SQLSTATE, e.g. from another driver). */
const MESSAGES: [RegExp, ErrorClass][] = [
  [/MERGE command cannot affect row a second time/i, 'multi-match'],
  [/syntax error|unterminated quoted string|does not exist/i, 'syntax'],
  [/violates (unique|not-null|check|foreign key|exclusion) constraint|duplicate key value/i, 'constraint'],
];

/** The SQL that is PostgreSQL's own: `IS NOT DISTINCT FROM`, an identity column for the row order, real `MERGE`. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  quote: (name) => `"${name.replaceAll('"', '""')}"`,
  nullSafeEqual: (a, b) => `${a} IS NOT DISTINCT FROM ${b}`,
  // PostgreSQL has no rowid (ctid is a physical address that an UPDATE moves): dest gets an identity column. Its
  // sequence never goes back (a rolled-back insert leaves a gap), so "above the largest id before" still means
  // "inserted since".
  rowId: (alias) => (alias ? `${alias}._rt_id` : '_rt_id'),
  // (its primary key: MAX and "above" are index lookups, as rowid's are)
  rowIdColumn: ', _rt_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
  // SQLite's INTEGER is 64-bit (PostgreSQL's is 32), its REAL a double; its text compares byte by byte (BINARY): "C".
  columnType: (declared) => ({ INTEGER: 'BIGINT', REAL: 'DOUBLE PRECISION', TEXT: 'TEXT COLLATE "C"' })[declared],
  clusteredTable: '',
  templateSetup: '',
  templateFinish: 'ANALYZE',
  nativeMerge: true,
  // SET and RESET are undone with the savepoint they ran in; these are not. Nor is a sequence (dest's identity
  // column): a rolled-back INSERT, MERGE, UPDATE … DEFAULT or nextval still moves it, and the lane's later rows would
  // get other `_rt_id`s than a replay gives them (any word that may reach one counts, conservatively).
  changesSettings: (sql) =>
    /^\s*(prepare|deallocate|discard|load|listen|unlisten|notify|vacuum|checkpoint|cluster|reindex|alter\s+system)\b/i.test(sql) ||
    /\b(insert|merge|default|nextval|setval|alter|create|copy|call|do)\b/i.test(sql),
  savepointNeedsTransaction: true,
  tablesTouched: postgresTablesTouched,
  // races: which server process a connection is, and whether it waits on another's lock
  sessionIdSql: 'SELECT pg_backend_pid()',
  blockedSql: 'SELECT CASE WHEN cardinality(pg_blocking_pids(CAST(? AS INTEGER))) > 0 THEN 1 ELSE 0 END',
  classifyError(message, code) {
    // 21000 is also "more than one row returned by a subquery used as an expression": the message tells them apart.
    if (/MERGE command cannot affect row a second time/i.test(message)) return 'multi-match';
    if (code) for (const [re, cls] of SQLSTATES) if (re.test(code)) return cls;
    if (code) return 'other';
    for (const [re, cls] of MESSAGES) if (re.test(message)) return cls;
    return 'other';
  },
};
