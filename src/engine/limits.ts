
/**
 * Bounds of a scenario, checked by the validator before any work starts (each refusal names its JSON path). What a
 * scenario costs grows with what these count; they keep a tab (ten lane databases, their snapshots, the traces)
 * and the CLI within memory. Generous for teaching: the largest catalogue scenario (the 1M-row headline) uses 1 run,
 * 1 file, 145 JSON values and 101 MB of expanded rows; the others at most 3 runs, 3 files, 5 blocks, 37-character
 * paths, 2,200-character stories. ARCHITECTURE.md ("Bounds") lists them.
 */

/** Largest number of rows a scenario may hold and deliver, all files expanded: keeps the tab and the CLI within memory. */
export const MAX_TOTAL_ROWS = 5_000_000;
/** Runs: each attempt of each run is a snapshot of every lane's database in the tab. */
export const MAX_RUNS = 100;
/** Attempts a lane can make: runs × `retry.maxAttempts` (a failure that repeats retries every run to the end). */
export const MAX_ATTEMPTS = 300;
/** File versions in `files`. */
export const MAX_FILES = 1_000;
/** Files the runs read: every entry of every run's `input`, together. */
export const MAX_DELIVERIES = 1_000;
/** Scheduled faults. */
export const MAX_FAULTS = 100;
/** Row blocks (`ids` ranges and explicit rows) in all files: each is a JSON object the tab holds and hashes. */
export const MAX_ROW_BLOCKS = 10_000;
/** Characters in a file path: every row written keeps its path (`dest._file`). */
export const MAX_PATH_LENGTH = 1_024;
/** Characters in the story (Markdown). */
export const MAX_STORY_LENGTH = 20_000;
/** Characters in a one-line text: the title, the summary, a run's or a lane's label. */
export const MAX_LINE_LENGTH = 500;
/**
 * Bytes of rows the scenario expands to: every file once, plus every delivery with its path (what the lanes copy into
 * `dest`); 8 bytes per number, UTF-8 length per text. The headline scenario expands to 101 MB.
 */
export const MAX_EXPANDED_BYTES = 256 * 1024 * 1024;
/** Nesting of the JSON document (the catalogue's is 7): deeper values overflow the stack of structured cloning. */
export const MAX_JSON_DEPTH = 32;
/** Values (objects, arrays, strings, numbers …) in the JSON document. */
export const MAX_JSON_VALUES = 200_000;
/** Characters of scenario text read by `parseScenarioText`. */
export const MAX_DOCUMENT_LENGTH = 4_000_000;

/**
 * The parts of a scenario document the counts read, described here rather than imported: the schema imports the
 * bounds from this file, so this file stays below it.
 */
type RowBlock = { ids: readonly [number, number]; values: Record<string, unknown> } | { row: Record<string, unknown> };
type RowBlocks = readonly RowBlock[];
interface CountedDoc {
  files: Record<string, { path: string; rows: RowBlocks }>;
  runs: readonly { input: readonly string[] }[];
}

/** Rows in one block: an `ids` range (empty when reversed) or one explicit row. */
export const rowsInBlock = (b: RowBlocks[number]): number => ('ids' in b ? Math.max(0, b.ids[1] - b.ids[0] + 1) : 1);

/** Rows in a file's blocks, counted without expanding them. */
export const blockRows = (rows: RowBlocks): number => rows.reduce((n, b) => n + rowsInBlock(b), 0);

/** Rows in all files, each counted once. */
export const filesRowCount = (doc: Pick<CountedDoc, 'files'>): number => Object.values(doc.files).reduce((n, f) => n + blockRows(f.rows), 0);

/** Rows the runs deliver, every file counted each time a run lists it (blocks counted, not expanded). */
export function deliveredRowCount(doc: Pick<CountedDoc, 'files' | 'runs'>): number {
  const rowsOf = (fileId: string): number => (Object.hasOwn(doc.files, fileId) ? blockRows(doc.files[fileId]?.rows ?? []) : 0);
  return doc.runs.reduce((n, run) => n + run.input.reduce((m, f) => m + rowsOf(f), 0), 0);
}

/** What the limit counts: the rows in all files plus the rows the runs deliver. */
export function limitedRowCount(doc: Pick<CountedDoc, 'files' | 'runs'>): number {
  return filesRowCount(doc) + deliveredRowCount(doc);
}

/** UTF-8 length of a string (what SQLite stores for a TEXT value). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i += 1;
    } else n += 3;
  }
  return n;
}

const valueBytes = (v: unknown): number => (typeof v === 'string' ? utf8Length(v) : 8);

/** Bytes of one row of a block: its values, plus the key an `ids` block numbers. */
export const blockRowBytes = (b: RowBlocks[number]): number =>
  'ids' in b ? 8 + Object.values(b.values).reduce((n: number, v) => n + valueBytes(v), 0) : Object.values(b.row).reduce((n: number, v) => n + valueBytes(v), 0);

/** What `MAX_EXPANDED_BYTES` bounds: every file's rows once, plus every delivery's rows with the file's path. */
export function expandedBytes(doc: Pick<CountedDoc, 'files' | 'runs'>): number {
  const rowsBytes = new Map<string, { rows: number; bytes: number; path: number }>();
  for (const [id, f] of Object.entries(doc.files))
    rowsBytes.set(id, {
      rows: blockRows(f.rows),
      bytes: f.rows.reduce((n, b) => n + rowsInBlock(b) * blockRowBytes(b), 0),
      path: utf8Length(f.path),
    });
  let total = 0;
  for (const f of rowsBytes.values()) total += f.bytes;
  for (const run of doc.runs)
    for (const id of run.input) {
      const f = rowsBytes.get(id);
      if (f) total += f.bytes + f.rows * f.path;
    }
  return total;
}
