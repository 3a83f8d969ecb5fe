import type { Attempt, Piece } from '../attempt';
import type { FileModel } from '../model';
import type { CellValue } from '../schema';

/**
 * One step of an overwrite lane's plan: a partition (or, when the table is partitioned by its key, a range of key
 * values each of which is its own partition and holds exactly one row of the batch) and its rows as pieces.
 */
export type PartitionUnit = { part: CellValue; pieces: Piece[] } | { range: [number, number]; piece: Piece };

/** Partitions in order of first appearance in the batch, each with its rows as pieces in batch order. */
export function partitionPlan(input: FileModel[], byKey: boolean): PartitionUnit[] {
  if (byKey) return keyPlan(input);
  const plan = new Map<CellValue, Piece[]>();
  for (const file of input)
    for (const s of file.segments) {
      const part = s.part as CellValue;
      if (!plan.has(part)) plan.set(part, []);
      (plan.get(part) as Piece[]).push({ file, seqFrom: s.seqFrom, seqTo: s.seqTo });
    }
  return [...plan.entries()].map(([part, pieces]) => ({ part, pieces }));
}

/**
 * The plan when the partition column is the key: every key is its own partition. Without expanding `ids` blocks:
 * the batch's key ranges are cut into elementary intervals; an interval only one segment covers is one range unit
 * (its keys appear nowhere else in the batch: deleting and writing them as a range is the same as key by key); keys
 * several segments cover are expanded one partition per key (their rows written together, where the key first
 * appears). Units are ordered by first appearance: the first segment that covers them, then the key.
 */
function keyPlan(input: FileModel[]): PartitionUnit[] {
  const segs = input.flatMap((file) => file.segments.map((s) => ({ file, s })));
  const points = [...new Set(segs.flatMap(({ s }) => (s.keys ? [s.keys[0], s.keys[1] + 1] : [])))].sort((a, b) => a - b);
  const units: { order: [number, number]; unit: PartitionUnit }[] = [];
  // covers of each elementary interval [points[j], points[j+1] - 1], in batch order
  const covers = new Map<number, number[]>();
  const values = new Map<CellValue, { first: number; pieces: Piece[] }>();
  segs.forEach(({ file, s }, i) => {
    if (!s.keys) {
      const v = s.part as CellValue;
      const entry = values.get(v) ?? { first: i, pieces: [] };
      entry.pieces.push({ file, seqFrom: s.seqFrom, seqTo: s.seqTo });
      values.set(v, entry);
      return;
    }
    for (let j = lowerBound(points, s.keys[0]); (points[j] as number) <= s.keys[1]; j++) covers.set(j, [...(covers.get(j) ?? []), i]);
  });
  for (const [v, { first, pieces }] of values) units.push({ order: [first, -Infinity], unit: { part: v, pieces } });
  for (const [j, cover] of covers) {
    const from = points[j] as number;
    const to = (points[j + 1] as number) - 1;
    const at = (i: number, k: number): Piece => {
      const { file, s } = segs[i] as (typeof segs)[number];
      const seq = s.seqFrom + (k - (s.keys as [number, number])[0]);
      return { file, seqFrom: seq, seqTo: seq };
    };
    if (cover.length === 1) {
      const first = at(cover[0] as number, from);
      units.push({ order: [cover[0] as number, from], unit: { range: [from, to], piece: { ...first, seqTo: first.seqFrom + (to - from) } } });
    } else for (let k = from; k <= to; k++) units.push({ order: [cover[0] as number, k], unit: { part: k, pieces: cover.map((i) => at(i, k)) } });
  }
  return units.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]).map((u) => u.unit);
}

function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The partition value of a file's first row (its key when the table is partitioned by key); none without rows. */
export function firstPart(f: FileModel): CellValue | undefined {
  const s = f.segments[0];
  if (!s) return undefined;
  return s.part ?? s.keys?.[0] ?? undefined;
}

/**
 * Chunks of a range unit: each chunk deletes its keys' partitions, then writes their rows. No fault falls inside a
 * chunk (chunks are cut where an afterRows fault falls), so this is the same as partition by partition.
 */
export function rangeChunks(a: Attempt, unit: { range: [number, number]; piece: Piece }): { keys: [number, number]; piece: Piece }[] {
  const { range, piece } = unit;
  return a.chunksOf(piece).map(([from, to]) => ({
    keys: [range[0] + (from - piece.seqFrom), range[0] + (to - piece.seqFrom)],
    piece: { file: piece.file, seqFrom: from, seqTo: to },
  }));
}
