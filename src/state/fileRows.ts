import { blockRows, limitedRowCount, MAX_TOTAL_ROWS } from '../engine/limits';
import type { ScenarioDocument } from './catalog';

/** A file whose rows are one `ids` block can be resized from the UI: its ids run from `from` for `rows` rows. */
export interface ResizableFile {
  id: string;
  path: string;
  from: number;
  rows: number;
  /** Most rows this file may have without the scenario going over MAX_TOTAL_ROWS. */
  max: number;
}

/** Every file of the document with its row count; `resizable` when it is a single `ids` block. */
export function fileRowsOf(doc: ScenarioDocument): { id: string; path: string; rows: number; resizable: ResizableFile | null }[] {
  const limited = limitedRowCount(doc);
  return Object.entries(doc.files).map(([id, file]) => {
    const rows = blockRows(file.rows);
    const only = file.rows.length === 1 ? file.rows[0] : undefined;
    if (!only || !('ids' in only)) return { id, path: file.path, rows, resizable: null };
    // each extra row counts once in the file and once per delivery
    const weight = 1 + doc.runs.reduce((n, r) => n + r.input.filter((f) => f === id).length, 0);
    const others = limited - rows * weight;
    const max = Math.max(1, Math.floor((MAX_TOTAL_ROWS - others) / weight));
    return { id, path: file.path, rows, resizable: { id, path: file.path, from: only.ids[0], rows, max } };
  });
}

/** The document with file `id` holding `rows` rows (clamped to 1..max), its ids still starting where they did. */
export function withFileRows(doc: ScenarioDocument, id: string, rows: number): ScenarioDocument {
  const file = fileRowsOf(doc).find((f) => f.id === id)?.resizable;
  const current = doc.files[id];
  if (!file || !current || !Number.isFinite(rows)) return doc;
  const n = Math.min(file.max, Math.max(1, Math.round(rows)));
  if (n === file.rows) return doc;
  const block = current.rows[0];
  if (!block || !('ids' in block)) return doc;
  return { ...doc, files: { ...doc.files, [id]: { ...current, rows: [{ ...block, ids: [file.from, file.from + n - 1] }] } } };
}
