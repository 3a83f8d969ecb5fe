import { describe, expect, it } from 'vitest';
import { rewritePlaceholders } from '../../src/db/pgPlaceholders';
import { postgresDialect } from '../../src/db/postgresDialect';

describe('? placeholders become $n for PostgreSQL', () => {
  it.each([
    ['SELECT ?', 'SELECT $1', 1],
    ['INSERT INTO t (a, b) VALUES (?, ?)', 'INSERT INTO t (a, b) VALUES ($1, $2)', 2],
    ["SELECT '?' , ?", "SELECT '?' , $1", 1],
    ["SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1],
    ['SELECT "we?ird" FROM t WHERE a = ?', 'SELECT "we?ird" FROM t WHERE a = $1', 1],
    ['SELECT "a""?" , ?', 'SELECT "a""?" , $1', 1],
    ["SELECT E'\\'?' , ?", "SELECT E'\\'?' , $1", 1],
    ['SELECT ? -- why?\n, ?', 'SELECT $1 -- why?\n, $2', 2],
    ['SELECT /* a ? /* nested ? */ still ? */ ?', 'SELECT /* a ? /* nested ? */ still ? */ $1', 1],
    ['SELECT $$ ? $$, $tag$ ? $tag$, ?', 'SELECT $$ ? $$, $tag$ ? $tag$, $1', 1],
    ['SELECT a FROM t WHERE x BETWEEN ? AND ? AND y = ?', 'SELECT a FROM t WHERE x BETWEEN $1 AND $2 AND y = $3', 3],
  ])('%s', (sql, text, count) => {
    expect(rewritePlaceholders(sql)).toEqual({ text, count });
  });

  it('a naive literal with a stray quote is left for the server to refuse (no ? is invented or lost before it)', () => {
    const sql = "INSERT INTO p (file_path) VALUES ('landing/o'brien/part-000.csv')";
    expect(rewritePlaceholders(sql)).toEqual({ text: sql, count: 0 });
  });
});

describe("PostgreSQL's errors, classified as SQLite's are", () => {
  it.each([
    ['syntax error at or near "brien"', '42601', 'syntax'],
    ['relation "nope" does not exist', '42P01', 'syntax'],
    ['column "x" does not exist', '42703', 'syntax'],
    ['duplicate key value violates unique constraint "processed_files_file_hash_key"', '23505', 'constraint'],
    ['null value in column "a" violates not-null constraint', '23502', 'constraint'],
    ['MERGE command cannot affect row a second time', '21000', 'multi-match'],
    ['more than one row returned by a subquery used as an expression', '21000', 'other'],
    ['division by zero', '22012', 'other'],
    ['syntax error at or near "x"', undefined, 'syntax'],
    ['MERGE command cannot affect row a second time', undefined, 'multi-match'],
  ] as const)('%s (%s) is %s', (message, code, cls) => {
    expect(postgresDialect.classifyError(message, code)).toBe(cls);
  });
});
