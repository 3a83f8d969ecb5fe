import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExploreCli } from '../../src/cli/exploreMain';
import { runScenario } from '../../src/cli/runScenario';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { ExploreReport } from '../../src/engine/explore/types';
import { parseScenarioText } from '../../src/engine/validate';

const dir = join(__dirname, '../../scenarios');
const read = (p: string): string => readFileSync(p.startsWith('/') ? p : join(dir, p), 'utf8');

async function cli(args: string[], text?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runExploreCli(args, nodeBackend, { out: (s) => (out += s), err: (s) => (err += s), readFile: (p) => text ?? read(p) });
  return { code, out, err };
}

const catalogue = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('01-'));

describe('npm run explore', () => {
  it('refuses bad input with exit 2 and the JSON path', async () => {
    const bad = await cli(['x.json', '--json'], JSON.stringify({ ...JSON.parse(read('02-crash-before-mark.json')), runs: [{ input: ['f9'] }] }));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/runs\[0\]\.input\[0\]: unknown file "f9"/);
    expect(bad.out).toBe('');
    expect((await cli(['02-crash-before-mark.json', '--depth', '3'])).code).toBe(2);
    expect((await cli(['02-crash-before-mark.json', '--kinds', 'flood'])).err).toMatch(/--kinds/);
    expect((await cli(['02-crash-before-mark.json', '--lanes', 'nope'])).err).toMatch(/unknown lane "nope"/);
    expect((await cli([])).err).toMatch(/usage: npm run -s explore/);
  });

  it.each(catalogue)('%s: exits 0 with one document of the contract', async (file) => {
    const r = await cli([file, '--json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as ExploreReport;
    const parsed = parseScenarioText(read(file));
    if (!parsed.ok) throw new Error('catalogue scenario invalid');
    expect(doc.scenario).toBe(parsed.scenario.id);
    expect(Object.keys(doc.lanes)).toEqual(parsed.scenario.lanes.map((l) => l.id));
    expect(doc.schedules[0]).toEqual({ id: 's0', faults: [], label: 'no fault' });
    for (const lane of Object.values(doc.lanes)) {
      expect(lane.results.map((x) => x.schedule)).toEqual(doc.schedules.map((s) => s.id));
      expect(lane.holds + lane.breaks).toBe(doc.schedules.length - 1);
    }
  }, 60_000);

  it.each(['02-crash-before-mark.json', '03-overwrite-window.json', '09-duplicate-keys-first-batch.json', '16-crash-before-commit.json', '18-failed-run-after-delete.json'])(
    '%s: every result equals what sim reports with faults set to that schedule',
    async (file) => {
      const r = await cli([file, '--json']);
      const doc = JSON.parse(r.out) as ExploreReport;
      const parsed = parseScenarioText(read(file));
      if (!parsed.ok) throw new Error('catalogue scenario invalid');
      const backend = await nodeBackend();
      for (const s of doc.schedules) {
        const report = await runScenario(backend, { ...parsed.scenario, faults: s.faults });
        for (const [lane, l] of Object.entries(doc.lanes)) {
          const m = report.lanes[lane];
          const got = l.results.find((x) => x.schedule === s.id);
          expect(got, `${file} ${s.id} ${lane}`).toEqual({ schedule: s.id, verdict: m?.verdict, rows: m?.rows, duplicates: m?.duplicates, lost: m?.lost, stale: m?.stale, error: m?.error });
        }
      }
    },
    120_000,
  );

  it('prints a readable table with each lane’s counterexample or certificate', async () => {
    const r = await cli(['02-crash-before-mark.json']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^scenario crash-before-mark: \d+ schedules \(depth 1, crash and error\)/);
    expect(r.out).toMatch(/naive: smallest counterexample s\d+ \(run 1 · attempt 1 · crash/);
    expect(r.out).toMatch(/tracking-atomic: exactly-once under all \d+ single crashes and errors/);
  });
});
