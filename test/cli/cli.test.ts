import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { nodeBackend } from '../../src/db/nodeBackend';

const base = {
  format: 'runtwice/scenario@1',
  id: 'ok',
  title: 't',
  summary: 's',
  story: 's',
  table: { columns: { id: 'INTEGER', day: 'TEXT' }, key: ['id'], partitionBy: 'day' },
  files: { f1: { path: 'a.csv', rows: [{ ids: [1, 3], values: { day: 'd1' } }] } },
  runs: [{ input: ['f1'] }],
};

async function run(doc: unknown, args: string[] = []) {
  let out = '';
  let err = '';
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  const code = await runCli(['x.json', ...args], nodeBackend, { out: (s) => (out += s), err: (s) => (err += s), readFile: () => text });
  return { code, out, err };
}

describe('the CLI contract', () => {
  it.each([
    ['not JSON', '{ "format": ', '(document): invalid JSON'],
    ['wrong format', { ...base, format: 'runtwice/scenario@2' }, 'format:'],
    ['bad id', { ...base, id: 'Bad Id' }, 'id:'],
    ['unknown file in a run', { ...base, runs: [{ input: ['f1'] }, { input: ['f9'] }] }, 'runs[1].input[0]: unknown file "f9"'],
    ['key not a column', { ...base, table: { ...base.table, key: ['nope'] } }, 'table.key[0]: unknown column "nope"'],
    ['ids with from > to', { ...base, files: { f1: { path: 'a', rows: [{ ids: [5, 1], values: { day: 'd' } }] } } }, 'files.f1.rows[0].ids'],
    ['wrong value type', { ...base, files: { f1: { path: 'a', rows: [{ row: { id: 'x', day: 'd' } }] } } }, 'files.f1.rows[0].row.id: expected INTEGER'],
    ['missing column', { ...base, files: { f1: { path: 'a', rows: [{ row: { id: 1 } }] } } }, 'files.f1.rows[0].row: missing column "day"'],
    ['fault on a missing run', { ...base, faults: [{ run: 3, kind: 'crash', at: { afterRows: 1 } }] }, 'faults[0].run'],
    ['fault file not in run', { ...base, files: { ...base.files, f2: { path: 'b', rows: [] } }, faults: [{ run: 1, kind: 'crash', at: { before: 'write', file: 'f2' } }] }, 'faults[0].at.file'],
    ['unknown fault kind', { ...base, faults: [{ run: 1, kind: 'explode', at: { afterRows: 1 } }] }, 'faults[0].kind'],
    ['unknown lane', { ...base, lanes: ['naive', 'magic'] }, 'lanes[1]'],
    ['overwrite without partitionBy', { ...base, table: { columns: base.table.columns, key: ['id'] }, lanes: ['overwrite'] }, 'lanes[0]: lane "overwrite" needs table.partitionBy'],
    ['expect for a lane not run', { ...base, lanes: ['naive'], expect: { merge: { rows: 1 } } }, 'expect.merge'],
    ['attempt beyond retries', { ...base, retry: { maxAttempts: 1 }, faults: [{ run: 1, attempt: 2, kind: 'crash', at: { afterRows: 1 } }] }, 'faults[0].attempt'],
  ])('%s: exit 2, message names the path, nothing on stdout', async (_name, doc, path) => {
    const r = await run(doc);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(path);
  });

  it('prints each problem on its own line as `<json.path>: <message>`', async () => {
    const r = await run({ ...base, runs: [{ input: ['f9'] }], table: { ...base.table, key: ['nope'] } });
    expect(r.err).toBe('x.json: invalid scenario\n  table.key[0]: unknown column "nope"\n  runs[0].input[0]: unknown file "f9"\n');
    const bad = await run('{\n  "format": "runtwice/scenario@1",\n}');
    expect(bad.err).toBe('x.json: invalid scenario\n  (document): invalid JSON at line 3, column 1: expected a property name in double quotes\n');
  });

  it('exit 0 and one JSON document with the contract fields', async () => {
    const r = await run({ ...base, expect: { naive: { rows: 3, verdict: 'exactly-once' } } }, ['--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['scenario', 'lanes', 'expect']);
    expect(Object.keys(doc.lanes.naive).sort()).toEqual(['attempts', 'duplicates', 'error', 'errorClass', 'lost', 'problems', 'rows', 'stale', 'verdict']);
    expect(doc.expect).toEqual({ ok: true, failures: [] });
  });

  it('exit 1 when an expectation fails, with the failure listed', async () => {
    const r = await run({ ...base, expect: { naive: { rows: 4 } } }, ['--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).expect.failures).toEqual(['naive.rows: expected 4, got 3']);
  });

  it('--lanes narrows the lanes; an unknown one is bad input', async () => {
    expect(Object.keys(JSON.parse((await run(base, ['--json', '--lanes', 'merge,naive'])).out).lanes)).toEqual(['naive', 'merge']);
    expect((await run(base, ['--lanes', 'nope'])).code).toBe(2);
  });

  it('the real process prints a table and exits with the right codes', () => {
    const cwd = join(__dirname, '../..');
    const table = execFileSync('npx', ['tsx', 'src/cli/sim.ts', 'scenarios/02-crash-before-mark.json'], { cwd, encoding: 'utf8' });
    expect(table).toMatch(/naive\s+duplicates\s+2,000/);
    const bad = spawnSync('npx', ['tsx', 'src/cli/sim.ts', 'does-not-exist.json', '--json'], { cwd, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
  }, 60_000);
});
