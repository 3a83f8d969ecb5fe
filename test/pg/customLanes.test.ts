import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cliBackend } from '../../src/cli/engine';
import { runCli } from '../../src/cli/main';
import { describePg, PG_URL } from './server';

/**
 * Custom lanes on PostgreSQL: the five built-ins written as custom lanes (scenarios/lanes/*.json) give the built-ins'
 * numbers there too, on every catalogue scenario but the 1M-row headline (its sql.js run is in
 * test/custom/builtinsAsCustom.test.ts).
 */
const root = join(__dirname, '../..');
const PAIRS = ['naive', 'tracking-atomic', 'overwrite', 'merge-latest', 'anti-join'];
const catalogue = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.json') && !f.startsWith('01-')).sort();
const laneDoc = (p: string) => JSON.parse(readFileSync(join(root, 'scenarios/lanes', `${p}.json`), 'utf8'));

describePg('built-ins written as custom lanes, on PostgreSQL', () => {
  it.each(catalogue)('%s: each custom lane matches its built-in', { timeout: 300_000 }, async (file) => {
    const doc = JSON.parse(readFileSync(join(root, 'scenarios', file), 'utf8'));
    const text = JSON.stringify({ ...doc, lanes: PAIRS.flatMap((p) => [p, laneDoc(p)]), expect: undefined });
    let out = '';
    let err = '';
    const code = await runCli(['doc.json', '--engine', PG_URL, '--json'], cliBackend, { out: (s) => (out += s), err: (s) => (err += s), readFile: () => text });
    expect(err).toBe('');
    expect(code).toBe(0);
    const lanes = JSON.parse(out).lanes;
    const key = (m: { rows: number; duplicates: number; lost: number; stale: number; verdict: string; errorClass: string | null; attempts: unknown }) =>
      JSON.stringify([m.rows, m.duplicates, m.lost, m.stale, m.verdict, m.errorClass, m.attempts]);
    for (const p of PAIRS) expect(key(lanes[laneDoc(p).id]), `${file}: ${p}`).toBe(key(lanes[p]));
  });
});

describePg('the sandbox on PostgreSQL: its plan says what a statement would touch', () => {
  it('a write to the engine\'s table fails the attempt, naming the statement', { timeout: 120_000 }, async () => {
    const doc = JSON.parse(readFileSync(join(root, 'scenarios/02-crash-before-mark.json'), 'utf8'));
    const bad = { id: 'bad', pattern: 'custom', sql: { unit: 'file', statements: ['INSERT INTO dest SELECT * FROM batch WHERE _file = :path', 'DELETE FROM landing'] } };
    const text = JSON.stringify({ ...doc, lanes: ['naive', bad], faults: [], expect: undefined });
    let out = '';
    const code = await runCli(['doc.json', '--engine', PG_URL, '--json'], cliBackend, { out: (s) => (out += s), err: () => {}, readFile: () => text });
    expect(code).toBe(0);
    const lanes = JSON.parse(out).lanes;
    expect(lanes.bad.error).toBe('statements[1] writes to "landing", a table the engine owns: a lane writes only dest and the tables its setup creates');
    expect(lanes.naive.verdict).toBe('exactly-once');
  });
});
