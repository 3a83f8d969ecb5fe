import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { SqlBackend } from '../../src/db/port';
import type { FaultDoc, ScenarioInput } from '../../src/engine/schema';
import { PreparedScenario, Simulation } from '../../src/engine/simulation';
import { formatIssue, validateScenario } from '../../src/engine/validate';

/** The backend, counting the templates it builds (a seed is one template). */
function counting(backend: SqlBackend): SqlBackend & { templates: number } {
  const counted = {
    ...backend,
    templates: 0,
    buildTemplate: <T>(build: Parameters<SqlBackend['buildTemplate']>[0]) => {
      counted.templates += 1;
      return backend.buildTemplate(build as never) as Promise<{ template: never; result: T }>;
    },
  };
  return counted;
}

/** 1,000 rows in two files over two runs, the second redelivering f1 with corrections and partitions across days. */
const doc: ScenarioInput = {
  format: 'runtwice/scenario@1',
  id: 'thousand',
  title: 'thousand',
  summary: '',
  story: '',
  table: { columns: { id: 'INTEGER', day: 'TEXT', amount: 'INTEGER' }, key: ['id'], partitionBy: 'day' },
  files: {
    f1: { path: 'landing/a.csv', rows: [{ ids: [1, 400], values: { day: 'd1', amount: 1 } }] },
    f2: { path: 'landing/b.csv', rows: [{ ids: [401, 600], values: { day: 'd2', amount: 1 } }] },
    f3: { path: 'landing/a.csv', rows: [{ ids: [1, 400], values: { day: 'd1', amount: 2 } }] },
  },
  runs: [{ input: ['f1', 'f2'] }, { input: ['f3'] }],
  faults: [],
  retry: { maxAttempts: 3 },
};

describe('faults are the input of a play', () => {
  it('200 schedules on a 1,000-row scenario build the seed once, each with the metrics of a fresh simulation', async () => {
    const v = validateScenario(doc);
    if (!v.ok) throw new Error(v.errors.map(formatIssue).join('; '));
    const backend = counting(await nodeBackend());
    const prepared = await PreparedScenario.create(backend, v.scenario);
    expect(v.scenario.runs.flatMap((r) => r.input).reduce((n, f) => n + (prepared.model.files.get(f)?.rows ?? 0), 0)).toBe(1000);

    // Schedules from what a clean play offers: every offered moment × kind, then pairs (a crash in the retry too).
    const clean = prepared.play([], { interactive: false });
    await clean.runToEnd();
    const singles: FaultDoc[] = [];
    const seen = new Set<string>();
    for (const lane of clean.lanes)
      for (const e of lane.trace)
        for (const o of e.offers)
          for (const kind of ['crash', 'error'] as const) {
            const f = { run: e.run, attempt: e.attempt, kind, at: o.at };
            const key = JSON.stringify(f);
            if (seen.has(key)) continue;
            seen.add(key);
            singles.push(f);
          }
    const schedules: FaultDoc[][] = singles.map((f) => [f]);
    for (let i = 0; schedules.length < 200; i++) {
      const f = singles[i % singles.length] as FaultDoc;
      const sameRun = singles.filter((g) => g.run === f.run);
      const g = sameRun[(i * 7 + 3) % sameRun.length] as FaultDoc;
      schedules.push([f, { ...g, attempt: f.attempt + 1 }]);
    }
    expect(schedules.length).toBe(200);

    const fresh = counting(await nodeBackend());
    for (const schedule of schedules.slice(0, 200)) {
      const played = prepared.play(schedule, { interactive: false });
      await played.runToEnd();
      const direct = validateScenario({ ...doc, faults: schedule });
      if (!direct.ok) throw new Error(direct.errors.map(formatIssue).join('; '));
      const alone = await Simulation.create(fresh, direct.scenario, undefined, { interactive: false });
      await alone.runToEnd();
      expect(played.report().lanes, JSON.stringify(schedule)).toEqual(alone.report().lanes);
      await played.close();
      await alone.close();
    }
    expect(backend.templates).toBe(1);
    expect(fresh.templates).toBe(200);
    await prepared.close();
  }, 120_000);
});
