// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseLink } from '../../src/share/links';
import { browserStorage, WORKSPACE_KEY } from '../../src/share/storage';
import { boot } from '../../src/state/boot';
import { catalogFrom } from '../../src/state/catalog';
import { createAppStore } from '../../src/state/store';
import { App } from '../../src/ui/App';
import { StoreContext } from '../../src/ui/components/storeContext';
import type { EngineClient } from '../../src/worker/client';
import type { SimResult } from '../../src/worker/types';
import { smallDoc } from '../state/helpers';

/* What the user sees of the saved workspace: an unreadable save, a full storage, another tab's save. */

vi.mock('../../src/ui/editor/CodeEditor', () => ({
  default: (p: { value: string; onChange: (v: string) => void; ariaLabel?: string }) => (
    <textarea aria-label={p.ariaLabel} value={p.value} onChange={(e) => p.onChange(e.target.value)} />
  ),
}));

const result: SimResult = { scenarioId: 'small', lanes: [], segments: [], ticks: 6, truthKeys: [1000], deliveredRows: 1000, runRows: [1000], maxAttempts: 3, elapsedMs: 1 };
const engine: EngineClient = {
  load: async () => ({ ok: true, result }),
  query: async () => ({ ok: true, columns: [], rows: [], error: null, ms: 1 }),
  cancel: () => {},
};
const catalog = catalogFrom({ 'a.json': { default: smallDoc() } });

/** The page as main.tsx builds it, on whatever localStorage holds. */
async function page() {
  const store = createAppStore({ engine, catalog }, browserStorage(), { tabs: window });
  render(
    <StoreContext.Provider value={store}>
      <App catalog={catalog} />
    </StoreContext.Provider>,
  );
  await act(() => boot(store, parseLink('http://x/'), catalog));
  await waitFor(() => expect(document.querySelector('[data-sim-status="done"]')).not.toBeNull());
  return store;
}

beforeEach(() => window.localStorage.clear());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('saved work in the page', () => {
  it('a corrupted save does not blank the page: the banner lists why and exports the unreadable copy', async () => {
    const raw = JSON.stringify({ state: { doc: { ...smallDoc(), files: undefined, faults: 'x' }, edited: true, status: 'x' }, version: 1 });
    window.localStorage.setItem(WORKSPACE_KEY, raw);
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => (blobs.push(b), 'blob:unreadable'));
    Object.assign(URL, { createObjectURL, revokeObjectURL: () => {} });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('runtwice-unreadable-workspace.json');
    });
    await page();
    expect(screen.getByTestId('scenario-picker')).toBeTruthy();
    const banner = screen.getByTestId('banner-error');
    expect(banner.textContent).toMatch(/Your saved work could not be read, so the default scenario opened/);
    expect(banner.textContent).toMatch(/state\.doc\.files: /);
    fireEvent.click(screen.getByTestId('btn-banner-download'));
    expect(clicked).toHaveBeenCalledTimes(1);
    expect(await blobs[0]?.text()).toBe(raw);
  });

  it('a full storage: the banner says the work could not be saved, and the page keeps working', async () => {
    const store = await page();
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await act(async () => store.getState().removeFault(0));
    expect(screen.getByTestId('banner-error').textContent).toMatch(/^Your work could not be saved: the browser’s storage is full\./);
    await waitFor(() => expect(document.querySelector('[data-sim-status="done"]')).not.toBeNull());
    fireEvent.click(screen.getByTestId('btn-step'));
    expect(screen.getByTestId('step-counter').textContent).toMatch(/step 1 \/ 6/);
  });

  it('another tab saves another scenario: the dialog asks, "Keep mine" keeps this tab\'s work', async () => {
    const store = await page();
    await act(async () => store.getState().removeFault(0));
    const theirs = JSON.stringify({ state: { doc: smallDoc({ id: 'theirs', title: 'Theirs' }), edited: true, baseId: null, cursor: 0 }, version: 1 });
    window.localStorage.setItem(WORKSPACE_KEY, theirs);
    act(() => void window.dispatchEvent(new StorageEvent('storage', { key: WORKSPACE_KEY, newValue: theirs })));
    const dialog = await screen.findByTestId('dialog-replace');
    expect(dialog.textContent).toMatch(/This scenario was changed in another tab/);
    expect(dialog.textContent).toMatch(/Another RunTwice tab saved Theirs \(edited\)/);
    expect(screen.getByTestId('btn-confirm-replace').textContent).toBe('Load that version');
    fireEvent.click(screen.getByTestId('btn-keep-work'));
    expect(screen.queryByTestId('dialog-replace')).toBeNull();
    expect(store.getState().doc?.id).toBe('small');
    expect(JSON.parse(window.localStorage.getItem(WORKSPACE_KEY) ?? '{}').state.doc.id).toBe('small');
  });

  it('another tab\'s save is loaded with "Load that version"', async () => {
    const store = await page();
    const theirs = JSON.stringify({ state: { doc: smallDoc({ id: 'theirs', title: 'Theirs' }), edited: true, baseId: null, cursor: 0 }, version: 1 });
    window.localStorage.setItem(WORKSPACE_KEY, theirs);
    act(() => void window.dispatchEvent(new StorageEvent('storage', { key: WORKSPACE_KEY, newValue: theirs })));
    await screen.findByTestId('dialog-replace');
    expect(store.getState().doc?.id).toBe('small');
    await act(async () => fireEvent.click(screen.getByTestId('btn-confirm-replace')));
    expect(store.getState().doc?.id).toBe('theirs');
  });
});
