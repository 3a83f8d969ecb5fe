import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { checkCustomLane } from './custom/check';
import type { CustomSql } from './custom/language';
import { checkText, loneSurrogate } from './textChecks';
import { zodIssues } from './zodIssues';
import { fmt } from './format';
import type { ValidationIssue } from './issues';
import {
  MAX_ATTEMPTS,
  MAX_DELIVERIES,
  MAX_DOCUMENT_LENGTH,
  MAX_EXPANDED_BYTES,
  MAX_FILES,
  MAX_JSON_DEPTH,
  MAX_JSON_VALUES,
  MAX_ROW_BLOCKS,
  MAX_TOTAL_ROWS,
  deliveredRowCount,
  expandedBytes,
  filesRowCount,
} from './limits';
import {
  PARTITIONED_PATTERNS,
  PATTERN_IDS,
  type CellValue,
  type ColumnType,
  type PatternId,
  type ScenarioDoc,
  scenarioSchema,
} from './schema';

/** A lane as the engine runs it: its id in the document and the pattern it follows (a custom lane carries its SQL). */
export interface LaneSpec {
  id: string;
  pattern: PatternId | 'custom';
  sql?: CustomSql;
  label?: string;
}

/** A validated scenario with its lanes resolved. */
export interface Scenario extends Omit<ScenarioDoc, 'lanes'> {
  lanes: LaneSpec[];
}

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; errors: ValidationIssue[] };

export { MAX_TOTAL_ROWS, deliveredRowCount } from './limits';
export { formatIssue, formatPath, type ValidationIssue } from './issues';

type Path = ValidationIssue['path'];

/**
 * Whether a document's record holds `key` itself: never through the prototype (`toString`, `constructor` are "in"
 * every object). Every lookup of a key the document chose (a file id, a column, a lane) goes through it.
 */
const owns = (record: object, key: string): boolean => Object.hasOwn(record, key);

/** `dest`'s lineage columns, named as users see them in the SQL console and the stories. */
export const LINEAGE_COLUMNS = ['_run', '_attempt', '_file'] as const;
/** Names SQLite turns into the boolean constants where a subquery or view column would carry them. */
const SQL_BOOLEANS = ['true', 'false'];

function typeOk(type: ColumnType, value: CellValue): boolean {
  if (type === 'TEXT') return typeof value === 'string';
  if (type === 'INTEGER') return typeof value === 'number' && Number.isSafeInteger(value);
  return typeof value === 'number' && Number.isFinite(value);
}

/** The lanes a scenario runs: its `lanes`, or every pattern its table supports. */
function resolveLanes(doc: ScenarioDoc, errors: ValidationIssue[]): LaneSpec[] {
  if (!doc.lanes) {
    return PATTERN_IDS.filter((p) => doc.table.partitionBy !== undefined || !PARTITIONED_PATTERNS.includes(p)).map(
      (p) => ({ id: p, pattern: p }),
    );
  }
  const lanes: LaneSpec[] = [];
  const seen = new Set<string>();
  doc.lanes.forEach((lane, i) => {
    const spec = typeof lane === 'string' ? { id: lane, pattern: lane } : lane;
    if (spec.pattern === 'custom' && typeof lane !== 'string') {
      if (seen.has(spec.id)) errors.push({ path: ['lanes', i], message: `duplicate lane id "${spec.id}"` });
      seen.add(spec.id);
      const custom = checkCustomLane(lane.sql, doc, ['lanes', i, 'sql'], errors);
      if (custom) lanes.push({ id: spec.id, pattern: 'custom', sql: custom, ...(lane.label ? { label: lane.label } : {}) });
      return;
    }
    if (!(PATTERN_IDS as readonly string[]).includes(spec.pattern)) {
      errors.push({ path: typeof lane === 'string' ? ['lanes', i] : ['lanes', i, 'pattern'], message: `unknown pattern "${spec.pattern}": must be ${PATTERN_IDS.join(', ')} or custom` });
      return;
    }
    if (typeof lane !== 'string' && lane.sql !== undefined) errors.push({ path: ['lanes', i, 'sql'], message: 'only a custom lane has sql' });
    if (seen.has(spec.id)) errors.push({ path: ['lanes', i], message: `duplicate lane id "${spec.id}"` });
    seen.add(spec.id);
    const pattern = spec.pattern as PatternId;
    if (PARTITIONED_PATTERNS.includes(pattern) && doc.table.partitionBy === undefined)
      errors.push({ path: ['lanes', i], message: `lane "${spec.id}" needs table.partitionBy` });
    lanes.push({ id: spec.id, pattern });
  });
  return lanes;
}

function checkTable(doc: ScenarioDoc, errors: ValidationIssue[]): void {
  const { columns, key, partitionBy, orderBy } = doc.table;
  const names = Object.keys(columns);
  if (names.length === 0) errors.push({ path: ['table', 'columns'], message: 'needs at least one column' });
  const seen = new Map<string, string>();
  for (const name of names) {
    const path = ['table', 'columns', name];
    const folded = name.toLowerCase();
    if (name.startsWith('_'))
      errors.push({ path, message: `names starting with "_" are reserved for the engine (the lineage columns ${LINEAGE_COLUMNS.join(', ')} and its own)` });
    else if (SQL_BOOLEANS.includes(folded))
      errors.push({ path, message: `"${name}" cannot be a column name: SQLite reads it as a boolean in subqueries and views` });
    const earlier = seen.get(folded);
    if (earlier !== undefined) errors.push({ path, message: `same name as column "${earlier}" (SQL names ignore case)` });
    else seen.set(folded, name);
  }
  key.forEach((k, i) => {
    if (!owns(columns, k)) errors.push({ path: ['table', 'key', i], message: `unknown column "${k}"` });
    if (key.indexOf(k) !== i) errors.push({ path: ['table', 'key', i], message: `column "${k}" listed twice` });
  });
  if (partitionBy !== undefined && !owns(columns, partitionBy))
    errors.push({ path: ['table', 'partitionBy'], message: `unknown column "${partitionBy}"` });
  if (orderBy !== undefined && !owns(columns, orderBy))
    errors.push({ path: ['table', 'orderBy'], message: `unknown column "${orderBy}"` });
}

function checkRowValues(
  doc: ScenarioDoc,
  values: Record<string, CellValue>,
  expected: string[],
  path: Path,
  errors: ValidationIssue[],
): void {
  const { columns } = doc.table;
  for (const name of expected)
    if (!owns(values, name)) errors.push({ path, message: `missing column "${name}"` });
  for (const [name, value] of Object.entries(values)) {
    const type = owns(columns, name) ? columns[name] : undefined;
    if (type === undefined || !expected.includes(name)) {
      errors.push({ path: [...path, name], message: type === undefined ? 'unknown column' : 'the key comes from "ids"' });
    } else if (!typeOk(type, value)) {
      errors.push({ path: [...path, name], message: `expected ${type}, got ${JSON.stringify(value)}` });
    }
  }
}

function checkFiles(doc: ScenarioDoc, errors: ValidationIssue[]): void {
  const names = Object.keys(doc.table.columns);
  const [firstKey] = doc.table.key;
  const singleIntKey = doc.table.key.length === 1 && firstKey !== undefined && owns(doc.table.columns, firstKey) && doc.table.columns[firstKey] === 'INTEGER';
  const nonKey = names.filter((n) => !doc.table.key.includes(n));
  for (const [fileId, file] of Object.entries(doc.files)) {
    file.rows.forEach((block, b) => {
      const path: Path = ['files', fileId, 'rows', b];
      if ('ids' in block) {
        const [from, to] = block.ids;
        if (!singleIntKey) errors.push({ path: [...path, 'ids'], message: '"ids" needs a single INTEGER key column' });
        if (from > to) errors.push({ path: [...path, 'ids'], message: `from (${from}) is greater than to (${to})` });
        checkRowValues(doc, block.values, nonKey, [...path, 'values'], errors);
      } else {
        checkRowValues(doc, block.row, names, [...path, 'row'], errors);
      }
    });
  }
  const total = filesRowCount(doc);
  const delivered = deliveredRowCount(doc);
  if (total + delivered > MAX_TOTAL_ROWS)
    errors.push({
      path: ['files'],
      message: `${fmt(total)} rows in files (${fmt(delivered)} delivered) exceed the limit of ${fmt(MAX_TOTAL_ROWS)}`,
    });
  else if (expandedBytes(doc) > MAX_EXPANDED_BYTES)
    errors.push({
      path: ['files'],
      message: `the rows expand to ${fmt(Math.ceil(expandedBytes(doc) / 2 ** 20))} MB with their paths, over the limit of ${fmt(MAX_EXPANDED_BYTES / 2 ** 20)} MB`,
    });
}

/** Counts that the schema cannot bound by one field: files, deliveries, attempts, row blocks. */
function checkSizes(doc: ScenarioDoc, errors: ValidationIssue[]): void {
  const files = Object.values(doc.files);
  if (files.length > MAX_FILES) errors.push({ path: ['files'], message: `${fmt(files.length)} files, over the limit of ${fmt(MAX_FILES)}` });
  const blocks = files.reduce((n, f) => n + f.rows.length, 0);
  if (blocks > MAX_ROW_BLOCKS)
    errors.push({ path: ['files'], message: `${fmt(blocks)} row blocks (explicit rows and ids ranges), over the limit of ${fmt(MAX_ROW_BLOCKS)}` });
  const deliveries = doc.runs.reduce((n, r) => n + r.input.length, 0);
  if (deliveries > MAX_DELIVERIES)
    errors.push({ path: ['runs'], message: `the runs read ${fmt(deliveries)} files in all, over the limit of ${fmt(MAX_DELIVERIES)}` });
  const attempts = doc.runs.length * doc.retry.maxAttempts;
  if (attempts > MAX_ATTEMPTS)
    errors.push({
      path: ['retry', 'maxAttempts'],
      message: `${fmt(doc.runs.length)} runs × ${doc.retry.maxAttempts} attempts allow ${fmt(attempts)} attempts, over the limit of ${fmt(MAX_ATTEMPTS)}`,
    });
}

/**
 * The document's shape before anything else looks at it: nesting at most MAX_JSON_DEPTH, at most MAX_JSON_VALUES
 * values. Iterative (a recursive walk would overflow on the very documents it refuses); stops at the first excess.
 */
function checkShape(input: unknown): ValidationIssue | null {
  // nodes[i] = [parent index, key]: a path is rebuilt only for the node that is refused
  const nodes: [number, string | number][] = [];
  const pathOf = (i: number): Path => {
    const path: Path = [];
    for (let n = i; n > 0; n = (nodes[n] as [number, string | number])[0]) path.unshift((nodes[n] as [number, string | number])[1]);
    return path;
  };
  const stack: [unknown, number, number][] = [[input, 1, 0]];
  nodes.push([-1, '']);
  let values = 0;
  while (stack.length > 0) {
    const [value, depth, index] = stack.pop() as [unknown, number, number];
    values += 1;
    if (values > MAX_JSON_VALUES) return { path: [], message: `more than ${fmt(MAX_JSON_VALUES)} JSON values, over the limit` };
    if (depth > MAX_JSON_DEPTH) return { path: pathOf(index), message: `nested deeper than the limit of ${MAX_JSON_DEPTH} levels` };
    const key = (nodes[index] as [number, string | number])[1];
    // JSON.parse makes "__proto__" an own key, which every object built from the document would drop or turn into
    // its prototype: no scenario name (file id, column, lane) can be it, so it is refused where it stands
    if (key === '__proto__' && index > 0) return { path: pathOf(index), message: '"__proto__" cannot be a key' };
    const bad = (typeof key === 'string' ? loneSurrogate(key) : null) ?? (typeof value === 'string' ? loneSurrogate(value) : null);
    if (bad) return { path: pathOf(index), message: bad };
    if (typeof value !== 'object' || value === null) continue;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (let e = entries.length - 1; e >= 0; e--) {
      const [key, child] = entries[e] as [string | number, unknown];
      nodes.push([index, key]);
      stack.push([child, depth + 1, nodes.length - 1]);
    }
  }
  return null;
}

function checkRuns(doc: ScenarioDoc, errors: ValidationIssue[]): void {
  doc.runs.forEach((run, r) =>
    run.input.forEach((f, i) => {
      if (!owns(doc.files, f)) errors.push({ path: ['runs', r, 'input', i], message: `unknown file "${f}"` });
    }),
  );
  // A race's second runner takes the next run with it: that run must exist and cannot race again.
  doc.runs.forEach((run, r) => {
    if (run.race?.second !== 'next') return;
    const next = doc.runs[r + 1];
    if (!next) errors.push({ path: ['runs', r, 'race', 'second'], message: `"next" races run ${r + 1} with run ${r + 2}, which does not exist` });
    else if (next.race) errors.push({ path: ['runs', r + 1, 'race'], message: `run ${r + 2} already races with run ${r + 1}` });
  });
}

function checkFaults(doc: ScenarioDoc, errors: ValidationIssue[]): void {
  doc.faults.forEach((fault, i) => {
    const run = doc.runs[fault.run - 1];
    if (!run) {
      errors.push({ path: ['faults', i, 'run'], message: `run ${fault.run} does not exist (the scenario has ${doc.runs.length})` });
      return;
    }
    if (fault.attempt > doc.retry.maxAttempts)
      errors.push({
        path: ['faults', i, 'attempt'],
        message: `attempt ${fault.attempt} exceeds retry.maxAttempts (${doc.retry.maxAttempts})`,
      });
    const at = fault.at;
    if ('file' in at && at.file !== undefined && !run.input.includes(at.file))
      errors.push({ path: ['faults', i, 'at', 'file'], message: `file "${at.file}" is not in the input of run ${fault.run}` });
  });
}

function checkExpect(doc: ScenarioDoc, lanes: LaneSpec[], errors: ValidationIssue[]): void {
  for (const [laneId, exp] of Object.entries(doc.expect ?? {})) {
    if (!lanes.some((l) => l.id === laneId)) errors.push({ path: ['expect', laneId], message: 'no such lane in this scenario' });
    exp.attempts?.forEach((a, i) => {
      if (a.run > doc.runs.length)
        errors.push({ path: ['expect', laneId, 'attempts', i, 'run'], message: `run ${a.run} does not exist` });
    });
  }
}

/**
 * The cross-references that can be checked although the document's structure is refused elsewhere: the runs' files and
 * the faults' runs, attempts and files, when the parts they read parsed. So one fix-and-retry round shows both kinds
 * of error (a bad lane name and an unknown file arrive together).
 */
function crossReferencesOfParts(input: unknown, structural: ValidationIssue[]): ValidationIssue[] {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return [];
  const raw = input as Record<string, unknown>;
  const part = (key: 'files' | 'runs' | 'faults' | 'retry'): unknown => {
    if (structural.some((e) => e.path[0] === key)) return undefined;
    const r = (scenarioSchema.shape[key] as z.ZodType).safeParse(owns(raw, key) ? raw[key] : undefined);
    return r.success ? r.data : undefined;
  };
  const [files, runs, faults, retry] = [part('files'), part('runs'), part('faults'), part('retry')];
  const errors: ValidationIssue[] = [];
  if (files && runs) checkRuns({ files, runs } as ScenarioDoc, errors);
  if (runs && faults && retry) checkFaults({ runs, faults, retry } as ScenarioDoc, errors);
  return errors;
}

/** Validates a parsed JSON value as a scenario; every problem carries its JSON path (print it with `formatIssue`). */
export function validateScenario(input: unknown): ValidationResult {
  const shape = checkShape(input);
  if (shape) return { ok: false, errors: [shape] };
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const errors = zodIssues(parsed.error);
    return { ok: false, errors: [...errors, ...crossReferencesOfParts(input, errors)] };
  }
  const doc = parsed.data;
  const errors: ValidationIssue[] = [];
  checkSizes(doc, errors);
  const sized = errors.length === 0;
  checkText(doc, errors);
  if (sized) checkTable(doc, errors);
  // rows are checked against a sound table only
  if (sized && !errors.some((e) => e.path[0] === 'table')) checkFiles(doc, errors);
  checkRuns(doc, errors);
  checkFaults(doc, errors);
  const lanes = resolveLanes(doc, errors);
  checkExpect(doc, lanes, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, scenario: { ...doc, lanes } };
}

/** jsonc-parser's error codes (by name: they are an ambient const enum) in words. */
const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected text after the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape sequence',
  InvalidCharacter: 'control character in a string',
};

/** 1-based line and column of an offset (columns in UTF-16 code units, as editors count). */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** A JSON syntax error with where it is: the first error jsonc-parser finds (strict JSON: no comments, no trailing commas). */
function syntaxIssue(text: string, error: Error): ValidationIssue {
  const found: ParseError[] = [];
  parseJsonc(text, found, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = found[0];
  // JSON.parse is the judge; the few things only it rejects (a byte-order mark, unusual whitespace) keep its message
  if (!first) return { path: [], message: `invalid JSON: ${error.message}` };
  const offset = Math.min(first.offset, text.length);
  const { line, column } = lineColumn(text, offset);
  const what = SYNTAX[printParseErrorCode(first.error)] ?? 'syntax error';
  const end = text.slice(offset).trim() === '' ? 'the text ends too early: ' : '';
  return { path: [], message: `invalid JSON at line ${line}, column ${column}: ${end}${what}`, offset };
}

/** Parses JSON text and validates it; a syntax error carries its offset and names its line and column. */
export function parseScenarioText(text: string): ValidationResult {
  if (text.length > MAX_DOCUMENT_LENGTH)
    return { ok: false, errors: [{ path: [], message: `${fmt(text.length)} characters, over the limit of ${fmt(MAX_DOCUMENT_LENGTH)}` }] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [syntaxIssue(text, e as Error)] };
  }
  return validateScenario(value);
}
