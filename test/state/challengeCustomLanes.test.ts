import { describe, expect, it } from 'vitest';
import { laneToScript, type LaneScriptDoc } from '../../src/engine/custom/script';
import { validateScenario } from '../../src/engine/validate';
import { decodePayload, encodeShare } from '../../src/share/codec';
import { parseLink, shareUrl } from '../../src/share/links';
import { openPastedLink } from '../../src/state/boot';
import { checkLaneScript, docLanes, LANE_TEMPLATES, placeInWorkspace, templateScript, withCustomLane, withoutLane } from '../../src/state/customLanes';
import { settled, testStore } from './helpers';

const lane = (id: string, statements: string[] = ['INSERT INTO dest SELECT * FROM batch']): LaneScriptDoc => ({ id, pattern: 'custom', sql: { unit: 'file', transaction: true, statements } });

async function opened() {
  const t = testStore();
  t.store.getState().openScenario('small');
  await settled(t.store);
  return t;
}

describe('custom lanes in the playground (store)', () => {
  it('adds a lane as one more column through the scenario edit path: saved, re-run, the cursor kept', async () => {
    const { store } = await opened();
    store.getState().setCursor(5);
    const out = await store.getState().saveCustomLane(lane('mine'), null);
    expect(out.status).toBe('replaced');
    await settled(store);
    const s = store.getState();
    expect(s.edited).toBe(true);
    expect(s.doc?.lanes).toEqual(['naive', 'tracking-atomic', 'ingestor-lock', lane('mine')]);
    expect(s.result?.lanes.map((l) => l.id)).toEqual(['naive', 'tracking-atomic', 'ingestor-lock', 'mine']);
    expect(s.result?.lanes[3]?.pattern).toBe('custom');
    // the SQL it executed is in its steps, as for any lane
    expect(s.result?.lanes[3]?.trace.some((e) => /INSERT INTO/.test([e.sql ?? ''].flat().join(' ')))).toBe(true);
    expect(s.cursor).toBe(5);
    expect(s.laneEditor).toBeNull();
  }, 30_000);

  it('replaces an edited lane in its place and removes it; a lane choice keeps showing the lane written', async () => {
    const { store } = await opened();
    await store.getState().saveCustomLane(lane('mine'), null);
    await settled(store);
    store.getState().setLaneChoice(['naive', 'mine']);
    await store.getState().saveCustomLane(lane('mine-2', ['INSERT INTO dest SELECT * FROM batch b WHERE 1']), 'mine');
    await settled(store);
    expect(docLanes(store.getState().doc!).map((l) => (typeof l === 'string' ? l : l.id))).toEqual(['naive', 'tracking-atomic', 'ingestor-lock', 'mine-2']);
    expect(store.getState().laneChoice).toEqual(['naive', 'mine-2']);
    await store.getState().removeCustomLane('mine-2');
    await settled(store);
    expect(store.getState().doc?.lanes).toEqual(['naive', 'tracking-atomic', 'ingestor-lock']);
    expect(store.getState().laneChoice).toEqual(['naive']);
  }, 30_000);

  it('refuses an invalid lane with its issues and keeps the scenario as it was', async () => {
    const { store } = await opened();
    const before = store.getState().doc;
    const out = await store.getState().saveCustomLane(lane('bad', ['INSERT INTO dest SELECT * FROM batch', "ATTACH DATABASE 'x' AS y"]), null);
    expect(out.status).toBe('invalid');
    if (out.status === 'invalid') expect(out.issues[0]?.path).toEqual(['lanes', 3, 'sql', 'statements', 1]);
    expect(store.getState().doc).toBe(before);
  });

  it('places validator issues on the statement’s line and names it; script problems keep their own line', () => {
    const { store } = testStore();
    store.getState().openScenario('small');
    const doc = store.getState().doc!;
    const text = '-- lane: bad\n-- unit: file\n\n-- statements\nINSERT INTO dest SELECT * FROM batch;\n\nATTACH DATABASE\n  \'x\' AS y;\n';
    const c = checkLaneScript(text, placeInWorkspace(doc, null));
    expect(c.issues).toHaveLength(1);
    expect(c.issues[0]).toMatchObject({ line: 7, statement: 'statements[1]' });
    expect(checkLaneScript('-- lane: Bad Id\n-- statements\nSELECT 1;\n', placeInWorkspace(doc, null)).issues[0]).toMatchObject({ line: 1 });
    // a lane id taken by a built-in: said on line 1
    const dup = checkLaneScript(laneToScript(lane('naive')), placeInWorkspace(doc, null));
    expect(dup.issues[0]).toMatchObject({ line: 1, message: expect.stringMatching(/duplicate lane id "naive"/) });
  });

  it('offers every template with a free id, and each one is a valid lane of a partitioned scenario', () => {
    const { store } = testStore();
    store.getState().openScenario('small');
    const doc = withCustomLane(store.getState().doc!, lane('my-naive'));
    for (const t of LANE_TEMPLATES) {
      const text = templateScript(doc, t);
      expect(text).not.toMatch(/-- lane: my-naive\n/);
      expect(checkLaneScript(text, placeInWorkspace(doc, null)).issues).toEqual([]);
    }
    expect(withoutLane(withCustomLane(doc, lane('x')), 'x')).toEqual(doc);
  });

  it('carries a custom lane in a share link; a hostile lane in a link is refused with its path and the work kept', async () => {
    const { store } = await opened();
    await store.getState().saveCustomLane(lane('mine'), null);
    await settled(store);
    const doc = store.getState().doc!;
    const decoded = await decodePayload((await encodeShare(doc, { step: 3 })).slice(0));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const v = validateScenario(decoded.value);
    expect(v.ok).toBe(true);
    expect((decoded.value as { lanes: unknown }).lanes).toEqual(doc.lanes);

    const hostile = { ...doc, lanes: ['naive', lane('evil', ["ATTACH DATABASE 'file:other' AS o", 'INSERT INTO truth SELECT * FROM dest'])] };
    const link = parseLink(shareUrl('http://localhost/', await encodeShare(hostile, {})));
    expect(await openPastedLink(store, link)).toBe(true);
    const s = store.getState();
    expect(s.doc).toBe(doc);
    expect(s.banner?.text).toMatch(/invalid scenario/);
    expect(s.banner?.details?.some((d) => d.startsWith('lanes[1].sql.statements[0]'))).toBe(true);
    expect(s.banner?.details?.some((d) => d.startsWith('lanes[1].sql.statements[1]'))).toBe(true);
  }, 30_000);

  it('Explore on a custom lane explores that lane alone and opens the map on it', async () => {
    const { store } = await opened();
    await store.getState().saveCustomLane(lane('mine'), null);
    await settled(store);
    const runs: (readonly string[] | undefined)[] = [];
    store.setState({
      runExplore: async (_opts, only) => {
        runs.push(only);
        store.setState({ exploreOpen: true, exploreStatus: 'running', exploreCell: null });
        await new Promise((r) => setTimeout(r, 10));
        const result = { schedule: 's0', verdict: 'exactly-once' as const, rows: 1, duplicates: 0, lost: 0, stale: 0, error: null };
        const exploreReport = {
          scenario: 'small', depth: 1 as const, kinds: ['crash' as const], clean: {}, complete: true,
          schedules: [{ id: 's0', faults: [], label: 'no fault' }, { id: 's1', faults: [], label: 'x' }],
          lanes: { mine: { results: [result, { ...result, schedule: 's1', verdict: 'duplicates' as const }], holds: 1, breaks: 1, counterexample: 's1', certificate: null } },
        };
        store.setState({ exploreStatus: 'done', exploreReport });
      },
    });
    store.getState().exploreCustomLane('mine');
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toEqual([['mine']]);
    expect(store.getState().exploreCell).toEqual({ schedule: 's1', lane: 'mine' });
  }, 30_000);
});
