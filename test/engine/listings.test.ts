import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import { LISTINGS, listingFor } from '../../src/engine/listings';
import { PATTERN_IDS } from '../../src/engine/schema';
import { Simulation } from '../../src/engine/simulation';
import type { TraceEvent } from '../../src/engine/trace';
import { validateScenario } from '../../src/engine/validate';

const DIR = new URL('../../scenarios/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

/** What the line a step of each kind lights must say. */
const LINE_OF: Record<TraceEvent['kind'], RegExp> = {
  start: /^def /,
  end: /^\s+return\b/,
  read: /read_csv|read_all/,
  check: /SELECT|newest_row_per_key|matched_twice/,
  skip: /continue/,
  claim: /IN_PROGRESS/,
  begin: /BEGIN/,
  delete: /DELETE/,
  write: /INSERT|MERGE/,
  mark: /SUCCESS|processed_files/,
  commit: /COMMIT/,
  rollback: /ROLLBACK/,
  handler: /FAILED/,
  crash: /./,
  error: /./,
  wait: /./,
};

describe('listings: the lane program with the current line', () => {
  it('has a listing for every built-in pattern, and none for a custom lane', () => {
    for (const id of PATTERN_IDS) expect(LISTINGS[id].lines.length).toBeGreaterThan(3);
    expect(listingFor('custom')).toBeNull();
    expect(listingFor('toString')).toBeNull();
  });

  it('places fault moments beside the statement they fall at', () => {
    const l = LISTINGS['tracking-atomic'];
    const at = (label: string, txOpen = true) => l.lines[l.lineFor({ kind: 'crash', label, txOpen })];
    expect(at('The process dies at afterRows 800: no handler runs, the open transaction will roll back.')).toMatch(/INSERT INTO dest/);
    expect(at('The process dies just before the commit: no handler runs, the open transaction will roll back.')).toMatch(/COMMIT/);
    const anti = LISTINGS['anti-join'];
    expect(anti.lines[anti.lineFor({ kind: 'crash', label: 'The process dies at after write f3: no handler runs.', txOpen: false })]).toMatch(/COMMIT/);
    const over = LISTINGS['overwrite-nonatomic'];
    expect(over.lines[over.lineFor({ kind: 'error', label: 'An exception is raised at after delete f1: …', txOpen: false })]).toMatch(/DELETE/);
  });

  it.each(files)('%s: every step of every lane maps to a line that says what the step does', async (file) => {
    const v = validateScenario(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')));
    if (!v.ok) throw new Error(`${file}: invalid`);
    const sim = await Simulation.create(await nodeBackend(), v.scenario, undefined, { interactive: false });
    try {
      await sim.runToEnd();
      for (const lane of sim.lanes) {
        const listing = listingFor(lane.spec.pattern);
        if (!listing) continue;
        for (const e of lane.trace) {
          const line = listing.lineFor(e);
          expect(line, `${lane.spec.id} step ${e.step} (${e.kind}: ${e.label})`).toBeGreaterThanOrEqual(0);
          expect(listing.lines[line], `${lane.spec.id} step ${e.step} (${e.kind}: ${e.label})`).toMatch(LINE_OF[e.kind]);
        }
      }
    } finally {
      await sim.close();
    }
  }, 240_000);
});
