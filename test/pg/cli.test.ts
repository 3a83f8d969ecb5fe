import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { cliBackend } from '../../src/cli/engine';
import { runExploreCli } from '../../src/cli/exploreMain';
import { describePg, PG_URL } from './server';

const root = join(__dirname, '../..');
const scenario = (name: string): string => join(root, 'scenarios', name);
const sim = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/sim.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 300_000 });

/** A report without the engine's own words for errors (their class stays). */
const numbers = (doc: { lanes: Record<string, { error: string | null; errorClass: string | null }> }) =>
  Object.fromEntries(Object.entries(doc.lanes).map(([id, m]) => [id, { ...m, error: m.errorClass === 'crash' || m.errorClass === 'injected' ? m.error : m.errorClass }]));

describe('--engine on the command line (no server needed)', () => {
  it('refuses an engine it does not know: exit 2, nothing on stdout', async () => {
    let out = '';
    let err = '';
    const code = await runCli([scenario('02-crash-before-mark.json'), '--engine', 'mysql://x'], cliBackend, { out: (s) => (out += s), err: (s) => (err += s), readFile: () => '{}' });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('--engine takes sqlite or a PostgreSQL URL');
  });

  it('a server that is not there: exit 2, the reason on stderr (password hidden), nothing on stdout', async () => {
    let out = '';
    let err = '';
    const text = JSON.stringify({
      format: 'runtwice/scenario@1', id: 'x', title: 't', summary: 's', story: 's',
      table: { columns: { id: 'INTEGER' }, key: ['id'] }, files: { f1: { path: 'a', rows: [{ ids: [1, 2], values: {} }] } }, runs: [{ input: ['f1'] }],
    });
    const code = await runCli(['x.json', '--engine', 'postgres://u:secret@127.0.0.1:1/db'], cliBackend, { out: (s) => (out += s), err: (s) => (err += s), readFile: () => text });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^--engine: cannot use postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db: /);
    expect(err).not.toContain('secret');
  });
});

describePg('npm run sim / explore with --engine postgres://…', () => {
  it('sim: the same JSON contract and numbers as on sql.js, exit status from the expectations, no database left', { timeout: 300_000 }, async () => {
    const file = scenario('09-duplicate-keys-first-batch.json');
    const lite = sim([file, '--json']);
    const post = sim([file, '--json', '--engine', PG_URL]);
    expect(post.stderr).toBe('');
    expect(post.status).toBe(lite.status);
    const [l, p] = [JSON.parse(lite.stdout), JSON.parse(post.stdout)];
    expect(Object.keys(p)).toEqual(['scenario', 'lanes', 'expect']);
    expect(Object.keys(p.lanes.merge)).toEqual(Object.keys(l.lanes.merge));
    expect(numbers(p)).toEqual(numbers(l));
    expect(p.expect).toEqual({ ok: true, failures: [] });
    // PostgreSQL's own refusal, classified as Delta's
    expect(p.lanes.merge).toMatchObject({ error: 'MERGE command cannot affect row a second time', errorClass: 'multi-match', verdict: 'error' });
    // the readable table is the same shape
    const table = sim([file, '--engine', PG_URL]);
    expect(table.stdout.split('\n')[1]).toBe(sim([file]).stdout.split('\n')[1]);
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const left = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'runtwice\\_%'");
    await admin.end();
    expect(left.rows).toEqual([]);
  });

  it('explore: the same schedules and verdicts as on sql.js', { timeout: 300_000 }, async () => {
    const run = async (extra: string[]) => {
      let out = '';
      const code = await runExploreCli([scenario('16-crash-before-commit.json'), '--json', '--lanes', 'tracking,merge', ...extra], cliBackend, { out: (s) => (out += s), err: () => undefined, readFile: (p) => readFileSync(p, 'utf8') });
      expect(code).toBe(0);
      return JSON.parse(out) as { schedules: unknown[]; lanes: Record<string, { results: { verdict: string; rows: number }[] }> };
    };
    const [l, p] = [await run([]), await run(['--engine', PG_URL])];
    expect(p.schedules).toEqual(l.schedules);
    const verdicts = (r: typeof l) => Object.fromEntries(Object.entries(r.lanes).map(([id, x]) => [id, x.results.map((y) => [y.verdict, y.rows])]));
    expect(verdicts(p)).toEqual(verdicts(l));
  });
});
