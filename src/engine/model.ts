import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { CellValue, RowBlock } from './schema';
import type { LaneSpec, Scenario } from './validate';
import { rowsInBlock } from './limits';

/** A run of consecutive rows of one file that share a partition value (seq is 1-based within the file). */
export interface Segment {
  seqFrom: number;
  seqTo: number;
  /** The rows' partition value; null without partitionBy, and for an ids range partitioned by its key (see `keys`). */
  part: CellValue | null;
  /** The key values this segment covers, as an inclusive integer range or one explicit key (single-key tables). */
  keys: [number, number] | null;
}

/** A file version with everything the lanes need to know about it without expanding its rows. */
export interface FileModel {
  id: string;
  path: string;
  blocks: RowBlock[];
  rows: number;
  segments: Segment[];
  /**
   * SHA-256 of the canonical serialization of the expanded rows (see ARCHITECTURE.md). Computed on first read:
   * hashing a 1M-row file costs ~0.4 s, and a CLI thread that got the seed image ready-made may never need it.
   */
  readonly contentHash: string;
  /** SHA-256 of the path: what the note's IdempotentIngestor calls the file hash. */
  pathHash: string;
}

/** The compiled scenario: column lists, file models, and the runs as lists of files. */
export interface Model {
  scenario: Scenario;
  columns: string[];
  key: string[];
  nonKey: string[];
  partitionBy: string | null;
  orderBy: string | null;
  files: Map<string, FileModel>;
  runs: FileModel[][];
  lanes: LaneSpec[];
  maxAttempts: number;
  deliveredRows: number;
  /** Per run prefix (index r-1: runs 1..r): whether every key arrived in one version only, and if so how many keys. */
  truth: { singleVersion: boolean; keys: number }[];
}

const hex = (s: string): string => bytesToHex(sha256(utf8ToBytes(s)));

/** Canonical row: JSON array of the values in column-name order; rows joined by "\n". */
function contentHash(blocks: RowBlock[], sortedCols: string[], keyCol: string | undefined): string {
  const h = sha256.create();
  const enc = new TextEncoder();
  let started = false;
  let buf = '';
  const line = (s: string): void => {
    buf += started ? `\n${s}` : s;
    started = true;
    if (buf.length > 1 << 20) {
      h.update(enc.encode(buf));
      buf = '';
    }
  };
  for (const block of blocks) {
    if ('row' in block) {
      line(JSON.stringify(sortedCols.map((c) => block.row[c])));
      continue;
    }
    // One template per block: only the key changes from row to row.
    const keyAt = sortedCols.indexOf(keyCol ?? '');
    const head = JSON.stringify(sortedCols.slice(0, keyAt).map((c) => block.values[c])).slice(0, -1);
    const tail = JSON.stringify(sortedCols.slice(keyAt + 1).map((c) => block.values[c])).slice(1);
    const open = head === '[' ? '[' : `${head},`;
    const close = tail === ']' ? ']' : `,${tail}`;
    for (let id = block.ids[0]; id <= block.ids[1]; id++) line(`${open}${id}${close}`);
  }
  h.update(enc.encode(buf));
  return bytesToHex(h.digest());
}

function segmentsOf(blocks: RowBlock[], key: string[], partitionBy: string | null): Segment[] {
  const out: Segment[] = [];
  let seq = 1;
  for (const block of blocks) {
    const n = rowsInBlock(block);
    if (n === 0) continue;
    const values = 'ids' in block ? block.values : block.row;
    // Partitioned by the key, an ids block's rows are each in their own partition (their key): `part` is null and
    // `keys` names them (the overwrite lanes delete such a range by range, never one JS object per row).
    const byKey = 'ids' in block && partitionBy !== null && partitionBy === key[0];
    const part = partitionBy === null || byKey || !Object.hasOwn(values, partitionBy) ? null : (values[partitionBy] ?? null);
    let keys: [number, number] | null = null;
    if ('ids' in block) keys = [block.ids[0], block.ids[1]];
    else if (key.length === 1 && typeof block.row[key[0] as string] === 'number') {
      const k = block.row[key[0] as string] as number;
      keys = [k, k];
    }
    out.push({ seqFrom: seq, seqTo: seq + n - 1, part, keys });
    seq += n;
  }
  return out;
}

/** Compiles a validated scenario into the model the lanes run on. */
export function compileModel(
  scenario: Scenario,
  /** Content hashes already computed for this scenario (file id -> hash), e.g. by the thread that built the seed. */
  knownHashes: Readonly<Record<string, string>> = {},
): Model {
  const columns = Object.keys(scenario.table.columns);
  const key = scenario.table.key;
  const sortedCols = [...columns].sort();
  const partitionBy = scenario.table.partitionBy ?? null;
  const files = new Map<string, FileModel>();
  for (const [id, file] of Object.entries(scenario.files)) {
    const segments = segmentsOf(file.rows, key, partitionBy);
    let hash: string | null = Object.hasOwn(knownHashes, id) ? (knownHashes[id] ?? null) : null;
    files.set(id, {
      id,
      path: file.path,
      blocks: file.rows,
      rows: segments.reduce((n, s) => n + s.seqTo - s.seqFrom + 1, 0),
      segments,
      get contentHash() {
        return (hash ??= contentHash(file.rows, sortedCols, key.length === 1 ? key[0] : undefined));
      },
      pathHash: hex(file.path),
    });
  }
  const runs = scenario.runs.map((run) => run.input.map((f) => files.get(f) as FileModel));
  return {
    truth: truthPerRun(runs),
    scenario,
    columns,
    key,
    nonKey: columns.filter((c) => !key.includes(c)),
    partitionBy,
    orderBy: scenario.table.orderBy ?? null,
    files,
    runs,
    lanes: scenario.lanes,
    maxAttempts: scenario.retry.maxAttempts,
    deliveredRows: runs.flat().reduce((n, f) => n + f.rows, 0),
  };
}

/**
 * Per run prefix, whether every key arrived in one version only (and then how many keys), in one pass over the runs:
 * each file's key ranges are added once to a sorted list of disjoint ranges (a prefix per run would cost runs²).
 */
function truthPerRun(runs: FileModel[][]): Model['truth'] {
  const seen = new Set<FileModel>();
  const ranges: [number, number][] = [];
  let distinct = true;
  let keys = 0;
  return runs.map((input) => {
    for (const f of input) {
      if (seen.has(f)) continue;
      seen.add(f);
      keys += f.rows;
      if (distinct) distinct = f.segments.every((s) => s.keys !== null && addDisjoint(ranges, s.keys));
    }
    return { singleVersion: distinct, keys: distinct ? keys : 0 };
  });
}

/** Inserts `r` into sorted disjoint `ranges`; false (and nothing inserted) when it overlaps one of them. */
function addDisjoint(ranges: [number, number][], r: [number, number]): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ranges[mid] as [number, number])[0] <= r[0]) lo = mid + 1;
    else hi = mid;
  }
  const prev = ranges[lo - 1];
  const next = ranges[lo];
  if ((prev && prev[1] >= r[0]) || (next && next[0] <= r[1])) return false;
  ranges.splice(lo, 0, r);
  return true;
}

/**
 * True when no key can occur twice among the given files (judged from the block layout, without expanding rows).
 * False means "maybe": the caller then asks SQL.
 */
export function keysSurelyDistinct(files: FileModel[]): boolean {
  const ranges: [number, number][] = [];
  for (const f of files)
    for (const s of f.segments) {
      if (!s.keys) return false;
      ranges.push(s.keys);
    }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) if ((ranges[i] as [number, number])[0] <= (ranges[i - 1] as [number, number])[1]) return false;
  return true;
}
