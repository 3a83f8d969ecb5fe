import { describe, expect, it } from 'vitest';
import { asCursor } from '../../src/engine/positions';
import { memoryStorage } from '../../src/share/storage';
import { LEARNER_KEY, readLearner } from '../../src/state/learnerSlice';
import { verdictAt } from '../../src/state/selectors';
import type { LaneResult } from '../../src/worker/types';
import { traceEvent as ev } from '../traceEvent';
import { testStore } from './helpers';

const fakeEngineStore = (storage: ReturnType<typeof memoryStorage>) => testStore(storage).store;

// Issue 10, item 5: no spoilers between attempts, and the introduction remembered.
describe('interim badges between attempts', () => {
  const counts = (lost: number, duplicates = 0) => ({ rows: 800 + duplicates, duplicates, lost, stale: 0 });
  const lane: LaneResult = {
    id: 'naive', pattern: 'naive', summary: '', metaTable: null, firstDuplicateStep: null, metrics: null,
    trace: [
      ev({ kind: 'start', step: 0, tick: 0 }),
      ev({ kind: 'crash', step: 1, tick: 1, destRows: 800, counts: counts(200) }),
      ev({ kind: 'end', step: 2, tick: 2, destRows: 800, counts: counts(200) }),
      ev({ kind: 'start', step: 3, tick: 3, attempt: 2, destRows: 800 }),
      ev({ kind: 'end', step: 4, tick: 4, attempt: 2, destRows: 1800, counts: counts(0, 800) }),
    ],
  };
  it('say "in progress" after a crash and at an attempt end a retry follows, never "lost"', () => {
    for (const c of [2, 3, 4]) {
      const v = verdictAt(lane, asCursor(c), 99);
      expect(v.kind).toBe('running');
      expect(v.text).toMatch(/^in progress · 800 rows$/);
      expect(v.text).not.toMatch(/lost/);
    }
  });
  it('judge lost where the run is over (no retry follows)', () => {
    const failed = { ...lane, trace: lane.trace.slice(0, 3) };
    expect(verdictAt(failed, asCursor(3), 99).text).toBe('lost 200');
    expect(verdictAt(lane, asCursor(5), 99).text).toBe('dup 800');
  });
});

describe('the first-visit introduction', () => {
  it('is unseen on a first visit, remembered once closed, and reopened on demand', () => {
    const storage = memoryStorage();
    expect(readLearner(storage).introSeen).toBe(false);
    const store = fakeEngineStore(storage);
    store.getState().openIntro();
    expect(store.getState().introOpen).toBe(true);
    store.getState().closeIntro();
    expect(store.getState().introOpen).toBe(false);
    expect(JSON.parse(storage.data.get(LEARNER_KEY) ?? '{}')).toMatchObject({ introSeen: true });
    const again = fakeEngineStore(storage);
    expect(again.getState().introSeen).toBe(true);
    again.getState().openIntro();
    expect(again.getState().introOpen).toBe(true);
  });
  it('reads a broken saved value as a first visit', () => {
    const storage = memoryStorage();
    storage.data.set(LEARNER_KEY, '{nope');
    expect(readLearner(storage).introSeen).toBe(false);
  });
});
