import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import { explore } from '../../src/engine/explore/explorer';
import { localExecutor } from '../../src/engine/explore/localExecutor';
import type { ExploreReport } from '../../src/engine/explore/types';
import type { FaultDoc, FaultMoment, ScenarioInput } from '../../src/engine/schema';
import { PreparedScenario } from '../../src/engine/simulation';
import { formatIssue, validateScenario, type Scenario } from '../../src/engine/validate';

/** Tiny scenarios whose files mix `ids` blocks (interchangeable rows) and explicit rows, with keys that overlap. */
const tinyArb = fc
  .record({
    files: fc.array(
      fc.array(
        fc.oneof(
          fc.record({ from: fc.integer({ min: 1, max: 8 }), len: fc.integer({ min: 1, max: 5 }), day: fc.constantFrom('d1', 'd2'), amount: fc.nat(2) }).map((b) => ({ ids: [b.from, b.from + b.len - 1] as [number, number], values: { day: b.day, amount: b.amount } })),
          fc.record({ id: fc.integer({ min: 1, max: 8 }), day: fc.constantFrom('d1', 'd2'), amount: fc.nat(2) }).map((r) => ({ row: r })),
        ),
        { minLength: 0, maxLength: 2 },
      ),
      { minLength: 1, maxLength: 3 },
    ),
    runs: fc.array(fc.array(fc.nat(2), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }),
    maxAttempts: fc.integer({ min: 1, max: 2 }),
    kind: fc.constantFrom('crash' as const, 'error' as const),
  })
  .map(({ files, runs, maxAttempts, kind }) => {
    const doc: ScenarioInput = {
      format: 'runtwice/scenario@1',
      id: 'tiny',
      title: 'tiny',
      summary: '',
      story: '',
      table: { columns: { id: 'INTEGER', day: 'TEXT', amount: 'INTEGER' }, key: ['id'], partitionBy: 'day' },
      files: Object.fromEntries(files.map((rows, i) => [`f${i}`, { path: `landing/f${i}.csv`, rows }])),
      runs: runs.map((input) => ({ input: [...new Set(input.map((i) => `f${i % files.length}`))] })),
      faults: [],
      retry: { maxAttempts },
    };
    return { doc, kind };
  });

function valid(doc: ScenarioInput): Scenario {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.errors.map(formatIssue).join('; '));
  return v.scenario;
}

/** Verdicts of every lane under a schedule, by lane id. */
async function verdicts(prepared: PreparedScenario, faults: FaultDoc[]): Promise<Record<string, string>> {
  const out = await localExecutor(prepared).play(faults, prepared.model.lanes.map((l) => l.id), false);
  return Object.fromEntries(Object.entries(out).map(([lane, o]) => [lane, o.metrics.verdict]));
}

const column = (report: ExploreReport, id: string): Record<string, string> =>
  Object.fromEntries(Object.entries(report.lanes).map(([lane, l]) => [lane, l.results.find((r) => r.schedule === id)?.verdict ?? '?']));

describe('the crash-point explorer', () => {
  it('misses no verdict: every N and every file moment, played one by one, gives the verdicts of its schedule (brute force, property)', async () => {
    await fc.assert(
      fc.asyncProperty(tinyArb, async ({ doc, kind }) => {
        const scenario = valid(doc);
        const prepared = await PreparedScenario.create(await nodeBackend(), scenario);
        const report = await explore(scenario, localExecutor(prepared), { depth: 1, kinds: [kind] });
        const clean = column(report, 's0');
        // every segment a clean play reaches, in any lane
        const cleanPlay = await localExecutor(prepared).play([], scenario.lanes.map((l) => l.id), true);
        const segments = new Set(Object.values(cleanPlay).flatMap((o) => o.trace.map((e) => `${e.run}:${e.attempt}`)));
        const maxRows = Math.max(0, ...Object.values(cleanPlay).flatMap((o) => o.trace.map((e) => e.written)));
        for (const seg of segments) {
          const [run, attempt] = seg.split(':').map(Number) as [number, number];
          const input = scenario.runs[run - 1]?.input ?? [];
          const moments: FaultMoment[] = [{ before: 'commit' }, ...input.flatMap((file) => [{ before: 'write' as const, file }, { after: 'write' as const, file }, { after: 'delete' as const, file }])];
          for (let n = 1; n <= maxRows + 1; n++) moments.push({ afterRows: n });
          for (const at of moments) {
            const fault: FaultDoc = { run, attempt, kind, at };
            const brute = await verdicts(prepared, [fault]);
            const schedule = report.schedules.find((s) => {
              const f = s.faults[0];
              if (s.faults.length !== 1 || !f || f.run !== run || f.attempt !== attempt || f.kind !== kind) return false;
              if ('afterRows' in at) return 'afterRows' in f.at && s.afterRowsRange !== undefined && s.afterRowsRange[0] <= at.afterRows && at.afterRows <= s.afterRowsRange[1];
              return JSON.stringify(f.at) === JSON.stringify(at);
            });
            expect(schedule ? column(report, schedule.id) : clean, `${JSON.stringify(fault)} (${schedule?.id ?? 'no schedule: must change nothing'})`).toEqual(brute);
          }
        }
        await prepared.close();
      }),
      { numRuns: 200 },
    );
  }, 600_000);
});

describe('cancelling the explorer', () => {
  it('keeps what was computed, even when the plays under way are stopped', async () => {
    const doc = JSON.parse(readFileSync(join(__dirname, '../../scenarios/02-crash-before-mark.json'), 'utf8')) as ScenarioInput;
    const scenario = valid(doc);
    const prepared = await PreparedScenario.create(await nodeBackend(), scenario);
    const local = localExecutor(prepared);
    let plays = 0;
    let cancel = false;
    const report = await explore(
      scenario,
      {
        concurrency: 2,
        async play(faults, lanes, withTrace) {
          plays += 1;
          if (plays > 5) {
            cancel = true;
            throw new Error('worker terminated');
          }
          return local.play(faults, lanes, withTrace);
        },
      },
      { depth: 1, kinds: ['crash', 'error'] },
      { cancelled: () => cancel },
    );
    expect(report.complete).toBe(false);
    expect(report.schedules.length).toBeGreaterThan(1);
    expect(report.schedules.length).toBeLessThan(13);
    for (const lane of Object.values(report.lanes)) {
      expect(lane.results).toHaveLength(report.schedules.length);
      expect(lane.certificate).toBeNull();
    }
    await prepared.close();
  });
});
