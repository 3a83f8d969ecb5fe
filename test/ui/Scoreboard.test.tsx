// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asCursor } from '../../src/engine/positions';
import { memoryStorage } from '../../src/share/storage';
import { catalogFrom } from '../../src/state/catalog';
import { createAppStore } from '../../src/state/store';
import { LanesView } from '../../src/ui/components/LanesView';
import { StoreContext } from '../../src/ui/components/storeContext';
import type { EngineClient } from '../../src/worker/client';
import type { LaneResult, SimResult } from '../../src/worker/types';
import { traceEvent } from '../traceEvent';
import { smallDoc } from '../state/helpers';

const ev = traceEvent;

function lane(id: string, m: { rows: number; duplicates: number; lost: number; error?: string }): LaneResult {
  const trace = [
    ev({ lane: id, kind: 'start', step: 0, tick: 0, label: 'run 1 · attempt 1' }),
    ev({ lane: id, kind: 'write', step: 1, tick: 1, rows: 3, file: 'f1', label: 'write rows', destRows: 3 }),
    ev({ lane: id, kind: 'end', step: 2, tick: 2, label: 'attempt 1 succeeded', outcome: 'ok', destRows: m.rows, counts: { rows: m.rows, duplicates: m.duplicates, lost: m.lost, stale: 0 } }),
  ];
  const problems = [...(m.error ? ['error' as const] : []), ...(m.lost ? ['lost' as const] : []), ...(m.duplicates ? ['duplicates' as const] : [])];
  return {
    id, pattern: id, summary: `${id} summary`, description: `${id} in plain words`, metaTable: null, trace, firstDuplicateStep: null,
    why: { sentence: `${id} because of step 1`, steps: [1] },
    metrics: { rows: m.rows, duplicates: m.duplicates, lost: m.lost, stale: 0, error: m.error ?? null, errorClass: m.error ? 'crash' : null, verdict: problems[0] ?? 'exactly-once', problems, attempts: [] },
  };
}

const result: SimResult = {
  scenarioId: 'small',
  lanes: [lane('naive', { rows: 1000, duplicates: 1000, lost: 3 }), lane('merge', { rows: 1003, duplicates: 0, lost: 0 }), lane('overwrite', { rows: 1100, duplicates: 100, lost: 0, error: 'crash' })],
  segments: [], ticks: 3, truthKeys: [1003], deliveredRows: 1003, runRows: [1003], maxAttempts: 3, elapsedMs: 1,
};

function setup() {
  const engine: EngineClient = {
    async load() {
      return { ok: true, result };
    },
    async query() {
      return { ok: true, columns: [], rows: [], error: null, ms: 1 };
    },
    cancel() {},
  };
  const catalog = catalogFrom({ 'a.json': { default: smallDoc() } });
  const store = createAppStore({ engine, catalog }, memoryStorage());
  store.setState({ result, cursor: asCursor(3) });
  render(
    <StoreContext.Provider value={store}>
      <LanesView readOnly />
    </StoreContext.Provider>,
  );
  return store;
}

describe('Scoreboard', () => {
  afterEach(cleanup);

  it('lists every lane with its verdict, every problem and rows against the truth', () => {
    setup();
    const board = screen.getByTestId('scoreboard');
    expect(within(board).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByTestId('score-badge-naive').textContent).toBe('lost 3 · ✗ dup 1,000');
    expect(screen.getByTestId('score-rows-naive').textContent).toBe('1,000 / 1,003 rows');
    expect(screen.getByTestId('score-badge-merge').textContent).toBe('exactly-once');
    expect(screen.getByTestId('score-badge-overwrite').textContent).toBe('error · 1,100 rows, dup 100');
    // the lane's own badge says the same
    expect(screen.getByTestId('badge-naive').textContent).toBe('lost 3 · ✗ dup 1,000');
  });

  it('a lane name scrolls its column into view; pin puts it first', () => {
    setup();
    const scroll = vi.fn();
    Element.prototype.scrollIntoView = scroll;
    fireEvent.click(screen.getByRole('button', { name: 'overwrite' }));
    expect(scroll).toHaveBeenCalled();
    expect(scroll.mock.contexts[0]).toBe(screen.getByTestId('lane-overwrite'));
    const order = () => [...document.querySelectorAll('.lane-column')].map((e) => e.getAttribute('data-testid'));
    expect(order()).toEqual(['lane-naive', 'lane-merge', 'lane-overwrite']);
    fireEvent.click(screen.getByRole('button', { name: 'pin overwrite' }));
    expect(order()).toEqual(['lane-overwrite', 'lane-naive', 'lane-merge']);
    expect(screen.getByRole('button', { name: 'pin overwrite' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'pin overwrite' }));
    expect(order()).toEqual(['lane-naive', 'lane-merge', 'lane-overwrite']);
  });

  it('each column says why in plain words, its steps select those steps', () => {
    const store = setup();
    expect(screen.getByTestId('why-naive').textContent).toContain('naive because of step 1');
    expect(screen.getByText('naive in plain words')).toBeTruthy();
    act(() => fireEvent.click(screen.getByTestId('why-step-naive-1')));
    expect(store.getState().selected).toEqual({ lane: 'naive', step: 1 });
  });
});
