import type { TablesTouched } from './dialect';
import type { QueryResult } from './port';

/**
 * What SQLite's compiled program for `sql` opens: `EXPLAIN` lists the bytecode without running it; `OpenRead` and
 * `OpenWrite` name the root page of a table or index (p2, in database p3), `Clear` and `Destroy` (an unqualified
 * DELETE, a DROP) the root page in p1. Root pages map to tables through `sqlite_schema`. Views are compiled in place,
 * so a read through a view shows as a read of its tables. A write into another attached or temporary database shows
 * as `temp.?`/`db<N>.?`. This sees what the statement would do, however it is spelled (quotes, comments, CTEs).
 */
export async function sqliteTablesTouched(query: (sql: string) => Promise<QueryResult>, sql: string): Promise<TablesTouched> {
  const plan = await query(`EXPLAIN ${sql}`);
  const schema = await query("SELECT rootpage, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index')");
  const byPage = new Map(schema.rows.map((r) => [Number(r[0]), String(r[1])]));
  const col = (name: string): number => plan.columns.indexOf(name);
  const [op, p1, p2, p3] = [col('opcode'), col('p1'), col('p2'), col('p3')];
  const reads = new Set<string>();
  const writes = new Set<string>();
  const name = (page: number, dbIndex: number): string => (dbIndex === 0 ? (byPage.get(page) ?? `page ${page}`) : dbIndex === 1 ? 'temp.?' : `db${dbIndex}.?`);
  for (const row of plan.rows) {
    const opcode = String(row[op]);
    if (opcode === 'OpenRead') reads.add(name(Number(row[p2]), Number(row[p3])));
    else if (opcode === 'OpenWrite') writes.add(name(Number(row[p2]), Number(row[p3])));
    else if (opcode === 'Clear' || opcode === 'Destroy') writes.add(name(Number(row[p1]), Number(row[p2])));
  }
  return { reads: [...reads], writes: [...writes] };
}
