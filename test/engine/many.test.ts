import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { SqlBackend, SqlPort } from '../../src/db/port';
import { MAX_DELIVERIES, MAX_FAULTS, MAX_FILES, MAX_RUNS } from '../../src/engine/limits';
import type { FaultMoment, ScenarioInput } from '../../src/engine/schema';
import { Simulation } from '../../src/engine/simulation';
import { formatIssue, validateScenario } from '../../src/engine/validate';
import { bruteCounts } from './oracle';

/**
 * Scenarios at the bounds of limits.ts: hundreds of runs, a thousand one-row files, a hundred faults. Every lane's
 * numbers equal the brute-force recount of its `dest`, and the play runs statements in proportion to the work (lanes ×
 * (file reads + attempts)), not its square.
 */

const columns = { id: 'INTEGER', day: 'TEXT', v: 'TEXT', t: 'INTEGER' } as const;
type Shape = { kind: 'runs' | 'files' | 'faults'; keys: number; orderBy: boolean; days: number; seed: number };

/** One one-row file per delivery; keys repeat every `keys` files (later ones correct earlier ones). */
function build({ kind, keys, orderBy, days, seed }: Shape): ScenarioInput {
  const n = kind === 'runs' ? MAX_RUNS : kind === 'files' ? Math.min(MAX_FILES, MAX_DELIVERIES) : 10;
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  const files = Object.fromEntries(
    ids.map((i) => [`f${i}`, { path: `landing/${i % 7}/part-${i}.csv`, rows: [{ row: { id: ((i * 7919 + seed) % keys) + 1, day: `d${i % days}`, v: `v${i}`, t: (i * seed) % 5 } }] }]),
  );
  const doc: ScenarioInput = {
    format: 'runtwice/scenario@1',
    id: `many-${kind}`,
    title: kind,
    summary: '',
    story: '',
    table: { columns, key: ['id'], partitionBy: 'day', ...(orderBy ? { orderBy: 't' } : {}) },
    files,
    runs: kind === 'files' ? [{ input: ids.map((i) => `f${i}`) }] : ids.map((i) => ({ input: [`f${i}`] })),
    retry: { maxAttempts: kind === 'runs' ? 2 : 3 },
  };
  if (kind === 'faults') {
    // ten runs of three files each; a hundred faults spread over runs, attempts and every kind of moment
    doc.runs = ids.map((i) => ({ input: [`f${i}`, `f${(i % n) + 1}`, `f${((i + 1) % n) + 1}`] }));
    doc.faults = Array.from({ length: MAX_FAULTS }, (_, i) => {
      const run = (i % 10) + 1;
      const file = `f${((i + seed) % 3 === 0 ? run : (run % n) + 1)}`;
      const moments: FaultMoment[] = [{ afterRows: (i % 3) + 1 }, { before: 'write' as const, file }, { after: 'write' as const, file }, { after: 'delete' as const, file }, { before: 'commit' as const }];
      return { run, attempt: ((i + seed) % 3) + 1, kind: (i + seed) % 2 ? ('crash' as const) : ('error' as const), at: moments[(i * 3 + seed) % moments.length] as FaultMoment };
    });
  }
  return doc;
}

const shapeArb = (kind: Shape['kind']): fc.Arbitrary<Shape> =>
  fc.record({ kind: fc.constant(kind), keys: fc.integer({ min: 1, max: 1200 }), orderBy: fc.boolean(), days: fc.integer({ min: 1, max: 12 }), seed: fc.integer({ min: 1, max: 1000 }) });

/** Counts every statement lane connections run (a deterministic stand-in for cost: no test here reads a clock). */
async function countingBackend(): Promise<{ backend: SqlBackend; statements: () => number }> {
  const inner = await nodeBackend();
  let n = 0;
  const wrap = (db: SqlPort): SqlPort => ({
    ...db,
    dialect: db.dialect,
    run: (sql, params) => ((n += 1), db.run(sql, params)),
    query: (sql, params) => ((n += 1), db.query(sql, params)),
    script: (sql) => ((n += 1), db.script(sql)),
    writeMany: (sql, rows) => ((n += 1), db.writeMany(sql, rows)),
    snapshot: () => db.snapshot(),
    close: () => db.close(),
  });
  return { backend: { ...inner, clone: async (t) => wrap(await inner.clone(t)) }, statements: () => n };
}

/** Plays every lane as the CLI does; checks each against the recount; returns the statements run per unit of work. */
async function playAndRecount(doc: ScenarioInput): Promise<{ statements: number; work: number }> {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
  const { backend, statements } = await countingBackend();
  const sim = await Simulation.create(backend, v.scenario, undefined, { interactive: false });
  await sim.runToEnd();
  const ran = statements();
  try {
    for (const lane of sim.lanes) {
      const res = await lane.query('SELECT id, day, v, t FROM dest');
      const rows = res.rows.map(([id, day, vv, t]) => ({ id, day, v: vv, t }) as Record<string, number | string>);
      const m = lane.metrics;
      expect(m && { rows: m.rows, duplicates: m.duplicates, lost: m.lost, stale: m.stale }, lane.spec.id).toEqual(bruteCounts(v.scenario, rows));
    }
  } finally {
    await sim.close();
  }
  const reads = v.scenario.runs.reduce((n, r) => n + r.input.length, 0);
  return { statements: ran, work: sim.lanes.length * (reads + v.scenario.runs.length * v.scenario.retry.maxAttempts + v.scenario.faults.length) };
}

/**
 * Statements per unit of work (lanes × (file reads + attempts + faults)): 1.6–4.9 measured on these shapes. A count of
 * `dest` or of the metadata table at every step (the mistakes that made many-file runs quadratic) adds about four per
 * file and crosses the bound. Time itself is measured by the benchmarks (bench/), never asserted by a test.
 */
const STATEMENTS_PER_UNIT = 8;

describe('many files, runs and faults: the brute-force recount, with work in proportion to the scenario', () => {
  it.each([
    ['runs', 3],
    ['files', 2],
    ['faults', 4],
  ] as const)('%s at the bound', { timeout: 120_000 }, async (kind, numRuns) => {
    await fc.assert(
      fc.asyncProperty(shapeArb(kind), async (shape) => {
        const { statements, work } = await playAndRecount(build(shape));
        expect(statements, `${kind}: ${statements} statements for ${work} units`).toBeLessThan(STATEMENTS_PER_UNIT * work);
      }),
      { numRuns },
    );
  });
});

describe('the metadata row count in the trace', () => {
  /** Counts the statements that count the metadata table, on every lane connection. */
  async function counting(): Promise<{ backend: SqlBackend; counts: () => number }> {
    const inner = await nodeBackend();
    let n = 0;
    const seen = (sql: string) => {
      if (/^SELECT COUNT\(\*\) FROM (processed_files|file_registry)$/.test(sql)) n += 1;
    };
    const wrap = (db: SqlPort): SqlPort => ({
      ...db,
      dialect: db.dialect,
      run: (sql, params) => db.run(sql, params),
      query: (sql, params) => {
        seen(sql);
        return db.query(sql, params);
      },
      script: (sql) => db.script(sql),
      writeMany: (sql, rows) => db.writeMany(sql, rows),
      snapshot: () => db.snapshot(),
      close: () => db.close(),
    });
    return { backend: { ...inner, clone: async (t) => wrap(await inner.clone(t)) }, counts: () => n };
  }

  it('is counted when a step can change it, not at every step (300 files: not one COUNT per step)', async () => {
    const doc = build({ kind: 'files', keys: 1000, orderBy: false, days: 3, seed: 1 });
    doc.runs = [{ input: (doc.runs[0]?.input ?? []).slice(0, 300) }];
    const v = validateScenario(doc);
    if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
    const { backend, counts } = await counting();
    const sim = await Simulation.create(backend, v.scenario, ['tracking'], { interactive: false });
    await sim.runToEnd();
    const steps = sim.lane('tracking').trace.length;
    // tracking reads, checks, writes and marks each file: only the mark (and the attempt's start and end) can change it
    expect(counts()).toBeLessThanOrEqual(300 + 5);
    expect(steps).toBeGreaterThan(3 * 300);
    await sim.close();
  });

  it('equals a fresh count at every step, faults and rollbacks included', async () => {
    const doc = build({ kind: 'faults', keys: 7, orderBy: true, days: 2, seed: 3 });
    doc.runs = doc.runs.slice(0, 3);
    doc.faults = (doc.faults ?? []).filter((f) => f.run <= 3).slice(0, 6);
    const v = validateScenario(doc);
    if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
    const sim = await Simulation.create(await nodeBackend(), v.scenario, ['tracking', 'ingestor', 'ingestor-lock', 'tracking-atomic'], { interactive: true });
    await sim.runToEnd();
    for (const lane of sim.lanes) {
      const table = lane.pattern.meta?.table as string;
      for (const e of lane.trace) {
        await lane.seek((e.step + 1) as Parameters<typeof lane.seek>[0]);
        const fresh = Number((await lane.query(`SELECT COUNT(*) FROM ${table}`)).rows[0]?.[0]);
        expect(e.metaRows, `${lane.spec.id} step ${e.step} (${e.kind})`).toBe(fresh);
      }
    }
    await sim.close();
  }, 60_000);
});
