import { describe, expect, it } from 'vitest';
import { gradeHere } from '../../src/cli/gradeRun';
import { nodeBackend } from '../../src/db/nodeBackend';
import { validateChallenge, type ChallengeDoc } from '../../src/engine/challenge/format';
import { browserGrader } from '../../src/worker/gradePool';
import { PlayCore } from '../../src/worker/playCore';
import c1 from '../../challenges/01-fix-the-rerun.json';

const challenge = (() => {
  const v = validateChallenge(c1);
  if (!v.ok) throw new Error('challenge 1 is invalid');
  return v.challenge;
})() as ChallengeDoc;

type Spawn = NonNullable<Parameters<typeof browserGrader>[1]>;

/** The grading worker with PlayCore in process (the browser's pool without Web Workers). */
const inProcess: Spawn = () => {
  const core = new PlayCore(nodeBackend);
  const state = { plays: 0, seen: performance.now(), statement: null as string | null };
  return {
    state,
    open: (d) => core.open(d),
    prepare: async (s, seed) => void (await core.prepare(s, seed)),
    play: async (f, l, t) => {
      state.plays++;
      state.seen = performance.now();
      try {
        return await core.play(f, l, t);
      } finally {
        state.plays--;
      }
    },
    terminate: () => {},
  };
};

describe('the browser grader (worker pool, in process)', () => {
  it('grades as the engine grades: the same report for the solution and for the starter', async () => {
    for (const lane of [c1.solution, c1.starter]) {
      const progress: string[] = [];
      const out = await browserGrader(10_000, inProcess).grade(challenge, lane, { onProgress: (p) => progress.push(p.scenario) });
      const engine = await gradeHere(await nodeBackend(), challenge, lane);
      if (out.kind !== 'report' || !engine.ok) throw new Error('no report');
      expect(out.report).toEqual(engine.report);
      expect(new Set(progress)).toEqual(new Set(['base', ...c1.variants.map((v) => v.name)]));
    }
  }, 90_000);

  it('stops every worker when one is busy and silent past the limit, and names the statement it last reported', async () => {
    const terminated: number[] = [];
    let n = 0;
    const stuck: Spawn = () => {
      const me = n++;
      const inner = inProcess();
      return {
        ...inner,
        // the play starts, says which statement it runs, and never answers again
        play: () => {
          inner.state.plays++;
          inner.state.seen = performance.now();
          inner.state.statement = 'statements[0]';
          return new Promise(() => {});
        },
        terminate: () => void terminated.push(me),
      };
    };
    const t0 = performance.now();
    const out = await browserGrader(400, stuck).grade(challenge, c1.solution, {});
    expect(out).toEqual({ kind: 'stopped', statement: 'statements[0]', scenario: 'base', limitMs: 400 });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(new Set(terminated).size).toBe(n);
  }, 30_000);

  it('a lane that is not a valid custom lane comes back with its paths under the lane', async () => {
    const out = await browserGrader(10_000, inProcess).grade(challenge, { id: 'x', pattern: 'custom', sql: { unit: 'file', statements: ["ATTACH 'y' AS z"] } }, {});
    expect(out.kind).toBe('invalid');
    if (out.kind === 'invalid') expect(out.errors[0]?.path).toEqual(['sql', 'statements', 0]);
  });
});
