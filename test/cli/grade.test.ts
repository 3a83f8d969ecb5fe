import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGradeCli } from '../../src/cli/gradeMain';

const root = join(__dirname, '../..');
// a fixed copy of the first challenge, so the contract test does not move with the ladder
const challenge = join(root, 'test/cli/fixtures/challenge.json');
const doc = JSON.parse(readFileSync(challenge, 'utf8'));

/** Runs the grader CLI with files held in memory (paths ending in .json/.sql), capturing its output. */
async function grade(files: Record<string, string>, args: string[]) {
  let out = '';
  let err = '';
  const code = await runGradeCli(args, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    readFile: (p) => {
      if (p in files) return files[p] as string;
      return readFileSync(p, 'utf8');
    },
  });
  return { code, out, err };
}

describe('npm run grade (the contract)', () => {
  it('the reference solution passes: exit 0 and the JSON document', { timeout: 120_000 }, async () => {
    const r = await grade({ 'lane.json': JSON.stringify(doc.solution) }, [challenge, 'lane.json', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(Object.keys(report)).toEqual(['challenge', 'passed', 'checked', 'failures', 'constraints', 'certificate']);
    expect(report).toMatchObject({ challenge: 'fix-the-rerun', passed: true, checked: { scenarios: 1 + doc.variants.length }, failures: [] });
    expect(report.checked.schedules).toBeGreaterThan(10);
  });

  it('the starter fails: exit 1, the smallest counterexample first', { timeout: 120_000 }, async () => {
    const r = await grade({ 'lane.json': JSON.stringify(doc.starter) }, [challenge, 'lane.json', '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.passed).toBe(false);
    const first = report.failures[0];
    expect(Object.keys(first).sort()).toEqual(['duplicates', 'faults', 'lost', 'message', 'rows', 'scenario', 'schedule', 'stale', 'verdict']);
    expect(first).toMatchObject({ scenario: 'base', verdict: 'duplicates' });
    expect(first.faults).toHaveLength(1);
    // fewest faults first: no failure after it has fewer faults
    for (const f of report.failures) expect(f.faults.length).toBeGreaterThanOrEqual(first.faults.length);
  });

  it('reads a lane script, and says without --json what failed', { timeout: 120_000 }, async () => {
    const r = await grade({ 'lane.sql': '-- statements\n-- each row\nINSERT INTO dest SELECT * FROM batch;\n' }, [challenge, 'lane.sql']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^fix-the-rerun: FAILED/);
    expect(r.out).toContain('smallest counterexample: base · run 1 · attempt 1 · crash');
  });

  it('bad input is exit 2 with the place on stderr and nothing on stdout', async () => {
    const attach = await grade({ 'lane.sql': '-- statements\nATTACH DATABASE ":memory:" AS x;\n' }, [challenge, 'lane.sql']);
    expect(attach).toMatchObject({ code: 2, out: '' });
    expect(attach.err).toBe('lane.sql: sql.statements[0]: a lane works only in its own database: ATTACH is refused\n');
    const script = await grade({ 'lane.sql': '-- unit: hourly\n-- statements\nSELECT 1;\n' }, [challenge, 'lane.sql']);
    expect(script).toMatchObject({ code: 2, out: '', err: 'lane.sql:1: unit must be "file" or "run" (got "hourly")\n' });
    const broken = await grade({ 'c.json': JSON.stringify({ ...doc, level: 0 }), 'lane.json': '{}' }, ['c.json', 'lane.json']);
    expect(broken).toMatchObject({ code: 2, out: '' });
    expect(broken.err).toContain('c.json: level:');
    expect((await grade({}, [challenge])).code).toBe(2);
  });

  it('a statement that never ends is stopped and named; the grade fails', { timeout: 60_000 }, async () => {
    const lane = '-- statements\nINSERT INTO dest SELECT * FROM batch;\nWITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) FROM r;\n';
    const r = await grade({ 'lane.sql': lane }, [challenge, 'lane.sql', '--json', '--time-limit', '1']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).failures[0].message).toBe('statements[1] did not finish within 1 s: the grade stopped it');
  });
});
