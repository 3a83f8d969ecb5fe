// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { act, cleanup, render } from '@testing-library/react';
import { Profiler, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FaultList, FaultPanel } from '../../src/ui/components/FaultPanel';
import { FilesPanel } from '../../src/ui/components/FilesPanel';
import { LanesView } from '../../src/ui/components/LanesView';
import { Narration } from '../../src/ui/components/Narration';
import { SqlConsoleButton } from '../../src/ui/components/SqlConsole';
import { StoryPanel } from '../../src/ui/components/StoryPanel';
import { StoreContext } from '../../src/ui/components/storeContext';
import { Transport } from '../../src/ui/components/Transport';
import { NEAR_MARGIN } from '../../src/ui/components/useShownCursor';
import { settled, smallDoc, testStore } from '../state/helpers';

/**
 * What one step re-renders, counted with React's Profiler (commits per subtree): panels that do not change with the
 * cursor must not render at all. Budgets in milliseconds live in bench/browser.mjs, never here.
 */
describe('a step re-renders only what changes', () => {
  afterEach(cleanup);

  it('story, files, the fault list and a closed console button do not render on a step; the lanes, narration and transport do', async () => {
    const { store } = testStore();
    store.getState().replaceDoc(smallDoc({ lanes: ['naive', 'tracking', 'ingestor', 'ingestor-lock', 'tracking-atomic', 'merge', 'anti-join'] }), { edited: false });
    await store.getState().runSimulation();
    await settled(store);
    expect(store.getState().status).toBe('done');
    const renders: Record<string, number> = {};
    const probe = (id: string, node: ReactNode) => (
      <Profiler id={id} onRender={() => (renders[id] = (renders[id] ?? 0) + 1)}>
        {node}
      </Profiler>
    );
    render(
      <StoreContext.Provider value={store}>
        {probe('story', <StoryPanel />)}
        {probe('faults', <FaultPanel />)}
        {probe('fault-list', <FaultList />)}
        {probe('files', <FilesPanel />)}
        {probe('console-button', <SqlConsoleButton laneId="naive" />)}
        {probe('lanes', <LanesView />)}
        {probe('narration', <Narration />)}
        {probe('transport', <Transport />)}
      </StoreContext.Provider>,
    );
    for (const k of Object.keys(renders)) renders[k] = 0;
    const steps = 5;
    for (let i = 0; i < steps; i++) act(() => store.getState().setCursor(store.getState().cursor + 1));
    // the fault panel's "here" line follows the cursor (what a fault at this step would hit); its list does not
    expect(renders).toMatchObject({ story: 0, files: 0, 'console-button': 0, 'fault-list': 0 });
    expect(renders.faults).toBe(steps);
    // what shows the cursor renders once per step, not more
    expect(renders.lanes).toBe(steps);
    expect(renders.transport).toBe(steps);
    console.log('renders over', steps, 'steps:', JSON.stringify(renders));
  });
});

describe('a lane column scrolled out of the lanes view does not follow the steps', () => {
  const observers: { cb: IntersectionObserverCallback; targets: Element[]; margin: string }[] = [];
  beforeEach(() => {
    observers.length = 0;
    // jsdom has no IntersectionObserver: this one reports what the test says (the browser's own in the e2e tests)
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        private readonly rec: { cb: IntersectionObserverCallback; targets: Element[]; margin: string };
        constructor(cb: IntersectionObserverCallback, options?: IntersectionObserverInit) {
          this.rec = { cb, targets: [], margin: options?.rootMargin ?? '' };
          observers.push(this.rec);
        }
        observe(el: Element) {
          this.rec.targets.push(el);
        }
        disconnect() {}
      },
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    cleanup();
  });
  /** What the observers report for a column: in the view, near it (about one column beyond its edges) or away. */
  const scroll = (laneId: string, inView: boolean, near = inView) =>
    act(() => {
      for (const o of observers)
        for (const t of o.targets)
          if (t.getAttribute('data-testid') === `lane-${laneId}`) {
            const isIntersecting = o.margin === NEAR_MARGIN ? near : inView;
            o.cb([{ isIntersecting, target: t } as unknown as IntersectionObserverEntry], o as unknown as IntersectionObserver);
          }
    });
  const away = (laneId: string) => document.querySelector(`[data-testid="lane-${laneId}"]`)?.classList.contains('lane-column--away');
  /** naive and tracking-atomic run and shown in a lanes view. */
  const twoLanes = async () => {
    const { store } = testStore();
    store.getState().replaceDoc(smallDoc({ lanes: ['naive', 'tracking-atomic'] }), { edited: false });
    await store.getState().runSimulation();
    await settled(store);
    render(
      <StoreContext.Provider value={store}>
        <LanesView />
      </StoreContext.Provider>,
    );
    return store;
  };
  const currentStep = (laneId: string) => document.querySelector(`[data-testid="lane-${laneId}"] [aria-current="step"] button`)?.getAttribute('data-testid') ?? null;

  it('keeps the step it showed while out of view and catches up when it comes back', async () => {
    const store = await twoLanes();
    for (let i = 0; i < 3; i++) act(() => store.getState().setCursor(store.getState().cursor + 1));
    const before = currentStep('tracking-atomic');
    expect(before).not.toBeNull();
    scroll('tracking-atomic', false);
    for (let i = 0; i < 4; i++) act(() => store.getState().setCursor(store.getState().cursor + 1));
    // the lane in view followed, the one out of view did not render
    expect(currentStep('naive')).toBe('step-naive-6');
    expect(currentStep('tracking-atomic')).toBe(before);
    scroll('tracking-atomic', true);
    expect(currentStep('tracking-atomic')).not.toBe(before);
    expect(currentStep('tracking-atomic')).toMatch(/^step-tracking-atomic-\d+$/);
  });

  it('a step list below its column\'s fold keeps its step, and catches up when it is scrolled to', async () => {
    const store = await twoLanes();
    /** What the observers report for naive's step list inside its column. */
    const listSeen = (inside: boolean) =>
      act(() => {
        for (const o of observers)
          for (const t of o.targets)
            if (t.matches('[data-testid="lane-naive"] ol.step-list')) o.cb([{ isIntersecting: inside, target: t } as unknown as IntersectionObserverEntry], o as unknown as IntersectionObserver);
      });
    for (let i = 0; i < 2; i++) act(() => store.getState().setCursor(store.getState().cursor + 1));
    const before = currentStep('naive');
    expect(before).not.toBeNull();
    listSeen(false);
    for (let i = 0; i < 3; i++) act(() => store.getState().setCursor(store.getState().cursor + 1));
    // the column followed (its verdict, counts), its list kept the step it showed
    expect(document.querySelector('[data-testid="lane-naive"]')?.getAttribute('data-cursor')).toBe(String(store.getState().cursor));
    expect(currentStep('naive')).toBe(before);
    listSeen(true);
    // three steps on, as the cursor went (naive writes a step per tick here)
    const n = (id: string | null) => Number(id?.replace('step-naive-', ''));
    expect(n(currentStep('naive'))).toBe(n(before) + 3);
  });

  it('draws the chart, program and steps of a column near the view, not of one away from it, and keeps its head', async () => {
    await twoLanes();
    expect(away('tracking-atomic')).toBe(false);
    // just past the edge: frozen, still drawn (so that it shows whole when it scrolls in)
    scroll('tracking-atomic', false, true);
    expect(away('tracking-atomic')).toBe(false);
    // further: its body is not drawn (content-visibility in styles.css), its title, verdict and why stay
    scroll('tracking-atomic', false, false);
    expect(away('tracking-atomic')).toBe(true);
    expect(away('naive')).toBe(false);
    const column = document.querySelector('[data-testid="lane-tracking-atomic"]');
    expect(column?.querySelector('[data-testid="badge-tracking-atomic"]')).not.toBeNull();
    expect(column?.querySelector('[data-testid="why-tracking-atomic"]')?.textContent).toMatch(/\S/);
    scroll('tracking-atomic', true);
    expect(away('tracking-atomic')).toBe(false);
  });

  it('hides only the body of a column away from the view, and keeps its last size', () => {
    const css = readFileSync('src/ui/styles.css', 'utf8');
    const rule = /\.lane-column--away > :is\(([^)]*)\)\s*\{([^}]*)\}/.exec(css);
    expect(rule?.[1]?.split(',').map((x) => x.trim())).toEqual(['.lane-column__chart', '.lane-program', '.step-list']);
    expect(rule?.[2]).toMatch(/content-visibility:\s*hidden/);
    expect(rule?.[2]).toMatch(/contain-intrinsic-block-size:\s*auto\b/);
  });
});
