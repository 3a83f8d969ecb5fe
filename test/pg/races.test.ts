import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBackend } from '../../src/cli/engine';
import { runCli } from '../../src/cli/main';
import { postgresBackend, type PostgresBackend } from '../../src/db/postgres';
import { Simulation } from '../../src/engine/simulation';
import { formatIssue, parseScenarioText, type Scenario } from '../../src/engine/validate';
import { describePg, PG_URL } from './server';

const dir = join(__dirname, '../../scenarios/races');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const load = (f: string): Scenario => {
  const v = parseScenarioText(readFileSync(join(dir, f), 'utf8'));
  if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
  return v.scenario;
};

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, cliBackend, { out: (s) => (out += s), err: (s) => (err += s), readFile: (p) => readFileSync(p, 'utf8') });
  return { code, out, err };
}

describe('races need two connections to one database', () => {
  it('on sql.js the CLI refuses a race scenario: exit 2, the reason at its JSON path, nothing on stdout', async () => {
    const r = await cli([join(dir, files[0] as string)]);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/^runs\[0\]\.race: this scenario races two runners on two connections to one database: run it on PostgreSQL/);
  });

  it('a "next" race needs a next run that does not race itself', () => {
    const doc = JSON.parse(readFileSync(join(dir, files[0] as string), 'utf8'));
    const v = parseScenarioText(JSON.stringify({ ...doc, runs: [{ input: ['f1'], race: { second: 'next' } }], expect: undefined }));
    expect(v.ok ? [] : v.errors.map(formatIssue)).toEqual(['runs[0].race.second: "next" races run 1 with run 2, which does not exist']);
  });
});

describePg('race scenarios on PostgreSQL: two runners, two real connections', () => {
  let backend: PostgresBackend;
  beforeAll(async () => {
    backend = await postgresBackend(PG_URL);
  });
  afterAll(async () => {
    await backend?.close();
  });

  it.each(files)('%s meets the numbers derived by hand in scenarios/NOTES.md (through the CLI)', { timeout: 300_000 }, async (f) => {
    const r = await cli([join(dir, f), '--engine', PG_URL, '--json']);
    const report = JSON.parse(r.out);
    expect(report.expect.failures).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('the interleaving is deterministic and the trace records both runners, with the wait', { timeout: 300_000 }, async () => {
    const scenario = load('03-overwrite-twice.json');
    const play = async () => {
      const sim = await Simulation.create(backend, scenario, ['overwrite'], { interactive: false });
      await sim.runToEnd();
      const trace = sim.lanes[0]?.trace ?? [];
      await sim.close();
      return trace.map((e) => `${e.run}/${e.runner ?? '-'} ${e.kind} ${e.rows ?? ''}`);
    };
    const first = await play();
    expect(await play()).toEqual(first);
    // runner 2's DELETE waits on the rows runner 1 deleted, and deletes none once runner 1 commits
    const wait = first.indexOf('2/2 wait ');
    expect(wait).toBeGreaterThan(0);
    expect(first.slice(wait).find((s) => s.startsWith('2/2 delete'))).toBe('2/2 delete 0');
    expect(first.filter((s) => s.startsWith('2/1 ')).length).toBeGreaterThan(5);
  });
});
