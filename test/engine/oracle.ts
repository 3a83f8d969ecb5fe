import type { Lane } from '../../src/engine/lane';
import { stepsThrough } from '../../src/engine/positions';
import type { TraceEvent } from '../../src/engine/trace';
import type { Scenario } from '../../src/engine/validate';
import type { ScenarioDoc } from '../../src/engine/schema';

type Row = Record<string, number | string>;

/** Expands a file's blocks into rows, in JS (the test's independent reading of the format). */
export function expandRows(doc: Pick<ScenarioDoc, 'files' | 'table'>, fileId: string): Row[] {
  const file = doc.files[fileId];
  if (!file) throw new Error(`no file ${fileId}`);
  const key = doc.table.key[0] as string;
  return file.rows.flatMap((b) =>
    'row' in b ? [b.row] : Array.from({ length: Math.max(0, b.ids[1] - b.ids[0] + 1) }, (_, i) => ({ ...b.values, [key]: b.ids[0] + i })),
  );
}

/** The truth of SCENARIO_FORMAT.md, computed by brute force: per key, largest orderBy, ties to the last delivered. */
export function bruteTruth(doc: Pick<ScenarioDoc, 'files' | 'table' | 'runs'>): Map<string, Row> {
  const keyOf = (r: Row): string => JSON.stringify(doc.table.key.map((k) => r[k]));
  const truth = new Map<string, Row>();
  const ob = doc.table.orderBy;
  for (const run of doc.runs)
    for (const f of run.input)
      for (const row of expandRows(doc, f)) {
        const k = keyOf(row);
        const cur = truth.get(k);
        // later deliveries win ties, so replace unless the current one is strictly larger
        if (!cur || !ob || !((cur[ob] as number) > (row[ob] as number))) truth.set(k, row);
      }
  return truth;
}

/** rows / duplicates / lost / stale of a destination's rows against the brute-force truth. */
export function bruteCounts(doc: Pick<ScenarioDoc, 'files' | 'table' | 'runs'>, dest: Row[]) {
  const truth = bruteTruth(doc);
  const keyOf = (r: Row): string => JSON.stringify(doc.table.key.map((k) => r[k]));
  const nonKey = Object.keys(doc.table.columns).filter((c) => !doc.table.key.includes(c));
  const byKey = new Map<string, Row[]>();
  for (const r of dest) byKey.set(keyOf(r), [...(byKey.get(keyOf(r)) ?? []), r]);
  let lost = 0;
  let stale = 0;
  for (const [k, t] of truth) {
    const rows = byKey.get(k);
    if (!rows) lost += 1;
    else if (!rows.some((r) => nonKey.every((c) => r[c] === t[c]))) stale += 1;
  }
  return { rows: dest.length, duplicates: dest.length - byKey.size, lost, stale };
}

/**
 * `dest` right after event `e` of `lane` (the lane is moved there), recounted by brute force against the truth of the
 * runs so far: what the step's interim `counts` must say.
 */
export async function recountAfter(lane: Lane, e: TraceEvent, scenario: Scenario): Promise<ReturnType<typeof bruteCounts>> {
  await lane.seek(stepsThrough(e.step));
  const columns = Object.keys(scenario.table.columns);
  const res = await lane.query(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM dest`);
  const rows = res.rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])) as Row);
  return bruteCounts({ ...scenario, runs: scenario.runs.slice(0, e.run) }, rows);
}
