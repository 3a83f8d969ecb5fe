// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LaneChooser } from '../../src/ui/components/LaneChooser';
import { StoreContext } from '../../src/ui/components/storeContext';
import { settled, smallDoc, testStore } from '../state/helpers';

describe('the lane chooser is one line that opens the chips', () => {
  afterEach(cleanup);

  it('says how many lanes are shown, toggles a lane from its chip, and Esc closes the chips', async () => {
    const { store } = testStore();
    store.getState().replaceDoc(smallDoc(), { edited: false });
    await store.getState().runSimulation();
    await settled(store);
    render(
      <StoreContext.Provider value={store}>
        <LaneChooser />
      </StoreContext.Provider>,
    );
    const box = screen.getByTestId('lane-chooser') as HTMLDetailsElement;
    expect(box.open).toBe(false);
    expect(box.querySelector('summary')?.textContent).toBe('Lanes · 3 of 3 shown');
    box.open = true;
    act(() => {
      fireEvent.click(screen.getByTestId('chip-naive'));
    });
    expect(store.getState().laneChoice).toEqual(['tracking-atomic', 'ingestor-lock']);
    expect(box.querySelector('summary')?.textContent).toBe('Lanes · 2 of 3 shown');
    fireEvent.keyDown(screen.getByTestId('chip-tracking-atomic'), { key: 'Escape' });
    expect(box.open).toBe(false);
  });
});
