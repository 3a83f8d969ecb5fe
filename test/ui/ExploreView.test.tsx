// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cursorShowing } from '../../src/engine/positions';
import { validateScenario, type Scenario } from '../../src/engine/validate';
import { memoryStorage } from '../../src/share/storage';
import { catalogFrom } from '../../src/state/catalog';
import { createAppStore } from '../../src/state/store';
import type { ExploreRun } from '../../src/state/types';
import { App } from '../../src/ui/App';
import { StoreContext } from '../../src/ui/components/storeContext';
import type { EngineClient } from '../../src/worker/client';
import type { LaneResult, SimResult } from '../../src/worker/types';
import { traceEvent } from '../traceEvent';
import { smallDoc } from '../state/helpers';
import { fixtureReport, SCHEDULES } from './exploreFixtures';

vi.mock('../../src/ui/editor/CodeEditor', () => ({ default: () => null }));

const ev = traceEvent;

/** A lane that crashes at step 2 (tick 3: lanes start one tick apart) and ends exactly-once. */
function lane(id: string, offset: number): LaneResult {
  const trace = [
    ev({ lane: id, kind: 'start', step: 0, tick: offset, label: 'run 1 · attempt 1' }),
    ev({ lane: id, kind: 'write', step: 1, tick: offset + 1, destRows: 800 }),
    ev({ lane: id, kind: 'crash', step: 2, tick: offset + 2, error: 'crash', label: 'The process dies', destRows: 800 }),
    ev({ lane: id, kind: 'start', step: 3, tick: offset + 3, attempt: 2, destRows: 800 }),
    ev({ lane: id, kind: 'end', step: 4, tick: offset + 4, attempt: 2, outcome: 'ok', destRows: 1000 }),
  ];
  return {
    id, pattern: id, summary: id, metaTable: null, trace, firstDuplicateStep: null,
    metrics: { rows: 1000, duplicates: 0, lost: 0, stale: 0, error: null, errorClass: null, verdict: 'exactly-once', problems: [], attempts: [] },
  };
}

const result: SimResult = {
  scenarioId: 'small', lanes: [lane('naive', 0), lane('ingestor-lock', 1), lane('tracking-atomic', 0)], segments: [], ticks: 6,
  truthKeys: [1000], deliveredRows: 1000, runRows: [1000], maxAttempts: 3, elapsedMs: 1,
};

const scenarioOf = (doc: unknown): Scenario => {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error('invalid');
  return v.scenario;
};

function setup(report: ExploreRun = fixtureReport()) {
  const engine: EngineClient & { loaded: unknown[] } = {
    loaded: [],
    async load(doc) {
      engine.loaded.push(doc);
      return { ok: true, result };
    },
    async query() {
      return { ok: true, columns: [], rows: [], error: null, ms: 1 };
    },
    cancel() {},
  };
  const explore = vi.fn(async () => report);
  const catalog = catalogFrom({ 'a.json': { default: smallDoc() } });
  const store = createAppStore({ engine, catalog, explorer: { explore, open: async (doc) => ({ ok: true, scenario: scenarioOf(doc), executor: { concurrency: 2, size: 2, play: async () => ({}), terminate() {} } }) } }, memoryStorage());
  render(
    <StoreContext.Provider value={store}>
      <App catalog={catalog} />
    </StoreContext.Provider>,
  );
  return { store, engine, explore };
}

const tabbable = () => [...document.querySelectorAll('[role="gridcell"]')].filter((c) => c.getAttribute('tabindex') === '0').map((c) => c.getAttribute('data-testid'));
const key = (k: string, init: Partial<KeyboardEventInit> = {}) => act(() => void fireEvent.keyDown(document.activeElement as Element, { key: k, ...init }));

describe('ExploreView', () => {
  afterEach(cleanup);

  it('opens from the header (and X), shows the empty state, runs, and draws a cell per schedule and lane', async () => {
    const { store, explore } = setup();
    await act(async () => store.getState().openScenario('small'));
    fireEvent.click(screen.getByTestId('btn-explore'));
    expect(screen.getByTestId('explore-empty').textContent).toMatch(/Explore plays every crash and error/);
    expect(screen.queryByTestId('step-counter')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('btn-explore-run-empty')));
    expect(explore).toHaveBeenCalledWith(expect.objectContaining({ id: 'small' }), expect.anything(), { depth: 1, kinds: ['crash', 'error'] }, expect.anything());
    expect(document.querySelectorAll('[role="gridcell"]')).toHaveLength(SCHEDULES.length * 3);
    expect(screen.getByTestId('cell-s3-naive').getAttribute('data-verdict')).toBe('duplicates');
    expect(screen.getByTestId('cell-s3-naive').textContent).toMatch(/✗ 1k/);
    expect(screen.getByTestId('explore-summary').textContent).toMatch(/5 fault schedules × 3 lanes .* on 2 workers/);
    expect(screen.getByTestId('explore-summary-naive').textContent).toMatch(/holds 2\/5.*first: s2/);
    // X goes back and forth
    act(() => void fireEvent.keyDown(window, { key: 'x' }));
    expect(store.getState().exploreOpen).toBe(false);
    act(() => void fireEvent.keyDown(window, { key: 'x' }));
    expect(store.getState().exploreOpen).toBe(true);
    fireEvent.click(screen.getByTestId('btn-explore-back'));
    expect(screen.queryByTestId('explore-view')).toBeNull();
  });

  it('is one tab stop; arrow keys, Home and End move between cells, the detail line follows, the playground cursor stays', async () => {
    const { store } = setup();
    await act(async () => store.getState().openScenario('small'));
    await act(async () => store.getState().runExplore());
    const cursor = store.getState().cursor;
    // it starts on the first counterexample (row-major): ingestor-lock under s1
    expect(tabbable()).toEqual(['cell-s1-ingestor-lock']);
    act(() => (screen.getByTestId('cell-s1-ingestor-lock') as unknown as SVGElement).focus());
    expect(document.activeElement).toBe(screen.getByTestId('cell-s1-ingestor-lock'));
    expect(screen.getByTestId('explore-detail').textContent).toMatch(/ingestor-lock, run 1 · attempt 1: ✕ crash before the first write of f1 — ▽ lost: rows 0 · dup 0 · lost 1,000/);
    key('ArrowRight');
    expect(document.activeElement).toBe(screen.getByTestId('cell-s1-tracking-atomic'));
    key('ArrowRight');
    expect(document.activeElement).toBe(screen.getByTestId('cell-s1-tracking-atomic'));
    key('ArrowDown');
    key('ArrowDown');
    expect(document.activeElement).toBe(screen.getByTestId('cell-s3-tracking-atomic'));
    key('Home');
    expect(document.activeElement).toBe(screen.getByTestId('cell-s3-naive'));
    expect(screen.getByTestId('explore-detail').textContent).toMatch(/naive, run 1 · attempt 1: ! error after the last write of f1 — ✗ duplicates: rows 2,000 · dup 1,000/);
    key('End', { ctrlKey: true });
    expect(document.activeElement).toBe(screen.getByTestId('cell-s5-tracking-atomic'));
    key('ArrowUp');
    expect(tabbable()).toEqual(['cell-s4-tracking-atomic']);
    key('Home', { ctrlKey: true });
    expect(document.activeElement).toBe(screen.getByTestId('cell-s0-naive'));
    key('ArrowUp');
    expect(document.activeElement).toBe(screen.getByTestId('cell-s0-naive'));
    expect(store.getState().cursor).toBe(cursor);
    expect(store.getState().exploreCell).toEqual({ schedule: 's0', lane: 'naive' });
    // hovering shows another cell's numbers without moving the keyboard
    fireEvent.mouseEnter(screen.getByTestId('cell-s5-ingestor-lock'));
    expect(screen.getByTestId('explore-detail').textContent).toMatch(/! error: .*error: injected error at before commit/);
    expect(screen.getByTestId('cell-s2-naive').getAttribute('aria-label')).toMatch(/this lane’s counterexample/);
  });

  it('Enter opens the cell: the schedule’s faults in the playground, the cursor on that lane’s fault with its step selected', async () => {
    const { store, engine } = setup();
    await act(async () => store.getState().openScenario('small'));
    await act(async () => store.getState().runExplore());
    act(() => (screen.getByTestId('cell-s1-ingestor-lock') as unknown as SVGElement).focus());
    key('ArrowDown');
    await act(async () => {
      fireEvent.keyDown(document.activeElement as Element, { key: 'Enter' });
    });
    const s = store.getState();
    expect(s.exploreOpen).toBe(false);
    expect(s.doc?.faults).toEqual(SCHEDULES[2]?.faults);
    expect(s.edited).toBe(true);
    expect(engine.loaded.at(-1)).toMatchObject({ faults: SCHEDULES[2]?.faults });
    // ingestor-lock's crash is its step 2, at tick 3
    expect(s.selected).toEqual({ lane: 'ingestor-lock', step: 2 });
    expect(s.cursor).toBe(cursorShowing(result.lanes[1]!.trace[2]!.tick));
    expect(screen.getByTestId('step-counter').textContent).toBe('step 4 / 6');
    // back in the explorer, the keyboard is where it was
    fireEvent.click(screen.getByTestId('btn-explore'));
    expect(tabbable()).toEqual(['cell-s2-ingestor-lock']);
  });

  it('a click opens the cell too', async () => {
    const { store } = setup();
    await act(async () => store.getState().openScenario('small'));
    await act(async () => store.getState().runExplore());
    await act(async () => fireEvent.click(screen.getByTestId('cell-s5-naive')));
    expect(store.getState().doc?.faults).toEqual(SCHEDULES[5]?.faults);
    expect(store.getState().selected).toEqual({ lane: 'naive', step: 2 });
  });

  it('says when the scenario changed since the map was drawn, and shows errors', async () => {
    const { store } = setup();
    await act(async () => store.getState().openScenario('small'));
    await act(async () => store.getState().runExplore());
    expect(screen.queryByTestId('explore-stale')).toBeNull();
    // faults only: still this scenario's map
    await act(async () => store.getState().removeFault(0));
    expect(screen.queryByTestId('explore-stale')).toBeNull();
    await act(async () => store.getState().setMaxAttempts(2));
    expect(screen.getByTestId('explore-stale').textContent).toMatch(/changed/);
    act(() => store.setState({ exploreStatus: 'failed', exploreErrors: ['a play worker failed'] }));
    expect(screen.getByTestId('explore-error').textContent).toMatch(/a play worker failed/);
  });

  it('draws only the rows near the view of a large map, and the keyboard still reaches every cell', async () => {
    const big = fixtureReport();
    const extra = Array.from({ length: 600 }, (_, i) => ({ ...(SCHEDULES[1] as (typeof SCHEDULES)[number]), id: `s${i + 6}` }));
    big.schedules = [...SCHEDULES, ...extra];
    for (const l of Object.values(big.lanes)) l.results = [...l.results, ...extra.map((x) => ({ ...(l.results[1] as (typeof l.results)[number]), schedule: x.id }))];
    const { store } = setup(big);
    await act(async () => store.getState().openScenario('small'));
    await act(async () => store.getState().runExplore());
    const rows = () => document.querySelectorAll('[role="row"]').length;
    expect(rows()).toBeGreaterThan(20);
    expect(rows()).toBeLessThan(200);
    act(() => (document.querySelector('[role="gridcell"][tabindex="0"]') as SVGElement).focus());
    key('End', { ctrlKey: true });
    expect(document.activeElement).toBe(screen.getByTestId('cell-s605-tracking-atomic'));
    key('PageUp');
    expect(document.activeElement?.getAttribute('data-testid')).toMatch(/^cell-s\d+-tracking-atomic$/);
    expect(rows()).toBeLessThan(200);
  });

  it('shows progress with Cancel while it runs', async () => {
    const { store } = setup();
    await act(async () => store.getState().openScenario('small'));
    act(() => store.setState({ exploreOpen: true, exploreStatus: 'running', exploreProgress: { done: 3, total: 13, phase: 'depth 1' } }));
    expect(screen.getByTestId('explore-progress').textContent).toMatch(/3 of 13/);
    expect(screen.getByTestId('btn-explore-cancel')).toBeTruthy();
    expect(screen.queryByTestId('explore-empty')).toBeNull();
  });
});
