import { describe, expect, it, vi } from 'vitest';
import { decodePayload, encodePayload, encodeShare, takeExploreView } from '../../src/share/codec';
import { parseLink, shareUrl } from '../../src/share/links';
import { memoryStorage } from '../../src/share/storage';
import { validateScenario, type Scenario } from '../../src/engine/validate';
import { boot } from '../../src/state/boot';
import { catalogFrom } from '../../src/state/catalog';
import { createAppStore } from '../../src/state/store';
import { fixtureReport } from '../ui/exploreFixtures';
import { inProcessEngine, settled, smallDoc } from './helpers';

const explore = { depth: 2 as const, kinds: ['crash' as const] };

const scenarioOf = (doc: unknown): Scenario => {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error('invalid');
  return v.scenario;
};

function setup() {
  const run = vi.fn(async () => fixtureReport());
  const catalog = catalogFrom({ '01-small.json': { default: smallDoc() } });
  const store = createAppStore(
    { engine: inProcessEngine(), catalog, explorer: { explore: run, open: async (doc) => ({ ok: true, scenario: scenarioOf(doc), executor: { concurrency: 1, play: async () => ({}), terminate() {} } }) } },
    memoryStorage(),
  );
  return { store, catalog, run };
}

describe('explorer share links', () => {
  it('a view that opens the explorer is a v2 link; any other view stays v1', async () => {
    const v2 = await encodeShare(smallDoc(), { step: 3, explore });
    expect(v2).toMatch(/^v2\./);
    expect(await decodePayload(v2)).toEqual({ ok: true, value: { ...smallDoc(), view: { step: 3, explore } } });
    expect(await encodeShare(smallDoc(), { step: 3, lanes: ['naive'] })).toMatch(/^v1\./);
    const v9 = await decodePayload(`v9.${v2.slice(3)}`);
    expect(v9.ok).toBe(false);
    if (!v9.ok) expect(v9.error).toMatch(/"v1" or "v2"/);
  });

  it('takes the explorer out of the view before the document is validated; a malformed one is dropped', () => {
    const doc = { ...smallDoc(), view: { step: 3, explore } };
    expect(takeExploreView(doc)).toEqual({ doc: { ...smallDoc(), view: { step: 3 } }, explore });
    expect(takeExploreView({ ...smallDoc(), view: { explore: { depth: 3, kinds: ['crash'] } } }).explore).toBeNull();
    expect(takeExploreView({ ...smallDoc(), view: { explore: { depth: 1, kinds: ['oops'] } } }).explore).toBeNull();
    expect(takeExploreView({ ...smallDoc(), view: { explore: { depth: 1, kinds: ['error', 'error'] } } }).explore).toEqual({ depth: 1, kinds: ['error'] });
    expect(takeExploreView(smallDoc())).toEqual({ doc: smallDoc(), explore: null });
    expect(takeExploreView(null)).toEqual({ doc: null, explore: null });
  });

  it('an explorer link opens the explorer with its options and runs it', async () => {
    const { store, catalog, run } = setup();
    const url = shareUrl('http://localhost/', await encodeShare(smallDoc(), { step: 0, explore }));
    await boot(store, parseLink(url), catalog);
    await settled(store);
    const s = store.getState();
    expect(s.banner).toBeNull();
    expect(s.doc?.id).toBe('small');
    expect(s.exploreOpen).toBe(true);
    expect(s.exploreOptions).toEqual(explore);
    expect(run).toHaveBeenCalledWith(expect.objectContaining({ id: 'small' }), expect.anything(), explore, expect.anything());
  });

  it('an old v1 link still opens the playground', async () => {
    const { store, catalog, run } = setup();
    const url = shareUrl('http://localhost/', await encodePayload({ ...smallDoc(), view: { step: 2 } }));
    await boot(store, parseLink(url), catalog);
    await settled(store);
    expect(store.getState().doc?.id).toBe('small');
    expect(store.getState().cursor).toBe(2);
    expect(store.getState().exploreOpen).toBe(false);
    expect(run).not.toHaveBeenCalled();
  });
});
