import type { Model } from '../model';
import type { TraceEvent } from '../trace';

/**
 * Positions in each file (1-based seq) where a new class of rows starts: every explicit row stands alone; inside an
 * `ids` block rows are interchangeable (same values, consecutive keys) except where another block's or row's key range
 * starts or ends, so the block is cut there. Two prefixes of a write that end inside the same class hold rows that
 * differ only by such interchangeable rows, and give every lane the same verdict (checked by brute force in tests).
 */
export function rowClassBreaks(model: Model): Map<string, Set<number>> {
  const keyBreaks = new Set<number>();
  const keyCol = model.key.length === 1 ? (model.key[0] as string) : null;
  for (const file of model.files.values())
    for (const block of file.blocks) {
      if ('ids' in block) {
        keyBreaks.add(block.ids[0]);
        keyBreaks.add(block.ids[1] + 1);
      } else if (keyCol !== null && typeof block.row[keyCol] === 'number') {
        const k = block.row[keyCol] as number;
        keyBreaks.add(k);
        keyBreaks.add(k + 1);
      }
    }
  const sortedKeys = [...keyBreaks].sort((a, b) => a - b);
  const out = new Map<string, Set<number>>();
  for (const file of model.files.values()) {
    const breaks = new Set<number>();
    let seq = 1;
    for (const block of file.blocks) {
      if ('row' in block) {
        breaks.add(seq);
        breaks.add(seq + 1);
        seq += 1;
        continue;
      }
      const [a, b] = block.ids;
      if (b < a) continue;
      breaks.add(seq);
      breaks.add(seq + (b - a) + 1);
      for (const k of sortedKeys) if (k > a && k <= b) breaks.add(seq + (k - a));
      seq += b - a + 1;
    }
    out.set(file.id, breaks);
  }
  return out;
}

/** A class of `afterRows` values: every N from `from` to `to` gives the same verdict in every lane. */
export interface RowsClass {
  from: number;
  to: number;
}

/**
 * Splits `afterRows` N = 1 … (the most rows any lane writes in this attempt) into classes, from what each lane's trace
 * of the attempt says. Where a write step wrote one row per count (an INSERT of file rows), a count is a row of a file,
 * and the classes follow the classes of rows: around every break, the last row before it, its first row and the next
 * row stand alone (a prefix that just completed a run of interchangeable rows, or just started the next, is not the
 * same as one inside it). Where a step's count is not row for row (a MERGE chunk that updated rows, a reduced batch),
 * the step's own range is cut at its ends. Where a lane stops writing, a class ends too.
 */
export function afterRowsClasses(segments: readonly (readonly TraceEvent[])[], breaks: Map<string, Set<number>>): RowsClass[] {
  let max = 0;
  const cuts = new Set<number>([1, 2]);
  const around = (n: number): void => {
    cuts.add(n - 1);
    cuts.add(n);
    cuts.add(n + 1);
  };
  for (const events of segments) {
    let laneMax = 0;
    for (const e of events) {
      laneMax = Math.max(laneMax, e.written);
      const rowForRow = e.kind === 'write' && e.seq && e.file !== null && e.rows !== null && e.error === null && e.rows === e.seq[1] - e.seq[0] + 1;
      if (rowForRow) {
        const [s0, s1] = e.seq as [number, number];
        const before = e.written - (e.rows as number);
        // a break at p: rows from p on are another class; p = s1 + 1 closes the class at this step's last row
        for (const p of breaks.get(e.file as string) ?? []) if (p >= s0 && p <= s1 + 1) around(before + (p - s0) + 1);
      } else
        for (const o of e.offers)
          if (o.rows) {
            cuts.add(o.rows.from);
            cuts.add(o.rows.to);
            cuts.add(o.rows.to + 1);
          }
    }
    cuts.add(laneMax);
    cuts.add(laneMax + 1);
    max = Math.max(max, laneMax);
  }
  const sorted = [...cuts].filter((n) => n >= 1 && n <= max).sort((a, b) => a - b);
  return sorted.map((from, i) => ({ from, to: (sorted[i + 1] ?? max + 1) - 1 }));
}
