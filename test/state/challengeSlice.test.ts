import { describe, expect, it } from 'vitest';
import { gradeHere } from '../../src/cli/gradeRun';
import { nodeBackend } from '../../src/db/nodeBackend';
import { laneToScript } from '../../src/engine/custom/script';
import type { ChallengeDoc } from '../../src/engine/challenge/format';
import { encodePayload } from '../../src/share/codec';
import { challengeUrl, parseLink } from '../../src/share/links';
import { memoryStorage } from '../../src/share/storage';
import { challengeEntriesFrom } from '../../src/state/bundledChallenges';
import { CHALLENGES_KEY, CHALLENGES_UNREADABLE_KEY, openChallengeLink, readProgress } from '../../src/state/challengeSlice';
import { createAppStore } from '../../src/state/store';
import type { ChallengeGrader } from '../../src/worker/gradePool';
import c1 from '../../challenges/01-fix-the-rerun.json';
import { inProcessEngine, settled, testStore } from './helpers';

const ID = c1.id;
const challenges = challengeEntriesFrom({ '01.json': { default: c1 } });

/** The engine's grader in this process (the CLI's in-thread path): what the browser's worker pool computes. */
const nodeGrader = (): ChallengeGrader & { graded: number } => {
  const g = {
    graded: 0,
    async grade(c: ChallengeDoc, lane: unknown) {
      g.graded++;
      const out = await gradeHere(await nodeBackend(), c, lane);
      return out.ok ? { kind: 'report' as const, report: out.report } : { kind: 'invalid' as const, errors: out.errors };
    },
    cancel() {},
  };
  return g;
};

function setup(storage = memoryStorage(), grader: ChallengeGrader = nodeGrader()) {
  const { catalog } = testStore();
  const store = createAppStore({ engine: inProcessEngine(), catalog, challenges, grader }, storage);
  return { store, storage };
}

const script = (lane: unknown) => laneToScript(lane as Parameters<typeof laneToScript>[0]);

describe('challenge slice', () => {
  it('grades the typed solution "passed", saves it as solved, and a new store (a reload) still has it solved', async () => {
    const { store, storage } = setup();
    store.getState().openChallenges(ID);
    store.getState().setChallengeDraft(ID, script(c1.solution));
    await store.getState().gradeChallenge();
    const s = store.getState();
    expect(s.gradeStatus).toBe('done');
    expect(s.gradeResult?.report.passed).toBe(true);
    expect(s.gradeResult?.report.certificate).toMatch(/^exactly-once under all \d+ schedules/);
    expect(s.challengeProgress[ID]?.solved).toBe(true);
    const again = setup(storage).store.getState();
    expect(again.challengeProgress[ID]).toMatchObject({ solved: true, passed: script(c1.solution), draft: script(c1.solution) });
    // a later failing grade does not take the achievement away
    again.setChallengeDraft(ID, script(c1.starter));
    await again.gradeChallenge();
    expect(readProgress(storage)[ID]?.solved).toBe(true);
  }, 60_000);

  it('grades the starter as failed and opens the smallest counterexample in the playground with the lane and its faults', async () => {
    const { store } = setup();
    store.getState().openScenario('small');
    await settled(store);
    store.getState().openChallenges(ID);
    await store.getState().gradeChallenge();
    const report = store.getState().gradeResult?.report;
    expect(report?.passed).toBe(false);
    const first = report?.failures[0];
    if (!first) throw new Error('no counterexample');
    await store.getState().openCounterexample(first);
    await settled(store);
    const s = store.getState();
    expect(s.challengesOpen).toBe(false);
    expect(s.doc?.lanes).toEqual([expect.objectContaining({ id: c1.starter.id, pattern: 'custom' })]);
    expect(s.doc?.faults).toEqual(first.faults.map((f) => ({ ...f, attempt: f.attempt ?? 1 })));
    expect(s.errors).toEqual([]);
    expect(s.status).toBe('done');
    // the cursor is on the lane's fault (or, with no fault, its first duplicate)
    const lane = s.result?.lanes[0];
    const fault = lane?.trace.find((e) => e.kind === 'crash' || e.kind === 'error');
    expect(s.selected).toEqual({ lane: c1.starter.id, step: fault ? fault.step : lane?.firstDuplicateStep });
    expect(s.cursor).toBeGreaterThan(0);
  }, 60_000);

  it('names the line of a script problem and keeps the text; a statement that never ended is named on its line', async () => {
    const stopped: ChallengeGrader = { grade: async () => ({ kind: 'stopped', statement: 'statements[0]', scenario: 'base', limitMs: 10_000 }), cancel() {} };
    const { store } = setup(memoryStorage(), stopped);
    store.getState().openChallenges(ID);
    store.getState().setChallengeDraft(ID, '-- lane: x\n-- unit: sometimes\n-- statements\nSELECT 1;\n');
    await store.getState().gradeChallenge();
    expect(store.getState().gradeStatus).toBe('invalid');
    expect(store.getState().gradeIssues[0]).toMatchObject({ line: 2 });
    const text = '-- lane: x\n-- unit: file\n\n-- statements\nINSERT INTO dest SELECT * FROM batch;\n';
    store.getState().setChallengeDraft(ID, text);
    await store.getState().gradeChallenge();
    expect(store.getState().gradeStatus).toBe('stopped');
    expect(store.getState().gradeIssues[0]).toMatchObject({ line: 5, statement: 'statements[0]' });
    expect(store.getState().gradeMessage).toMatch(/statements\[0\] never ended/);
    expect(store.getState().challengeProgress[ID]?.draft).toBe(text);
  });

  it('cancels a grade at once: the grader is stopped and nothing is decided', async () => {
    let cancelled = 0;
    const slow: ChallengeGrader = { grade: () => new Promise(() => {}), cancel: () => void cancelled++ };
    const { store } = setup(memoryStorage(), slow);
    store.getState().openChallenges(ID);
    void store.getState().gradeChallenge();
    await new Promise((r) => setTimeout(r, 50));
    expect(store.getState().gradeStatus).toBe('running');
    store.getState().cancelGrade();
    expect(store.getState().gradeStatus).toBe('cancelled');
    expect(cancelled).toBe(1);
  });

  it('shows hints one at a time and the solution once asked, both remembered', () => {
    const { store, storage } = setup();
    for (let i = 0; i < c1.hints.length + 2; i++) store.getState().showHint(ID);
    expect(store.getState().challengeProgress[ID]?.hints).toBe(c1.hints.length);
    store.getState().revealSolution(ID);
    expect(setup(storage).store.getState().challengeProgress[ID]).toMatchObject({ hints: c1.hints.length, solutionSeen: true, solved: false });
  });

  it('reads saved progress field by field and keeps text that is not progress aside, never overwritten', () => {
    const storage = memoryStorage();
    void storage.setItem(CHALLENGES_KEY, JSON.stringify({ version: 1, challenges: { [ID]: { solved: 'yes', hints: -3, draft: 'SELECT 1;', solutionSeen: true }, 'Bad Id': { solved: true } } }));
    expect(readProgress(storage)).toEqual({ [ID]: { solved: false, solutionSeen: true, hints: 0, draft: 'SELECT 1;', passed: null, kept: null } });
    void storage.setItem(CHALLENGES_KEY, '{"broken');
    expect(readProgress(storage)).toEqual({});
    expect(storage.getItem(CHALLENGES_UNREADABLE_KEY)).toBe('{"broken');
    void storage.setItem(CHALLENGES_KEY, 'other');
    readProgress(storage);
    expect(storage.getItem(CHALLENGES_UNREADABLE_KEY)).toBe('{"broken');
  });

  it('opens a challenge link with the shared lane, keeping the learner’s own draft; a broken or hostile link changes nothing', async () => {
    const { store } = setup();
    store.getState().setChallengeDraft(ID, 'my own draft');
    const url = challengeUrl('http://localhost/app/', ID, await encodePayload(c1.solution));
    const link = parseLink(url).challenge;
    expect(link?.id).toBe(ID);
    expect(parseLink('http://localhost/#/s/v1.abc').challenge).toBeNull();
    if (!link) throw new Error('no link');
    expect(await openChallengeLink(() => store.getState(), link)).toBe(true);
    expect(store.getState()).toMatchObject({ challengesOpen: true, challengeId: ID });
    expect(store.getState().challengeProgress[ID]).toMatchObject({ draft: script(c1.solution), kept: 'my own draft' });
    store.getState().restoreKeptDraft(ID);
    expect(store.getState().challengeProgress[ID]).toMatchObject({ draft: 'my own draft', kept: null });

    const before = store.getState().challengeProgress;
    expect(await openChallengeLink(() => store.getState(), { id: ID, payload: 'v1.%%%' })).toBe(false);
    expect(store.getState().banner?.text).toMatch(/cannot be opened: the link is not valid base64url/);
    const hostile = { id: 'x', pattern: 'custom', sql: { unit: 'file', statements: ['ATTACH DATABASE ? AS y'], extra: 1 } };
    expect(await openChallengeLink(() => store.getState(), { id: ID, payload: await encodePayload(hostile) })).toBe(false);
    expect(store.getState().banner?.text).toMatch(/not a valid custom lane/);
    expect(await openChallengeLink(() => store.getState(), { id: 'no-such', payload: await encodePayload(c1.solution) })).toBe(false);
    expect(store.getState().challengeProgress).toBe(before);
  });

  it('keeps what another tab achieved: a stale tab’s save never takes a solved challenge away', () => {
    const storage = memoryStorage();
    const a = setup(storage).store;
    const b = setup(storage).store;
    a.getState().setChallengeDraft(ID, 'solved text');
    // (as a passing grade records it)
    a.setState({ challengeProgress: { ...a.getState().challengeProgress, [ID]: { ...a.getState().challengeProgress[ID]!, solved: true, passed: 'solved text' } } });
    a.getState().revealSolution(ID);
    b.getState().showHint(ID);
    expect(readProgress(storage)[ID]).toMatchObject({ solved: true, solutionSeen: true, hints: 1, passed: 'solved text', draft: 'solved text' });
    expect(b.getState().challengeProgress[ID]?.solved).toBe(true);
  });
});
