import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../src/share/storage';
import { LEARNER_KEY } from '../../src/state/learnerSlice';
import { answerKey, isRight, practiceQuestions, questionsOf } from '../../src/state/practice';
import { settled, testStore } from './helpers';

async function ready(storage = memoryStorage()) {
  const t = testStore(storage);
  t.store.getState().openScenario('small');
  await settled(t.store);
  return t;
}

// Issue 10, item 6: predict, then see.
describe('practice mode', () => {
  it('asks, after the crash, how many rows a lane will hold after the retry, and before the end which lanes end exactly-once', async () => {
    const { store } = await ready();
    const { result } = store.getState();
    const qs = practiceQuestions(result, null);
    const rows = qs.filter((q) => q.kind === 'rows');
    expect(rows.length).toBe(2);
    const naive = rows.find((q) => q.id.startsWith('rows:naive:'));
    expect(naive?.answer).toEqual(['1,800']);
    expect(naive?.choices).toContain('1,800');
    expect(naive?.choices).toContain('1,000');
    const once = qs.find((q) => q.kind === 'exactly-once');
    expect(once?.answer).toEqual(['tracking-atomic']);
    expect(once?.choices).toEqual(['naive', 'tracking-atomic', 'ingestor-lock']);
    expect(isRight(once!, ['tracking-atomic'])).toBe(true);
    expect(isRight(once!, ['tracking-atomic', 'naive'])).toBe(false);
    // asked where the crash is shown and the retry is not: no spoiler
    const crashTick = result!.lanes[0]!.trace.find((e) => e.kind === 'crash')!.tick;
    expect(naive?.cursor).toBe(crashTick + 1);
    expect(qs.map((q) => q.cursor)).toEqual([...qs.map((q) => q.cursor)].sort((a, b) => a - b));
  });

  it('stops playback at each question until it is answered, scores it, and saves the progress', async () => {
    const storage = memoryStorage();
    const { store } = await ready(storage);
    const s = () => store.getState();
    s().setPractice(true);
    expect(s().cursor).toBe(0);
    const qs = questionsOf(s().result, null);
    const first = qs[0]!;
    s().toEnd();
    expect(s().cursor).toBe(first.cursor);
    expect(s().practiceAsk).toBe(first.id);
    s().stepBy(1);
    expect(s().cursor).toBe(first.cursor);
    s().answerPractice(first.id, first.answer);
    expect(s().practiceAnswers[answerKey(s().result!, first)]).toEqual({ picked: first.answer, right: true });
    // the second question of the same moment is asked next, before the lanes go on
    const second = qs[1]!;
    expect(second.cursor).toBe(first.cursor);
    s().stepBy(1);
    expect(s().cursor).toBe(first.cursor);
    expect(s().practiceAsk).toBe(second.id);
    s().answerPractice(second.id, ['0']);
    s().stepBy(1);
    expect(s().cursor).toBe(first.cursor + 1);
    expect(s().practiceAsk).toBeNull();
    const saved = JSON.parse(storage.data.get(LEARNER_KEY) ?? '{}');
    expect(saved.practiceOn).toBe(true);
    expect(Object.keys(saved.practiceAnswers).sort()).toEqual([answerKey(s().result!, first), answerKey(s().result!, second)].sort());
    expect(saved.practiceAnswers[answerKey(s().result!, second)].right).toBe(false);
    // a reload keeps the answers; starting again forgets this scenario's
    const again = await ready(storage);
    expect(again.store.getState().practiceAnswers).toEqual(s().practiceAnswers);
    again.store.getState().resetPractice();
    expect(again.store.getState().practiceAnswers).toEqual({});
    s().pause();
    again.store.getState().pause();
  });
});
