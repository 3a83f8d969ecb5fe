// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { Profiler, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultPanel } from '../../src/ui/components/FaultPanel';
import { FilesPanel } from '../../src/ui/components/FilesPanel';
import { LanesView } from '../../src/ui/components/LanesView';
import { Narration } from '../../src/ui/components/Narration';
import { SqlConsoleButton } from '../../src/ui/components/SqlConsole';
import { StoryPanel } from '../../src/ui/components/StoryPanel';
import { StoreContext } from '../../src/ui/components/storeContext';
import { Transport } from '../../src/ui/components/Transport';
import { settled, smallDoc, testStore } from '../state/helpers';

/**
 * What one step re-renders, counted with React's Profiler (commits per subtree): panels that do not change with the
 * cursor must not render at all. Budgets in milliseconds live in bench/browser.mjs, never here.
 */
describe('a step re-renders only what changes', () => {
  afterEach(cleanup);

  it('story, files, faults and a closed console button do not render on a step; the lanes, narration and transport do', async () => {
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
    expect(renders).toMatchObject({ story: 0, files: 0, 'console-button': 0 });
    // what shows the cursor renders once per step, not more
    expect(renders.lanes).toBe(steps);
    expect(renders.transport).toBe(steps);
    console.log('renders over', steps, 'steps:', JSON.stringify(renders));
  });
});
