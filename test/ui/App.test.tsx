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

/** Generous: a busy machine loads the lazily imported validator slowly. */
const WAIT = { timeout: 5000 };

// Monaco cannot run in jsdom: the scenario editor gets a textarea with the same contract
vi.mock('../../src/ui/editor/CodeEditor', () => ({
  default: (p: { value: string; onChange: (v: string) => void; ariaLabel?: string }) => (
    <textarea aria-label={p.ariaLabel} value={p.value} onChange={(e) => p.onChange(e.target.value)} />
  ),
}));

const ev = traceEvent;

function lane(id: string, dup: number): LaneResult {
  const trace = [
    ev({ lane: id, kind: 'start', step: 0, tick: 0, label: 'run 1 · attempt 1' }),
    ev({ lane: id, kind: 'write', step: 1, tick: 1, rows: 800, file: 'f1', label: `${id} write rows; 800 written this attempt`, sql: ['INSERT INTO dest SELECT * FROM batch'], destRows: 800, written: 800, offers: [{ at: { afterRows: 800 }, rows: { from: 1, to: 800 }, label: 'after 800 rows' }], counts: { rows: 800, duplicates: 0, lost: 200, stale: 0 } }),
    ev({ lane: id, kind: 'crash', step: 2, tick: 2, error: 'crash at afterRows 800', label: 'The process dies', destRows: 800 }),
    ev({ lane: id, kind: 'start', step: 3, tick: 3, attempt: 2, label: 'run 1 · attempt 2', destRows: 800 }),
    ev({ lane: id, kind: 'write', step: 4, tick: 4, attempt: 2, rows: 1000, file: 'f1', label: 'write all', destRows: 800 + 1000 - (800 - dup), counts: { rows: 1000 + dup, duplicates: dup, lost: 0, stale: 0 } }),
    ev({ lane: id, kind: 'end', step: 5, tick: 5, attempt: 2, label: 'attempt 2 succeeded', outcome: 'ok', destRows: 1000 + dup }),
  ];
  return {
    id, pattern: id, summary: `${id} summary`, metaTable: null, trace, firstDuplicateStep: dup ? 4 : null,
    metrics: { rows: 1000 + dup, duplicates: dup, lost: 0, stale: 0, error: null, errorClass: null, verdict: dup ? 'duplicates' : 'exactly-once', problems: dup ? ['duplicates'] : [], attempts: [] },
  };
}

const result: SimResult = {
  scenarioId: 'small', lanes: [lane('naive', 800), lane('merge', 0)], segments: [], ticks: 6, truthKeys: [1000],
  deliveredRows: 1000, runRows: [1000], maxAttempts: 3, elapsedMs: 1,
};

function setup() {
  const engine: EngineClient & { loaded: unknown[] } = {
    loaded: [],
    async load(doc) {
      engine.loaded.push(doc);
      return { ok: true, result };
    },
    async query() {
      return { ok: true, columns: ['n'], rows: [[1]], error: null, ms: 1 };
    },
    cancel() {},
  };
  const catalog = catalogFrom({ 'a.json': { default: smallDoc() } });
  const store = createAppStore({ engine, catalog }, memoryStorage());
  render(
    <StoreContext.Provider value={store}>
      <App catalog={catalog} />
    </StoreContext.Provider>,
  );
  return { store, engine };
}

const text = (id: string) => screen.getByTestId(id).textContent;

describe('App', () => {
  afterEach(cleanup);

  it('steps through the trace with the transport and shows verdicts', async () => {
    const { store } = setup();
    await act(async () => store.getState().openScenario('small'));
    expect(text('step-counter')).toBe('step 0 / 6');
    expect(screen.getByTestId('lane-naive')).toBeTruthy();
    fireEvent.click(screen.getByTestId('btn-step'));
    fireEvent.click(screen.getByTestId('btn-step'));
    expect(text('step-counter')).toBe('step 2 / 6');
    expect(text('rows-naive')).toBe('800');
    expect(screen.getAllByText('INSERT INTO dest SELECT * FROM batch')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('btn-end'));
    expect(text('badge-naive')).toBe('dup 800');
    expect(text('badge-merge')).toBe('exactly-once');
    expect(text('rows-naive')).toBe('1,800');
    fireEvent.click(screen.getByTestId('btn-reset'));
    expect(text('step-counter')).toBe('step 0 / 6');
    fireEvent.click(screen.getByTestId('btn-next-event'));
    expect(text('step-counter')).toBe('step 3 / 6');
    expect(screen.getByTestId('narration').textContent).toMatch(/Step 3: naive, merge — The process dies/);
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(text('step-counter')).toBe('step 4 / 6');
    fireEvent.keyDown(window, { key: 'Home' });
    expect(text('step-counter')).toBe('step 0 / 6');
  });

  it('injects a fault at a clicked step and re-runs', async () => {
    const { store, engine } = setup();
    await act(async () => store.getState().openScenario('small'));
    fireEvent.click(screen.getByTestId('step-naive-1'));
    expect(text('step-counter')).toBe('step 2 / 6');
    await act(async () => fireEvent.click(screen.getByTestId('btn-error-here')));
    expect(engine.loaded).toHaveLength(2);
    const faults = store.getState().doc?.faults;
    expect(faults).toEqual([{ run: 1, attempt: 1, kind: 'error', at: { afterRows: 800 } }]);
    expect(screen.getByTestId('fault-list').textContent).toMatch(/after 800 rows/);
    await act(async () => fireEvent.click(screen.getByTestId('btn-remove-fault-0')));
    expect(store.getState().doc?.faults).toEqual([]);
  });

  it('shows and dismisses the error banner; toggles theme and presenter', async () => {
    const { store } = setup();
    await act(async () => store.getState().openScenario('small'));
    act(() => store.getState().showBanner({ kind: 'error', text: 'This share link cannot be opened: bad base64.' }));
    expect(text('banner-error')).toMatch(/bad base64/);
    fireEvent.click(screen.getByLabelText('Dismiss the message'));
    expect(screen.queryByTestId('banner-error')).toBeNull();
    fireEvent.click(screen.getByTestId('btn-theme'));
    expect(store.getState().theme).toBe('light');
    expect(document.documentElement.getAttribute('data-theme')).toBe('light');
    fireEvent.click(screen.getByTestId('btn-presenter'));
    expect(store.getState().presenter).toBe(true);
    expect(screen.queryByText('The story with')).toBeNull();
  });

  it('gives each step list one tab stop and moves through it with the arrow keys', async () => {
    const { store } = setup();
    await act(async () => store.getState().openScenario('small'));
    const tabbable = () => [...document.querySelectorAll('[data-testid^="step-naive-"]')].filter((b) => b.getAttribute('tabindex') === '0').map((b) => b.getAttribute('data-testid'));
    expect(tabbable()).toEqual(['step-naive-0']);
    const first = screen.getByTestId('step-naive-0');
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByTestId('step-naive-2'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(screen.getByTestId('step-naive-1'));
    fireEvent.click(document.activeElement as Element);
    expect(store.getState().cursor).toBe(2);
    expect(tabbable()).toEqual(['step-naive-1']);
  });

  it('after a cancel, offers to run the scenario again', async () => {
    const { store, engine } = setup();
    // cancelled while running: the answer that comes back is dropped
    await act(async () => {
      store.getState().openScenario('small');
      store.getState().cancelSimulation();
    });
    expect(store.getState().status).toBe('cancelled');
    expect(screen.queryByTestId('lane-naive')).toBeNull();
    const loads = engine.loaded.length;
    await act(async () => fireEvent.click(screen.getByTestId('btn-run-again')));
    expect(engine.loaded.length).toBe(loads + 1);
    expect(screen.getByTestId('lane-naive')).toBeTruthy();
  });

  /** Opens `small` and edits it (removes its fault). */
  async function editedSmall() {
    const t = setup();
    await act(async () => t.store.getState().openScenario('small'));
    await act(async () => t.store.getState().removeFault(0));
    expect(t.store.getState().edited).toBe(true);
    return t;
  }
  const theirsFile = (doc = smallDoc({ id: 'theirs', title: 'Theirs' }), name = 'theirs.json') =>
    new File([JSON.stringify(doc)], name, { type: 'application/json' });
  const importFile = async (file: File) => {
    await act(async () => {
      fireEvent.change(screen.getByTestId('input-import'), { target: { files: [file] } });
    });
  };
  const dialog = () => screen.queryByTestId('dialog-replace');

  it('importing over edited work asks in the dialog; "Keep my work" keeps it, the other answer replaces it', async () => {
    const confirm = vi.spyOn(window, 'confirm');
    const { store } = await editedSmall();
    const mine = store.getState().doc;
    await importFile(theirsFile());
    await vi.waitFor(() => expect(dialog()).toBeTruthy(), WAIT);
    expect(dialog()?.getAttribute('role')).toBe('dialog');
    expect(dialog()?.textContent).toMatch(/theirs\.json holds Theirs/);
    fireEvent.click(screen.getByTestId('btn-keep-work'));
    expect(dialog()).toBeNull();
    expect(store.getState().doc).toBe(mine);
    await importFile(theirsFile());
    await vi.waitFor(() => expect(dialog()).toBeTruthy(), WAIT);
    await act(async () => fireEvent.click(screen.getByTestId('btn-confirm-replace')));
    expect(store.getState().doc?.title).toBe('Theirs');
    expect(dialog()).toBeNull();
    expect(confirm).not.toHaveBeenCalled();
    confirm.mockRestore();
  });

  it('importing over unedited work replaces it without asking', async () => {
    const { store } = setup();
    await act(async () => store.getState().openScenario('small'));
    await importFile(theirsFile());
    await vi.waitFor(() => expect(store.getState().doc?.title).toBe('Theirs'), WAIT);
    expect(dialog()).toBeNull();
  });

  it('an invalid import is refused with its errors in the banner; the work is kept and nothing is asked', async () => {
    const { store } = await editedSmall();
    const mine = store.getState().doc;
    await importFile(theirsFile(smallDoc({ runs: [{ input: ['nope'] }] }), 'broken.json'));
    await vi.waitFor(() => expect(screen.queryByTestId('banner-error')).toBeTruthy(), WAIT);
    expect(text('banner-error')).toMatch(/broken\.json.*not a valid scenario.*kept/s);
    expect(text('banner-error')).toMatch(/runs\[0\]\.input\[0\]/);
    expect(dialog()).toBeNull();
    expect(store.getState().doc).toBe(mine);
  });

  it('the picker asks in the dialog over edited work, and opens at once otherwise', async () => {
    const { store } = await editedSmall();
    await act(async () => store.getState().requestReplace({ source: 'picker', catalogId: 'small' }));
    // picking a catalogue entry: the same dialog, answered with "Keep my work"
    expect(dialog()?.textContent).toMatch(/Opening Small crash replaces your edits/);
    fireEvent.click(screen.getByTestId('btn-keep-work'));
    expect(store.getState().edited).toBe(true);
    await act(async () => {
      fireEvent.change(screen.getByTestId('scenario-picker'), { target: { value: 'small' } });
    });
    await vi.waitFor(() => expect(dialog()).toBeTruthy(), WAIT);
    await act(async () => fireEvent.click(screen.getByTestId('btn-confirm-replace')));
    expect(store.getState()).toMatchObject({ edited: false, baseId: 'small' });
    // not edited: no question
    await act(async () => {
      fireEvent.change(screen.getByTestId('scenario-picker'), { target: { value: 'small' } });
    });
    expect(dialog()).toBeNull();
  });

  it('a shared scenario over edited work asks in the dialog (Escape keeps the work)', async () => {
    const { store } = await editedSmall();
    const mine = store.getState().doc;
    await act(async () => store.getState().requestReplace({ source: 'share', doc: smallDoc({ title: 'Shared' }) }));
    expect(dialog()?.textContent).toMatch(/The link opens Shared/);
    fireEvent.keyDown(dialog() as HTMLElement, { key: 'Escape' });
    expect(dialog()).toBeNull();
    expect(store.getState().doc).toBe(mine);
    await act(async () => store.getState().requestReplace({ source: 'share', doc: smallDoc({ title: 'Shared' }) }));
    await act(async () => fireEvent.click(screen.getByTestId('btn-confirm-replace')));
    expect(store.getState().doc?.title).toBe('Shared');
  });

  it('the editor applies its text through the store: another scenario over edited work asks, errors stay in the editor', async () => {
    const { store } = await editedSmall();
    fireEvent.click(screen.getByTestId('btn-edit'));
    const area = (await screen.findByLabelText('Scenario document (JSON)', undefined, WAIT)) as HTMLTextAreaElement;
    // invalid text: the editor lists the errors, nothing is asked or replaced
    fireEvent.change(area, { target: { value: JSON.stringify(smallDoc({ runs: [{ input: ['nope'] }] })) } });
    await vi.waitFor(() => expect(screen.getByTestId('scenario-errors').textContent).toMatch(/runs\[0\]\.input\[0\]/), WAIT);
    expect((screen.getByTestId('btn-apply-edit') as HTMLButtonElement).disabled).toBe(true);
    // another scenario: the store asks; keeping the work leaves the editor open with its text
    fireEvent.change(area, { target: { value: JSON.stringify(smallDoc({ id: 'theirs', title: 'Theirs' })) } });
    await vi.waitFor(() => expect((screen.getByTestId('btn-apply-edit') as HTMLButtonElement).disabled).toBe(false), WAIT);
    await act(async () => fireEvent.click(screen.getByTestId('btn-apply-edit')));
    expect(dialog()?.textContent).toMatch(/another scenario, Theirs/);
    fireEvent.click(screen.getByTestId('btn-keep-work'));
    expect(screen.getByTestId('scenario-editor')).toBeTruthy();
    expect(store.getState().doc?.title).toBe('Small crash');
    await act(async () => fireEvent.click(screen.getByTestId('btn-apply-edit')));
    await act(async () => fireEvent.click(screen.getByTestId('btn-confirm-replace')));
    expect(store.getState().doc?.title).toBe('Theirs');
    expect(screen.queryByTestId('scenario-editor')).toBeNull();
  }, 20_000);

  it('the editor applies edits of the same scenario without asking', async () => {
    const { store } = await editedSmall();
    fireEvent.click(screen.getByTestId('btn-edit'));
    const area = (await screen.findByLabelText('Scenario document (JSON)', undefined, WAIT)) as HTMLTextAreaElement;
    fireEvent.change(area, { target: { value: JSON.stringify({ ...store.getState().doc, title: 'Tweaked' }) } });
    await vi.waitFor(() => expect((screen.getByTestId('btn-apply-edit') as HTMLButtonElement).disabled).toBe(false), WAIT);
    await act(async () => fireEvent.click(screen.getByTestId('btn-apply-edit')));
    expect(dialog()).toBeNull();
    expect(store.getState()).toMatchObject({ editorOpen: false, baseId: 'small', doc: { title: 'Tweaked' } });
  });

  it('shows the resolved attempts: a document without retry offers the default, faults their attempt', async () => {
    const { store } = setup();
    await act(async () => store.getState().replaceDoc(smallDoc({ faults: [{ run: 1, kind: 'crash', at: { afterRows: 5 } }] }), { edited: true }));
    expect((screen.getByLabelText('Maximum attempts per run') as HTMLInputElement).value).toBe('3');
    const attempt = screen.getByLabelText('Attempt of fault 1') as HTMLSelectElement;
    expect(attempt.value).toBe('1');
    expect(attempt.options).toHaveLength(3);
  });

  it('renders the story Markdown without HTML injection', async () => {
    const { store } = setup();
    await act(async () => store.getState().replaceDoc(smallDoc({ story: 'Hi **bold** and `code` <img src=x onerror=alert(1)>\n\n- one\n- two' }), { edited: true }));
    expect(document.querySelector('.markdown strong')?.textContent).toBe('bold');
    expect(document.querySelector('.markdown img')).toBeNull();
    expect(document.querySelectorAll('.markdown li')).toHaveLength(2);
  });
});
