import { z } from 'zod';
import { fmt } from '../format';

/**
 * The custom-lane language (`{ "id", "pattern": "custom", "sql": { … } }`): the smallest program shape that expresses
 * every built-in pattern. A lane processes units (each input file, or the whole run's input as one batch); per unit it
 * may skip (a row back from `skip`), then runs `statements` in order — in one transaction or each committing by itself
 * — with the unit's rows staged in the view `batch`; on an error, `onError` runs, then the attempt fails.
 * scenarios/CUSTOM_LANES.md is the user-facing definition (parameters, macros, fault moments, sandbox).
 */

/** Characters in one statement of a custom lane. */
export const MAX_STATEMENT_LENGTH = 10_000;
/** Statements in one list (setup, statements, onError). */
export const MAX_STATEMENTS = 20;

/** The named parameters a statement may use; always bound, never interpolated. */
export const UNIT_PARAMS = ['path', 'hash', 'path_hash', 'run', 'attempt', 'rows', 'now'] as const;
export type UnitParam = (typeof UNIT_PARAMS)[number];
/** Parameters that name one file: only in lanes whose unit is a file. */
export const FILE_PARAMS: readonly UnitParam[] = ['path', 'hash', 'path_hash'];

const statementText = z
  .string()
  .min(1, 'an empty statement')
  .max(MAX_STATEMENT_LENGTH, `longer than the limit of ${fmt(MAX_STATEMENT_LENGTH)} characters`);

/** A statement: its text, or `{ sql, each: "row" }` to run it once per batch row (`batch` then holds that one row). */
const statement = z.union([statementText, z.strictObject({ sql: statementText, each: z.literal('row').optional() })], {
  error: 'must be a SQL string or {"sql": "…", "each": "row"}',
});

const list = (what: string) => z.array(statement).max(MAX_STATEMENTS, `more than ${MAX_STATEMENTS} ${what}`);

export const customSqlSchema = z.strictObject({
  /** `file`: the statements run once per input file, in order; `run`: once, over the whole run's input. */
  unit: z.enum(['file', 'run'], { error: 'must be "file" or "run"' }),
  /** DDL run once when the lane's database is made: its own tables, constraints, indexes. */
  setup: z.array(statementText).max(MAX_STATEMENTS, `more than ${MAX_STATEMENTS} setup statements`).default([]),
  /** A query run before each unit: a row back means skip the unit. */
  skip: statementText.optional(),
  /** true: BEGIN … statements … COMMIT around each unit; false: every statement commits by itself. */
  transaction: z.boolean().default(false),
  statements: list('statements').min(1, 'a lane needs at least one statement'),
  /** Run after an error (after the ROLLBACK, in autocommit), then the attempt fails with that error. */
  onError: list('handler statements').default([]),
});

export type CustomSql = z.output<typeof customSqlSchema>;
export type CustomSqlInput = z.input<typeof customSqlSchema>;
export type CustomStatement = CustomSql['statements'][number];

/** A statement's text and whether it runs once per row. */
export const statementOf = (s: CustomStatement): { sql: string; perRow: boolean } =>
  typeof s === 'string' ? { sql: s, perRow: false } : { sql: s.sql, perRow: s.each === 'row' };
