import type { ValidationIssue } from '../issues';
import type { ScenarioDoc } from '../schema';
import { zodIssues } from '../zodIssues';
import { compileCustomLane } from './compile';
import { customSqlSchema, type CustomSql } from './language';

/**
 * A custom lane's `sql` in a scenario: its shape (zod), then its statements against the scenario's table. Problems go
 * to `errors` under the lane's path `at`; the lane's SQL comes back when it is valid, else null.
 */
export function checkCustomLane(sql: unknown, doc: ScenarioDoc, at: ValidationIssue['path'], errors: ValidationIssue[]): CustomSql | null {
  if (sql === undefined) {
    errors.push({ path: at, message: 'a custom lane needs "sql": {"unit", "statements", …} (see scenarios/CUSTOM_LANES.md)' });
    return null;
  }
  const parsed = customSqlSchema.safeParse(sql);
  if (!parsed.success) {
    for (const e of zodIssues(parsed.error)) errors.push({ path: [...at, ...e.path], message: e.message });
    return null;
  }
  const columns = Object.keys(doc.table.columns);
  const shape = {
    columns,
    key: doc.table.key,
    nonKey: columns.filter((c) => !doc.table.key.includes(c)),
    partitionBy: doc.table.partitionBy ?? null,
    orderBy: doc.table.orderBy ?? null,
  };
  const compiled = compileCustomLane(parsed.data, shape, (n) => `"${n.replaceAll('"', '""')}"`);
  if (!compiled.ok) {
    for (const e of compiled.issues) errors.push({ path: [...at, ...e.path], message: e.message });
    return null;
  }
  return parsed.data;
}
