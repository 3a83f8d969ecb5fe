import type { TablesTouched } from './dialect';
import { rewritePlaceholders } from './pgPlaceholders';
import type { QueryResult } from './port';

interface PlanNode {
  'Node Type'?: string;
  Operation?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/**
 * What PostgreSQL's plan of `sql` touches, without running it: the statement is prepared (its `?` markers as `$n`)
 * and `EXPLAIN (FORMAT JSON) EXECUTE` of it with NULL arguments lists the plan's nodes — a ModifyTable node names the
 * table written, a scan names a table read (views are expanded into their tables). The prepared statement is
 * deallocated at once. Inside a transaction that a failed statement aborted nothing can be planned: the caller's
 * statement then fails on its own anyway.
 */
export async function postgresTablesTouched(query: (sql: string) => Promise<QueryResult>, sql: string): Promise<TablesTouched> {
  const { text, count } = rewritePlaceholders(sql);
  const name = 'runtwice_plan';
  await query(`PREPARE ${name} AS ${text}`);
  let plan: QueryResult;
  try {
    const args = count ? `(${Array.from({ length: count }, () => 'NULL').join(', ')})` : '';
    plan = await query(`EXPLAIN (FORMAT JSON) EXECUTE ${name}${args}`);
  } finally {
    await query(`DEALLOCATE ${name}`);
  }
  const raw = plan.rows[0]?.[0];
  const doc = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const reads = new Set<string>();
  const writes = new Set<string>();
  const walk = (n: PlanNode): void => {
    const rel = n['Relation Name'];
    if (rel) (n['Node Type'] === 'ModifyTable' ? writes : reads).add(rel);
    for (const c of n.Plans ?? []) walk(c);
  };
  for (const d of doc) walk(d.Plan);
  return { reads: [...reads], writes: [...writes] };
}
