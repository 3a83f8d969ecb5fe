import type { z } from 'zod';
import { fmt } from './format';
import { MAX_TOTAL_ROWS, deliveredRowCount, filesRowCount } from './limits';
import {
  PARTITIONED_PATTERNS,
  PATTERN_IDS,
  type CellValue,
  type ColumnType,
  type PatternId,
  type ScenarioDoc,
  scenarioSchema,
} from './schema';

/** A lane as the engine runs it: its id in the document and the pattern it follows. */
export interface LaneSpec {
  id: string;
  pattern: PatternId;
}

/** A validated scenario with its lanes resolved. */
export interface Scenario extends Omit<ScenarioDoc, 'lanes'> {
  lanes: LaneSpec[];
}

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

export { MAX_TOTAL_ROWS, deliveredRowCount } from './limits';

/** Renders a JSON path the way the contract shows it: `runs[1].input[0]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(document)' : out;
}

function zodErrors(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

function typeOk(type: ColumnType, value: CellValue): boolean {
  if (type === 'TEXT') return typeof value === 'string';
  if (type === 'INTEGER') return typeof value === 'number' && Number.isSafeInteger(value);
  return typeof value === 'number' && Number.isFinite(value);
}

/** The lanes a scenario runs: its `lanes`, or every pattern its table supports. */
function resolveLanes(doc: ScenarioDoc, errors: string[]): LaneSpec[] {
  if (!doc.lanes) {
    return PATTERN_IDS.filter((p) => doc.table.partitionBy !== undefined || !PARTITIONED_PATTERNS.includes(p)).map(
      (p) => ({ id: p, pattern: p }),
    );
  }
  const lanes: LaneSpec[] = [];
  const seen = new Set<string>();
  doc.lanes.forEach((lane, i) => {
    const spec = typeof lane === 'string' ? { id: lane, pattern: lane } : lane;
    if (!(PATTERN_IDS as readonly string[]).includes(spec.pattern)) {
      const what = spec.pattern === 'custom' ? 'custom SQL lanes are not supported yet' : `unknown pattern "${spec.pattern}"`;
      errors.push(`lanes[${i}]${typeof lane === 'string' ? '' : '.pattern'}: ${what}`);
      return;
    }
    if (seen.has(spec.id)) errors.push(`lanes[${i}]: duplicate lane id "${spec.id}"`);
    seen.add(spec.id);
    const pattern = spec.pattern as PatternId;
    if (PARTITIONED_PATTERNS.includes(pattern) && doc.table.partitionBy === undefined)
      errors.push(`lanes[${i}]: lane "${spec.id}" needs table.partitionBy`);
    lanes.push({ id: spec.id, pattern });
  });
  return lanes;
}

function checkTable(doc: ScenarioDoc, errors: string[]): void {
  const { columns, key, partitionBy, orderBy } = doc.table;
  const names = Object.keys(columns);
  if (names.length === 0) errors.push('table.columns: needs at least one column');
  for (const reserved of names.filter((n) => n.startsWith('_')))
    errors.push(`table.columns.${reserved}: names starting with "_" are reserved for lineage`);
  key.forEach((k, i) => {
    if (!(k in columns)) errors.push(`table.key[${i}]: unknown column "${k}"`);
    if (key.indexOf(k) !== i) errors.push(`table.key[${i}]: column "${k}" listed twice`);
  });
  if (partitionBy !== undefined && !(partitionBy in columns))
    errors.push(`table.partitionBy: unknown column "${partitionBy}"`);
  if (orderBy !== undefined && !(orderBy in columns)) errors.push(`table.orderBy: unknown column "${orderBy}"`);
}

function checkRowValues(
  doc: ScenarioDoc,
  values: Record<string, CellValue>,
  expected: string[],
  path: string,
  errors: string[],
): void {
  const { columns } = doc.table;
  for (const name of expected)
    if (!(name in values)) errors.push(`${path}: missing column "${name}"`);
  for (const [name, value] of Object.entries(values)) {
    const type = columns[name];
    if (type === undefined || !expected.includes(name)) {
      errors.push(`${path}.${name}: ${type === undefined ? 'unknown column' : 'the key comes from "ids"'}`);
    } else if (!typeOk(type, value)) {
      errors.push(`${path}.${name}: expected ${type}, got ${JSON.stringify(value)}`);
    }
  }
}

function checkFiles(doc: ScenarioDoc, errors: string[]): void {
  const names = Object.keys(doc.table.columns);
  const [firstKey] = doc.table.key;
  const singleIntKey = doc.table.key.length === 1 && firstKey !== undefined && doc.table.columns[firstKey] === 'INTEGER';
  const nonKey = names.filter((n) => !doc.table.key.includes(n));
  for (const [fileId, file] of Object.entries(doc.files)) {
    file.rows.forEach((block, b) => {
      const path = `files.${fileId}.rows[${b}]`;
      if ('ids' in block) {
        const [from, to] = block.ids;
        if (!singleIntKey) errors.push(`${path}.ids: "ids" needs a single INTEGER key column`);
        if (from > to) errors.push(`${path}.ids: from (${from}) is greater than to (${to})`);
        checkRowValues(doc, block.values, nonKey, `${path}.values`, errors);
      } else {
        checkRowValues(doc, block.row, names, `${path}.row`, errors);
      }
    });
  }
  const total = filesRowCount(doc);
  const delivered = deliveredRowCount(doc);
  if (total + delivered > MAX_TOTAL_ROWS)
    errors.push(`files: ${fmt(total)} rows in files (${fmt(delivered)} delivered) exceed the limit of ${fmt(MAX_TOTAL_ROWS)}`);
}

function checkRuns(doc: ScenarioDoc, errors: string[]): void {
  doc.runs.forEach((run, r) =>
    run.input.forEach((f, i) => {
      if (!(f in doc.files)) errors.push(`runs[${r}].input[${i}]: unknown file "${f}"`);
    }),
  );
}

function checkFaults(doc: ScenarioDoc, errors: string[]): void {
  doc.faults.forEach((fault, i) => {
    const run = doc.runs[fault.run - 1];
    if (!run) {
      errors.push(`faults[${i}].run: run ${fault.run} does not exist (the scenario has ${doc.runs.length})`);
      return;
    }
    if (fault.attempt > doc.retry.maxAttempts)
      errors.push(`faults[${i}].attempt: attempt ${fault.attempt} exceeds retry.maxAttempts (${doc.retry.maxAttempts})`);
    const at = fault.at;
    if ('file' in at && at.file !== undefined && !run.input.includes(at.file))
      errors.push(`faults[${i}].at.file: file "${at.file}" is not in the input of run ${fault.run}`);
  });
}

function checkExpect(doc: ScenarioDoc, lanes: LaneSpec[], errors: string[]): void {
  for (const [laneId, exp] of Object.entries(doc.expect ?? {})) {
    if (!lanes.some((l) => l.id === laneId)) errors.push(`expect.${laneId}: no such lane in this scenario`);
    exp.attempts?.forEach((a, i) => {
      if (a.run > doc.runs.length) errors.push(`expect.${laneId}.attempts[${i}].run: run ${a.run} does not exist`);
    });
  }
}

/** Validates a parsed JSON value as a scenario; every problem is named by its JSON path. */
export function validateScenario(input: unknown): ValidationResult {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  const doc = parsed.data;
  const errors: string[] = [];
  checkTable(doc, errors);
  if (errors.length === 0) checkFiles(doc, errors);
  checkRuns(doc, errors);
  checkFaults(doc, errors);
  const lanes = resolveLanes(doc, errors);
  checkExpect(doc, lanes, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, scenario: { ...doc, lanes } };
}

/** Parses JSON text and validates it; a syntax error is reported with its line and column. */
export function parseScenarioText(text: string): ValidationResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`(document): invalid JSON: ${(e as Error).message}`] };
  }
  return validateScenario(value);
}
