// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { traceEvent } from '../traceEvent';
import { memoryStorage } from '../../src/share/storage';
import { catalogFrom } from '../../src/state/catalog';
import { createAppStore } from '../../src/state/store';
import { App } from '../../src/ui/App';
import { StoreContext } from '../../src/ui/components/storeContext';
import type { EngineClient } from '../../src/worker/client';
import type { LaneResult, SimResult } from '../../src/worker/types';
import { smallDoc } from '../state/helpers';

// Defects found in a walkthrough, each pinned here through the UI (the store's own in test/state/walkthrough.test.ts).

vi.mock('../../src/ui/editor/CodeEditor', () => ({
  default: (p: { value: string; onChange: (v: string) => void; ariaLabel?: string }) => (
    <textarea aria-label={p.ariaLabel} value={p.value} onChange={(e) => p.onChange(e.target.value)} />
  ),
}));

const ev = traceEvent;

function lane(id: string, dup: number): LaneResult {
  const trace = [
    ev({ lane: id, kind: 'start', step: 0, tick: 0, label: 'run 1 · attempt 1' }),
    ev({ lane: id, kind: 'write', step: 1, tick: 1, rows: 1, file: 'f1', label: 'write 1 row', destRows: 1, written: 1, offers: [{ at: { afterRows: 1 }, rows: { from: 1, to: 1 }, label: 'after 1 row' }], counts: { rows: 1, duplicates: 0, lost: 0, stale: 0 } }),
    ev({ lane: id, kind: 'crash', step: 2, tick: 2, error: 'crash at afterRows 1', label: 'The process dies', destRows: 1 }),
    ev({ lane: id, kind: 'start', step: 3, tick: 3, attempt: 2, label: 'run 1 · attempt 2', destRows: 1 }),
    ev({ lane: id, kind: 'write', step: 4, tick: 4, attempt: 2, rows: 1000, file: 'f1', label: 'write all', destRows: 1000 + dup, counts: { rows: 1000 + dup, duplicates: dup, lost: 0, stale: 0 } }),
    ev({ lane: id, kind: 'end', step: 5, tick: 5, attempt: 2, label: 'attempt 2 succeeded', outcome: 'ok', destRows: 1000 + dup }),
  ];
  return {
    id, pattern: id, summary: `${id} summary`, metaTable: null, trace, firstDuplicateStep: dup ? 4 : null,
    metrics: { rows: 1000 + dup, duplicates: dup, lost: 0, stale: 0, error: null, errorClass: null, verdict: dup ? 'duplicates' : 'exactly-once', problems: dup ? ['duplicates'] : [], attempts: [] },
  };
}

const result: SimResult = {
  scenarioId: 'small', lanes: [lane('naive', 1), lane('merge', 0)], segments: [], ticks: 6, truthKeys: [1000],
  deliveredRows: 1000, runRows: [1000], maxAttempts: 3, elapsedMs: 1,
};

async function setup() {
  const engine: EngineClient = {
    load: async () => ({ ok: true, result }),
    query: async () => ({ ok: true, columns: ['n'], rows: [[1]], error: null, ms: 1 }),
    cancel() {},
  };
  const catalog = catalogFrom({ 'a.json': { default: smallDoc() } });
  const store = createAppStore({ engine, catalog }, memoryStorage());
  render(
    <StoreContext.Provider value={store}>
      <App catalog={catalog} />
    </StoreContext.Provider>,
  );
  await act(async () => store.getState().openScenario('small'));
  return { store };
}

const text = (id: string) => screen.getByTestId(id).textContent;
const bannerText = () => screen.getByTestId('banner-error').querySelector('p')?.textContent;
const dialog = (testId: string) => screen.queryByTestId(testId);

describe('walkthrough defects', () => {
  afterEach(cleanup);

  it('3: shortcuts work while a lane chip (a checkbox) has focus, not in a text field, a select or the step list', async () => {
    const { store } = await setup();
    const chip = screen.getByTestId('chip-naive');
    chip.focus();
    fireEvent.keyDown(chip, { key: 'ArrowRight' });
    expect(text('step-counter')).toBe('step 1 / 6');
    fireEvent.keyDown(chip, { key: 'End' });
    expect(text('step-counter')).toBe('step 6 / 6');
    fireEvent.keyDown(chip, { key: 'Home' });
    expect(text('step-counter')).toBe('step 0 / 6');
    fireEvent.keyDown(chip, { key: '?' });
    expect(store.getState().helpOpen).toBe(true);
    act(() => store.getState().setHelpOpen(false));
    // Space on a checkbox ticks it (the browser's own key): not play
    fireEvent.keyDown(chip, { key: ' ' });
    expect(store.getState().playing).toBe(false);
    // where the keys are the field's own, nothing moves
    const owners = [
      screen.getByLabelText('Maximum attempts per run'),
      screen.getByLabelText('Playback speed'),
      screen.getByTestId('step-naive-0'),
    ];
    for (const el of owners) {
      el.focus();
      fireEvent.keyDown(el, { key: 'ArrowRight' });
      expect(text('step-counter'), el.outerHTML.slice(0, 60)).toBe('step 0 / 6');
    }
  });

  it('9: closing a dialog gives focus back to the button that opened it', async () => {
    await setup();
    const help = screen.getByTestId('btn-help');
    help.focus();
    fireEvent.click(help);
    const box = screen.getByRole('dialog');
    expect(box.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(help);

    const edit = screen.getByTestId('btn-edit');
    edit.focus();
    fireEvent.click(edit);
    await screen.findByLabelText('Scenario document (JSON)', undefined, { timeout: 5000 });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(edit);
  });

  it('4: Escape in the editor asks "Discard your changes?" when the draft differs, and closes at once when it does not', async () => {
    const { store } = await setup();
    const edit = screen.getByTestId('btn-edit');
    fireEvent.click(edit);
    let area = (await screen.findByLabelText('Scenario document (JSON)', undefined, { timeout: 5000 })) as HTMLTextAreaElement;
    // unchanged (the same document in other spacing counts as unchanged): Escape closes
    fireEvent.change(area, { target: { value: JSON.stringify(store.getState().doc) } });
    fireEvent.keyDown(area, { key: 'Escape' });
    expect(store.getState().editorOpen).toBe(false);

    edit.focus();
    fireEvent.click(edit);
    area = (await screen.findByLabelText('Scenario document (JSON)', undefined, { timeout: 5000 })) as HTMLTextAreaElement;
    fireEvent.change(area, { target: { value: area.value.replace('Small crash', 'My draft') } });
    fireEvent.keyDown(area, { key: 'Escape' });
    expect(store.getState().editorOpen).toBe(true);
    const ask = dialog('dialog-discard-edit') as HTMLElement;
    expect(ask.textContent).toMatch(/Discard your changes\?/);
    // Escape on the question (or "Keep editing") goes back to the draft, which is still there
    fireEvent.keyDown(ask, { key: 'Escape' });
    expect(dialog('dialog-discard-edit')).toBeNull();
    expect((screen.getByLabelText('Scenario document (JSON)') as HTMLTextAreaElement).value).toMatch(/My draft/);
    fireEvent.keyDown(screen.getByLabelText('Scenario document (JSON)'), { key: 'Escape' });
    fireEvent.click(screen.getByTestId('btn-discard-edit'));
    expect(store.getState().editorOpen).toBe(false);
    expect(store.getState().doc?.title).toBe('Small crash');
    expect(document.activeElement).toBe(edit);
  });

  it('7: "next event" names the event it jumps to and is disabled when none is left', async () => {
    await setup();
    const next = () => screen.getByTestId('btn-next-event') as HTMLButtonElement;
    expect(next().disabled).toBe(false);
    expect(next().getAttribute('aria-label')).toBe('Jump to the next event: crash (run 1, attempt 1) (step 3)');
    expect(next().title).toBe(next().getAttribute('aria-label'));
    fireEvent.click(next());
    expect(text('step-counter')).toBe('step 3 / 6');
    expect(next().getAttribute('aria-label')).toMatch(/^Jump to the next event: retry: run 1, attempt 2 \(step 4\)$/);
    fireEvent.click(next());
    fireEvent.click(next());
    expect(text('step-counter')).toBe('step 5 / 6');
    // the first duplicate was the last mark
    expect(next().disabled).toBe(true);
    expect(next().getAttribute('aria-label')).toMatch(/^No event left/);
  });

  it('6: one pluralisation rule: "after 1 row", "1 row" in the badge, "1 duplicate row"', async () => {
    const { store } = await setup();
    act(() => store.getState().setCursor(2));
    expect(text('badge-naive')).toBe('in progress · 1 row');
    act(() => store.getState().replaceDoc(smallDoc({ faults: [{ run: 1, attempt: 1, kind: 'crash', at: { afterRows: 1 } }] }), { edited: true }));
    await act(async () => {});
    expect(screen.getByTestId('fault-list').textContent).toMatch(/after 1 row(?!s)/);
    expect(screen.getByLabelText('Rows written before fault 1').getAttribute('aria-valuetext')).toBe('after 1 row');
    act(() => store.getState().toEnd());
    expect(screen.getByTestId('badge-naive').parentElement?.getAttribute('title')).toBe('1 duplicate row');
  });

  it('2: lowering attempts per run names the faults it removes; "crash here" names the fault it replaces', async () => {
    const { store } = await setup();
    await act(async () => store.getState().addFault({ run: 1, attempt: 3, kind: 'error', at: { before: 'commit' } }));
    fireEvent.change(screen.getByLabelText('Maximum attempts per run'), { target: { value: '2' } });
    expect(store.getState().doc?.faults).toHaveLength(1);
    expect(bannerText()).toBe(
      'With 2 attempts per run, this fault was removed (its attempt no longer happens): the error before the commit (run 1, attempt 3).',
    );
    // step 1 offers "after 1 row" in run 1, attempt 1, where the document's crash after 800 rows already is
    fireEvent.click(screen.getByTestId('step-naive-1'));
    fireEvent.click(screen.getByTestId('btn-error-here'));
    expect(store.getState().doc?.faults).toEqual([{ run: 1, attempt: 1, kind: 'error', at: { afterRows: 1 } }]);
    expect(bannerText()).toBe('Replaced the crash after 800 rows (run 1, attempt 1) with the error after 1 row (run 1, attempt 1): one fault per attempt.');
  });
});
