// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { asCursor } from '../../src/engine/positions';
import { memoryStorage } from '../../src/share/storage';
import { catalogFrom } from '../../src/state/catalog';
import { createAppStore } from '../../src/state/store';
import { LanesView } from '../../src/ui/components/LanesView';
import { ProgressPanel } from '../../src/ui/components/ProgressPanel';
import { Narration } from '../../src/ui/components/Narration';
import { StoreContext } from '../../src/ui/components/storeContext';
import type { EngineClient } from '../../src/worker/client';
import type { LaneResult, SimResult } from '../../src/worker/types';
import { traceEvent as ev } from '../traceEvent';
import { smallDoc } from '../state/helpers';

const LONG = 'a-custom-lane-with-a-rather-long-name-indeed';

function lane(id: string): LaneResult {
  const trace = [
    ev({ lane: id, kind: 'start', step: 0, tick: 0, label: 'run 1 · attempt 1' }),
    ev({ lane: id, kind: 'end', step: 1, tick: 1, label: 'attempt 1 succeeded', outcome: 'ok', destRows: 10, counts: { rows: 10, duplicates: 0, lost: 0, stale: 0 } }),
  ];
  return {
    id, pattern: 'naive', summary: `${id} summary`, metaTable: null, trace, firstDuplicateStep: null, why: { sentence: `${id} wrote every row once`, steps: [] },
    metrics: { rows: 10, duplicates: 0, lost: 0, stale: 0, error: null, errorClass: null, verdict: 'exactly-once', problems: [], attempts: [] },
  };
}

const partial: SimResult = {
  scenarioId: 'small', lanes: [lane('merge'), lane(LONG)], segments: [], ticks: 2, truthKeys: [10], deliveredRows: 10, runRows: [10], maxAttempts: 3, elapsedMs: 1,
  allLanes: ['naive', 'merge', 'overwrite', LONG],
};

function setup() {
  const engine: EngineClient = { load: () => new Promise(() => {}), query: async () => ({ ok: true, columns: [], rows: [], error: null, ms: 0 }), cancel() {} };
  const store = createAppStore({ engine, catalog: catalogFrom({ 'a.json': { default: smallDoc() } }) }, memoryStorage());
  store.setState({
    status: 'running', result: partial, pendingLanes: ['naive', 'overwrite'], cursor: asCursor(2),
    progress: { phase: 'run', lane: 'naive', laneIndex: 0, lanes: 4, fraction: 0.7, laneFractions: { naive: 0.42, merge: 1, overwrite: 1, [LONG]: 1 }, lanesStarted: ['merge', LONG, 'naive', 'overwrite'] },
  });
  render(
    <StoreContext.Provider value={store}>
      <ProgressPanel />
      <Narration />
      <LanesView readOnly />
    </StoreContext.Provider>,
  );
  return store;
}

describe('lanes fill as they finish', () => {
  afterEach(cleanup);

  it('shows finished lanes as columns and the others as placeholders with their own progress, in the scenario order', () => {
    setup();
    const order = [...document.querySelectorAll('.lanes-view > section')].map((e) => e.getAttribute('data-testid'));
    expect(order).toEqual(['lane-pending-naive', 'lane-merge', 'lane-pending-overwrite', `lane-${LONG}`]);
    expect(screen.getByTestId('lane-pending-naive').textContent).toContain('running… 42%');
    // a lane whose rows reach the progress's cap is still not done: never 100% before it finishes
    expect(screen.getByTestId('lane-pending-overwrite').textContent).toContain('running… 99%');
    expect(screen.getByRole('progressbar', { name: 'naive: progress' }).getAttribute('value')).toBe('42');
    // the scoreboard gives no verdict to a lane still running
    expect(screen.getByTestId('score-badge-naive').textContent).toBe('running 42%');
    expect(screen.getByTestId('score-badge-merge').textContent).toBe('exactly-once');
    expect(screen.getByTestId('progress-text').textContent).toBe('Running the lanes: 2 of 4 lanes done, ready to step through — 70%');
    // the end of the lanes done is not the end of the run
    expect(screen.getByTestId('narration').textContent).toMatch(/^Step 2 \(end of the lanes done so far; others still run\)/);
    // a long lane name is there whole, as text and as the button's name
    expect(screen.getByRole('button', { name: LONG }).textContent).toBe(LONG);
  });

  it('a lane no worker has taken yet waits, and says so', () => {
    const store = setup();
    act(() => store.setState((s) => ({ progress: { ...s.progress!, laneFractions: { ...s.progress!.laneFractions, naive: 0 }, lanesStarted: ['merge', LONG, 'overwrite'] } })));
    expect(screen.getByTestId('score-badge-naive').textContent).toBe('waiting');
    expect(screen.getByTestId('lane-pending-naive').textContent).toContain('waiting for a free worker…');
    expect(screen.getByTestId('score-badge-overwrite').textContent).toBe('running 99%');
  });

  it('keeps to the lanes chosen, finished or not', () => {
    const store = setup();
    act(() => store.setState({ laneChoice: ['naive', LONG] }));
    const order = [...document.querySelectorAll('.lanes-view > section')].map((e) => e.getAttribute('data-testid'));
    expect(order).toEqual(['lane-pending-naive', `lane-${LONG}`]);
  });
});
