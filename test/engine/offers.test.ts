import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { FaultDoc, ScenarioInput } from '../../src/engine/schema';
import { PreparedScenario } from '../../src/engine/simulation';
import type { TraceEvent } from '../../src/engine/trace';
import { formatIssue, validateScenario } from '../../src/engine/validate';
import { scenarioArb } from './arbitraries';

async function prepare(doc: ScenarioInput): Promise<PreparedScenario> {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.errors.map(formatIssue).join('; '));
  return PreparedScenario.create(await nodeBackend(), v.scenario);
}

async function traces(prepared: PreparedScenario, schedule: FaultDoc[], lanes?: string[]): Promise<Map<string, TraceEvent[]>> {
  const sim = prepared.play(schedule, { ...(lanes ? { lanes } : {}), interactive: false });
  await sim.runToEnd();
  const out = new Map(sim.lanes.map((l) => [l.spec.id, l.trace]));
  await sim.close();
  return out;
}

const same = (e: TraceEvent) => ({ kind: e.kind, label: e.label, sql: e.sql, destRows: e.destRows, written: e.written });
/**
 * Lanes whose write is one set-based statement per chunk that cannot be cut at any N: a MERGE chunk that updates
 * several rows of one key, and the anti-join's single INSERT (a statement is atomic: the fault fires after it).
 */
const UNCUT = new Set(['merge', 'merge-latest', 'anti-join']);

/**
 * The trace says where a fault can land: inject a crash or an error at any moment a step of a clean play offered,
 * and it fires right there. Nothing upstream has to guess moments from step kinds any more.
 */
describe('the moments a step offers', () => {
  it('a fault injected at an offered moment lands right after that step; a crash leaves what the step said others see (property)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb({}, 'none'), fc.nat(), fc.nat(), fc.constantFrom('crash' as const, 'error' as const), async (doc, pick, pickN, kind) => {
        const prepared = await prepare({ ...doc, faults: [] });
        const clean = await traces(prepared, []);
        const candidates = [...clean].flatMap(([lane, trace]) => trace.flatMap((e) => e.offers.map((offer) => ({ lane, e, offer }))));
        fc.pre(candidates.length > 0);
        const { lane, e, offer } = candidates[pick % candidates.length] as (typeof candidates)[number];
        const base = clean.get(lane) as TraceEvent[];

        // 1. The moment as offered (for afterRows: the step's own count) fires right after the step.
        const at = offer.at;
        const faulted = (await traces(prepared, [{ run: e.run, attempt: e.attempt, kind, at }], [lane])).get(lane) as TraceEvent[];
        const where = `${lane} step ${e.step}, ${kind} at ${JSON.stringify(at)}`;
        expect(faulted.slice(0, e.step + 1).map(same), where).toEqual(base.slice(0, e.step + 1).map(same));
        expect(faulted[e.step + 1]?.kind, where).toBe(kind);
        if (kind === 'crash') {
          const end = faulted.find((x) => x.step > e.step && x.kind === 'end');
          expect(end?.outcome, where).toBe('crash');
          expect(end?.destRows, where).toBe(e.committedRows);
        }

        // 2. Any N of an afterRows range lands in this step: the write is cut at N (a statement that cannot be cut fires
        //    once it passes N).
        if (offer.rows) {
          const n = offer.rows.from + (pickN % (offer.rows.to - offer.rows.from + 1));
          const cut = (await traces(prepared, [{ run: e.run, attempt: e.attempt, kind, at: { afterRows: n } }], [lane])).get(lane) as TraceEvent[];
          const fault = cut.find((x) => x.kind === kind && x.run === e.run && x.attempt === e.attempt);
          const before = cut[(fault?.step ?? 0) - 1];
          expect(fault, `${where}, N=${n}`).toBeDefined();
          expect(before?.written, `${lane} N=${n}`).toBeGreaterThanOrEqual(n);
          expect(before?.written, `${lane} N=${n}`).toBeLessThanOrEqual(offer.rows.to);
          if (!UNCUT.has(lane)) expect(before?.written, `${lane} N=${n}`).toBe(n);
        }
        await prepared.close();
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('records rows written in the attempt and rows other readers see at every step', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb({}, 'any'), async (doc) => {
        const prepared = await prepare(doc);
        const all = await traces(prepared, prepared.model.scenario.faults);
        for (const [lane, trace] of all) {
          let written = 0;
          let committed = 0;
          for (const e of trace) {
            if (e.kind === 'start') written = 0;
            if (e.kind === 'write') written = e.written;
            // written never decreases within an attempt, and a step that is not a write does not change it
            expect(e.written, `${lane} step ${e.step}`).toBe(written);
            if (!e.txOpen) committed = e.destRows;
            expect(e.committedRows, `${lane} step ${e.step}`).toBe(e.txOpen ? committed : e.destRows);
          }
        }
        await prepared.close();
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
