import { afterEach, describe, expect, it } from 'vitest';
import { rowCount } from '../../src/engine/format';
import { describeMoment, momentLabel } from '../../src/engine/moments';
import { asCursor } from '../../src/engine/positions';
import type { TraceEvent } from '../../src/engine/trace';
import { formatIssue, validateScenario } from '../../src/engine/validate';
import { encodeShare } from '../../src/share/codec';
import { parseLink, shareUrl } from '../../src/share/links';
import { openPastedLink } from '../../src/state/boot';
import { eventMarks, nextMark, verdictAt } from '../../src/state/selectors';
import type { LaneResult, SimResult } from '../../src/worker/types';
import type { Loose } from '../traceEvent';
import { settled, smallDoc, testStore } from './helpers';

// Defects found in a walkthrough: the store's and the engine's side (the UI's in test/ui/walkthrough.test.tsx).

const linkTo = async (doc: object, view: { step?: number } = {}) => parseLink(shareUrl('http://localhost/', await encodeShare(doc, view)));

describe('1: a share link pasted into an open tab', () => {
  let stores: ReturnType<typeof testStore>['store'][] = [];
  afterEach(() => {
    stores = [];
  });
  const opened = async () => {
    const t = testStore();
    stores.push(t.store);
    t.store.getState().openScenario('small');
    await settled(t.store);
    return t.store;
  };

  it('over unedited work it opens at once, at the link’s step', async () => {
    const store = await opened();
    expect(await openPastedLink(store, await linkTo(smallDoc({ id: 'pasted', title: 'Pasted' }), { step: 2 }))).toBe(true);
    expect(store.getState()).toMatchObject({ doc: { title: 'Pasted' }, edited: true, pendingReplace: null, cursor: 2 });
  });

  it('over edited work it asks (the replace dialog), and keeps the work until the answer', async () => {
    const store = await opened();
    store.getState().removeFault(0);
    await settled(store);
    const mine = store.getState().doc;
    await openPastedLink(store, await linkTo(smallDoc({ id: 'pasted', title: 'Pasted' })));
    expect(store.getState().pendingReplace).toMatchObject({ source: 'share', doc: { title: 'Pasted' } });
    expect(store.getState().doc).toBe(mine);
    store.getState().confirmReplace();
    expect(store.getState().doc?.title).toBe('Pasted');
  });

  it('a broken or invalid link says so in the banner and keeps the work; an address without a link does nothing', async () => {
    const store = await opened();
    const mine = store.getState().doc;
    await openPastedLink(store, parseLink('http://localhost/#/s/v1.%%%'));
    expect(store.getState().banner?.text).toMatch(/^This share link cannot be opened/);
    await openPastedLink(store, await linkTo(smallDoc({ runs: [{ input: ['nope'] }] })));
    expect(store.getState().banner?.text).toMatch(/This share link holds an invalid scenario/);
    expect(store.getState().doc).toBe(mine);
    expect(await openPastedLink(store, parseLink('http://localhost/#lanes-area'))).toBe(false);
  });
});

describe('2: edits that drop or replace a fault say so', () => {
  it('lowering attempts per run names the removed faults; raising it removes nothing and says nothing', async () => {
    const { store } = testStore();
    store.getState().replaceDoc(
      smallDoc({ faults: [{ run: 1, attempt: 1, kind: 'crash', at: { afterRows: 800 } }, { run: 1, attempt: 2, kind: 'error', at: { afterRows: 10 } }, { run: 1, attempt: 3, kind: 'crash', at: { before: 'commit' } }] }),
      { edited: true },
    );
    store.getState().setMaxAttempts(1);
    expect(store.getState().doc?.faults).toHaveLength(1);
    expect(store.getState().banner).toEqual({
      kind: 'info',
      text: 'With 1 attempt per run, these 2 faults were removed (their attempts no longer happen): the error after 10 rows (run 1, attempt 2); the crash before the commit (run 1, attempt 3).',
    });
    store.getState().showBanner(null);
    store.getState().setMaxAttempts(4);
    expect(store.getState().banner).toBeNull();
    await settled(store);
  });

  it('a fault at the run and attempt of another replaces it, named; the very same fault again changes nothing', async () => {
    const { store } = testStore();
    store.getState().openScenario('small');
    store.getState().addFault({ run: 1, attempt: 1, kind: 'crash', at: { afterRows: 800 } });
    expect(store.getState()).toMatchObject({ edited: false, banner: null });
    store.getState().addFault({ run: 1, attempt: 1, kind: 'error', at: { after: 'write', file: 'f1' } });
    expect(store.getState().doc?.faults).toEqual([{ run: 1, attempt: 1, kind: 'error', at: { after: 'write', file: 'f1' } }]);
    expect(store.getState().banner?.text).toBe(
      'Replaced the crash after 800 rows (run 1, attempt 1) with the error after the last write of f1 (run 1, attempt 1): one fault per attempt.',
    );
    await settled(store);
  });
});

describe('5: validation errors', () => {
  it('a bad lane lists the valid names and forms, in the path: message form', () => {
    const v = validateScenario(smallDoc({ lanes: ['naive', 'bogus' as 'naive'] }));
    expect(v.ok).toBe(false);
    const line = v.ok ? '' : v.errors.map(formatIssue).join('\n');
    expect(line).toMatch(/^lanes\[1\]: unknown lane "bogus": must be a lane name \(naive, tracking, .*anti-join\) or \{"id": \[a-z0-9-\]\+, "pattern": a lane name\}$/);
    const notAString = validateScenario(smallDoc({ lanes: ['naive', 5 as unknown as 'naive'] }));
    expect(notAString.ok ? '' : formatIssue(notAString.errors[0]!)).toMatch(/^lanes\[1\]: must be a lane name \(naive, /);
  });

  it('structure and cross-reference errors arrive together where the structure allows it', () => {
    const v = validateScenario(
      smallDoc({ lanes: ['bogus' as 'naive'], runs: [{ input: ['nope'] }], faults: [{ run: 2, attempt: 1, kind: 'crash', at: { afterRows: 1 } }] }),
    );
    expect(v.ok ? [] : v.errors.map(formatIssue)).toEqual([
      expect.stringMatching(/^lanes\[0\]: unknown lane "bogus"/),
      'runs[0].input[0]: unknown file "nope"',
      'faults[0].run: run 2 does not exist (the scenario has 1)',
    ]);
    // a part that is itself refused is not cross-checked
    const w = validateScenario(smallDoc({ runs: [{ input: [] }], faults: [{ run: 9, attempt: 1, kind: 'crash', at: { afterRows: 1 } }] }));
    expect(w.ok ? [] : w.errors.map((e) => e.path.join('.'))).toEqual(['runs.0.input']);
  });
});

describe('6: one pluralisation rule for "rows"', () => {
  it('describeMoment and the badges say "1 row"; the engine’s momentLabel contract is unchanged', () => {
    expect(describeMoment({ afterRows: 1 })).toBe('after 1 row');
    expect(describeMoment({ afterRows: 1000 })).toBe('after 1,000 rows');
    expect(momentLabel({ afterRows: 1 }, 'f1')).toBe('afterRows 1');
    expect(rowCount(0)).toBe('0 rows');
  });

  const ev = (p: Loose<TraceEvent>): TraceEvent => ({
    kind: 'write', label: '', sql: [], rows: null, file: null, error: null, lane: 'naive', step: 0, tick: 0, run: 1, attempt: 1,
    txOpen: false, destRows: 0, committedRows: 0, written: 0, offers: [], metaRows: 0, counts: null, ...p,
  }) as TraceEvent;
  const lane = (metrics: Partial<NonNullable<LaneResult['metrics']>>): LaneResult => ({
    id: 'naive', pattern: 'naive', summary: '', metaTable: null, firstDuplicateStep: null,
    trace: [ev({ kind: 'start' }), ev({ step: 1, tick: 1, destRows: 1, counts: { rows: 1, duplicates: 1, lost: 0, stale: 0 } })],
    metrics: { rows: 1, duplicates: 0, lost: 0, stale: 0, error: null, errorClass: null, verdict: 'exactly-once', problems: [], attempts: [], ...metrics },
  });

  it('verdict descriptions', () => {
    expect(verdictAt(lane({}), asCursor(9), 2).description).toBe('exactly once: 1 row, all correct');
    expect(verdictAt(lane({ verdict: 'duplicates', duplicates: 1 }), asCursor(9), 2).description).toBe('1 duplicate row');
    expect(verdictAt(lane({ verdict: 'lost', lost: 1 }), asCursor(9), 2).description).toBe('1 key lost');
    expect(verdictAt(lane({ verdict: 'stale', stale: 1 }), asCursor(9), 2).description).toBe('1 key holds stale values');
    expect(verdictAt(lane({}), asCursor(2), 3)).toMatchObject({ text: 'dup 1', description: '1 duplicate row so far' });
    const running = { ...lane({}), trace: [ev({ kind: 'start' }), ev({ step: 1, tick: 1, destRows: 1 })] };
    expect(verdictAt(running, asCursor(2), 3)).toMatchObject({ text: 'in progress · 1 row', description: 'in progress: 1 row in dest' });
  });
});

describe('7: the next mark', () => {
  it('is the first not yet shown, null at the end', () => {
    const trace = [0, 1, 2].map((t) => ({ kind: t === 1 ? 'crash' : 'write', label: '', sql: [], rows: null, file: null, error: null, lane: 'naive', step: t, tick: t, run: 1, attempt: 1, txOpen: false, destRows: 0, committedRows: 0, written: 0, offers: [], metaRows: 0, counts: null }) as unknown as TraceEvent);
    const result = { lanes: [{ id: 'naive', trace, firstDuplicateStep: null }], ticks: 3 } as unknown as SimResult;
    const marks = eventMarks(result);
    expect(nextMark(marks, asCursor(0))?.label).toBe('crash (run 1, attempt 1)');
    expect(nextMark(marks, asCursor(2))).toBeNull();
  });
});

describe('8: a shared copy of a catalogue scenario', () => {
  it('opens as that scenario, not as edited work (defaults spelled out or not, keys in any order)', async () => {
    const { store } = testStore();
    store.getState().openScenario('other');
    const { faults, ...rest } = smallDoc();
    const copy = { retry: { maxAttempts: 3 }, ...rest, faults: faults?.map(({ attempt: _a, ...f }) => f) };
    expect((await store.getState().requestReplace({ source: 'share', doc: copy, view: { step: 1 } })).status).toBe('replaced');
    expect(store.getState()).toMatchObject({ baseId: 'small', edited: false, cursor: 1 });
    // a changed copy is edited work
    await store.getState().requestReplace({ source: 'share', doc: { ...copy, title: 'Changed' } });
    expect(store.getState()).toMatchObject({ baseId: null, edited: true });
    await settled(store);
  });
});
