import type { ScenarioDoc } from './schema';

/** Largest number of rows a scenario may hold and deliver, all files expanded: keeps the tab and the CLI within memory. */
export const MAX_TOTAL_ROWS = 5_000_000;

type RowBlocks = ScenarioDoc['files'][string]['rows'];

/** Rows in one block: an `ids` range (empty when reversed) or one explicit row. */
export const rowsInBlock = (b: RowBlocks[number]): number => ('ids' in b ? Math.max(0, b.ids[1] - b.ids[0] + 1) : 1);

/** Rows in a file's blocks, counted without expanding them. */
export const blockRows = (rows: RowBlocks): number => rows.reduce((n, b) => n + rowsInBlock(b), 0);

/** Rows in all files, each counted once. */
export const filesRowCount = (doc: Pick<ScenarioDoc, 'files'>): number => Object.values(doc.files).reduce((n, f) => n + blockRows(f.rows), 0);

/** Rows the runs deliver, every file counted each time a run lists it (blocks counted, not expanded). */
export function deliveredRowCount(doc: Pick<ScenarioDoc, 'files' | 'runs'>): number {
  const rowsOf = (fileId: string): number => blockRows(doc.files[fileId]?.rows ?? []);
  return doc.runs.reduce((n, run) => n + run.input.reduce((m, f) => m + rowsOf(f), 0), 0);
}

/** What the limit counts: the rows in all files plus the rows the runs deliver. */
export function limitedRowCount(doc: Pick<ScenarioDoc, 'files' | 'runs'>): number {
  return filesRowCount(doc) + deliveredRowCount(doc);
}
