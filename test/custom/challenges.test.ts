import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeHere } from '../../src/cli/gradeRun';
import { nodeBackend } from '../../src/db/nodeBackend';
import { validateChallenge, type ChallengeDoc } from '../../src/engine/challenge/format';
import type { GradeReport } from '../../src/engine/challenge/grade';
import { formatIssue } from '../../src/engine/issues';

/**
 * The challenge ladder (challenges/*.json): every challenge validates, the levels run 1..N without a gap, ids are
 * unique, and — graded in-process under every fault of the challenge's goal, on the base scenario and every variant —
 * the starter lane fails and the reference solution passes.
 */
const dir = join(__dirname, '../../challenges');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

const load = (file: string): ChallengeDoc => {
  const v = validateChallenge(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  if (!v.ok) throw new Error(`${file}:\n${v.errors.map(formatIssue).join('\n')}`);
  return v.challenge;
};

const grade = async (c: ChallengeDoc, which: 'starter' | 'solution'): Promise<GradeReport> => {
  const r = await gradeHere(await nodeBackend(), c, c[which]);
  if (!r.ok) throw new Error(`${c.id} ${which}: ${r.errors.map(formatIssue).join('\n')}`);
  return r.report;
};

/**
 * Whether the starter fails the challenge. A lane that fails the base scenario fails the challenge (the grader asks
 * for every scenario), so the base alone is graded first; only a starter that passes it is graded on the variants too.
 * This halves the test's time: the depth-2 challenge alone plays about a thousand schedules per lane.
 */
const starterFails = async (c: ChallengeDoc): Promise<boolean> => {
  if (!(await grade({ ...c, variants: [] }, 'starter')).passed) return true;
  return !(await grade(c, 'starter')).passed;
};

/** One line per failing schedule, so a broken solution says where it broke. */
const failuresOf = (r: GradeReport): string[] => [
  ...r.failures.slice(0, 5).map((f) => `${f.scenario} | ${f.schedule} | ${f.message}`),
  ...r.constraints.filter((k) => !k.ok).map((k) => `constraint ${k.name}: ${k.message}`),
];

describe('challenges', () => {
  it('every file validates; levels are 1..N without gaps; ids are unique; file names follow NN-id.json', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    const all = files.map((f) => ({ file: f, c: load(f) }));
    const levels = all.map(({ c }) => c.level).sort((a, b) => a - b);
    expect(levels).toEqual(all.map((_, i) => i + 1));
    const ids = all.map(({ c }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { file, c } of all) expect(file).toBe(`${String(c.level).padStart(2, '0')}-${c.id}.json`);
  });

  it.each(files)('%s: the starter fails and the solution passes on every variant', { timeout: 120_000 }, async (file) => {
    const c = load(file);
    expect(c.variants.length).toBeGreaterThanOrEqual(2);
    expect(c.hints.length).toBeGreaterThanOrEqual(2);
    expect(c.hints.length).toBeLessThanOrEqual(4);
    expect(await starterFails(c), `${c.id}: the starter passed`).toBe(true);
    const solution = await grade(c, 'solution');
    expect(failuresOf(solution), `${c.id}: the solution failed`).toEqual([]);
    expect(solution.passed).toBe(true);
    expect(solution.checked.scenarios).toBe(1 + c.variants.length);
  });
});

describe('the two-faults challenge teaches what its story says', () => {
  it('its starter holds under every single fault: only a pair breaks it', { timeout: 120_000 }, async () => {
    const c = load('12-two-faults.json');
    expect(c.goal.depth).toBe(2);
    const single = await grade({ ...c, goal: { ...c.goal, depth: 1 } }, 'starter');
    expect(failuresOf(single)).toEqual([]);
  });
});
