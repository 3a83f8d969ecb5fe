import type { Dialect, ErrorClass } from './dialect';
import { sqliteTablesTouched } from './sqlitePlan';

/** SQLite's error texts (sqlite3_errmsg), by class: https://www.sqlite.org/rescode.html */
const SQLITE_ERRORS: [RegExp, ErrorClass][] = [
  [/syntax error|incomplete input|unrecognized token|no such (table|column|function)|unterminated/i, 'syntax'],
  [/constraint failed|UNIQUE|NOT NULL|FOREIGN KEY|CHECK constraint/i, 'constraint'],
];

/** The SQL that is SQLite's own: `IS`, `_rowid_`, `WITHOUT ROWID`, `PRAGMA`. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  quote: (name) => `"${name.replaceAll('"', '""')}"`,
  nullSafeEqual: (a, b) => `${a} IS ${b}`,
  // `_rowid_`, not `rowid`: a user column may be named `rowid` or `oid` (it then hides that alias), never `_rowid_`
  // (names starting with "_" are the engine's).
  rowId: (alias) => (alias ? `${alias}._rowid_` : '_rowid_'),
  rowIdColumn: '',
  columnType: (declared) => declared,
  clusteredTable: ' WITHOUT ROWID',
  // With SQLite's default 2 MB page cache, a 1M-row fill spills pages to the journal over and over (1.5 s instead
  // of 0.8 s). Only the template database gets it; it is dropped once the image is taken.
  templateSetup: 'PRAGMA cache_size = -262144;',
  templateFinish: '',
  nativeMerge: false,
  changesSettings: (sql) => /\bpragma\b/i.test(sql),
  tablesTouched: sqliteTablesTouched,
  classifyError(message) {
    for (const [re, cls] of SQLITE_ERRORS) if (re.test(message)) return cls;
    return 'other';
  },
};
