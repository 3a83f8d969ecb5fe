import { asTick } from '../../../src/engine/positions';
// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { LaneChart } from '../../../src/ui/charts/LaneChart';
import { naiveCrashTrace, txTrace } from './fixtures';

afterEach(cleanup);

describe('LaneChart', () => {
  it('renders an accessible SVG with the step line, truth, marks, cursor and axes', () => {
    const { getByRole, container } = render(
      <LaneChart trace={naiveCrashTrace()} ticks={12} truthRows={1_000_000} cursorTick={asTick(5)} laneLabel="naive" />,
    );
    const svg = getByRole('img');
    expect(svg.getAttribute('aria-label')).toMatch(/^naive: 1,800,000 rows at the end against 1,000,000 expected; crash at tick 5; retried/);
    expect(svg.querySelector('title')?.textContent).toBe(svg.getAttribute('aria-label'));
    const q = (m: string) => container.querySelectorAll(`[data-mark="${m}"]`);
    expect(q('attempt')).toHaveLength(2);
    expect(q('truth')).toHaveLength(1);
    expect(q('crash')).toHaveLength(1);
    expect(q('crash')[0]?.firstChild?.textContent).toBe('✕');
    expect(q('crash')[0]?.querySelector('title')?.textContent).toBe('tick 5: crash');
    expect(q('cursor')).toHaveLength(1);
    // the future is not drawn: at the crash, the retry and its duplicates have not happened yet
    expect(q('retry')).toHaveLength(0);
    expect(q('first-duplicate')).toHaveLength(0);
    const clip = container.querySelector('clipPath rect');
    const cursorX = Number(/translate\(([\d.]+),/.exec(q('cursor')[0]?.getAttribute('transform') ?? '')?.[1]);
    expect(Number(clip?.getAttribute('width'))).toBe(cursorX + 2);
    expect(q('attempt')[0]?.parentElement?.getAttribute('clip-path')).toBe(`url(#${container.querySelector('clipPath')?.id})`);
    // d3-axis filled the rows axis with compact labels
    const labels = [...container.querySelectorAll('g.tick text')].map((t) => t.textContent);
    expect(labels).toContain('1M');
    expect(labels.some((t) => t?.endsWith('M') && t.includes('.'))).toBe(true);
  });

  it('draws the retry and the first duplicate once the cursor reaches them', () => {
    const { container } = render(
      <LaneChart trace={naiveCrashTrace()} ticks={12} truthRows={1_000_000} cursorTick={asTick(11)} laneLabel="naive" firstDuplicateStep={9} />,
    );
    expect(container.querySelectorAll('[data-mark="retry"]')).toHaveLength(1);
    expect(container.querySelectorAll('[data-mark="first-duplicate"]')).toHaveLength(1);
    expect(container.querySelectorAll('[data-mark="crash"]')).toHaveLength(1);
  });

  it('uses CSS variables with fallbacks for colours', () => {
    const { container } = render(
      <LaneChart trace={naiveCrashTrace()} ticks={12} truthRows={1_000_000} cursorTick={asTick(0)} laneLabel="naive" />,
    );
    const seg = container.querySelector('[data-mark="attempt"][data-attempt="2"]');
    expect(seg?.getAttribute('stroke')).toMatch(/^var\(--attempt-2, #/);
    expect(container.querySelector('[data-mark="truth"]')?.getAttribute('stroke')).toMatch(/^var\(--ok/);
  });

  it('moves the cursor with cursorTick and shades open transactions and errors', () => {
    const { container, rerender } = render(
      <LaneChart trace={txTrace()} ticks={8} truthRows={900} cursorTick={asTick(0)} laneLabel="merge" width={300} />,
    );
    const cursor = () => container.querySelector('[data-mark="cursor"]')?.getAttribute('transform');
    const before = cursor();
    rerender(<LaneChart trace={txTrace()} ticks={8} truthRows={900} cursorTick={asTick(7)} laneLabel="merge" width={300} />);
    expect(cursor()).not.toBe(before);
    expect(cursor()).toBe('translate(290,0)');
    expect(container.querySelectorAll('[data-mark="tx"]')).toHaveLength(2);
    expect(container.querySelectorAll('[data-mark="error"]')).toHaveLength(1);
  });

  it('leaves the axes alone on a step that does not change their domain (rows below the truth), redraws the rows axis when it grows', () => {
    const chart = (tick: number) => <LaneChart trace={naiveCrashTrace()} ticks={12} truthRows={1_000_000} cursorTick={asTick(tick)} laneLabel="naive" />;
    const { container, rerender } = render(chart(1));
    const axes = [...container.querySelectorAll('svg > g:not([clip-path]):not([data-mark])')];
    expect(axes.length).toBe(2);
    const changes: MutationRecord[] = [];
    const mo = new MutationObserver((list) => changes.push(...list));
    for (const g of axes) mo.observe(g, { subtree: true, childList: true, attributes: true, characterData: true });
    // ticks 2..5: 400,000 to 800,000 rows, under the truth: the layout (and its scales) is new, the domains are not
    for (const t of [2, 3, 4, 5]) rerender(chart(t));
    expect(mo.takeRecords().length + changes.length).toBe(0);
    // tick 10: 1.8M rows, over the truth: the rows axis is redrawn with the larger domain
    rerender(chart(10));
    expect(mo.takeRecords().length + changes.length).toBeGreaterThan(0);
    mo.disconnect();
  });

  it('reports the clicked tick', () => {
    const onSelectTick = vi.fn();
    const { getByRole } = render(
      <LaneChart trace={naiveCrashTrace()} ticks={12} truthRows={1_000_000} cursorTick={asTick(0)} laneLabel="naive" width={300} onSelectTick={onSelectTick} />,
    );
    const svg = getByRole('img');
    // jsdom has no layout: give the SVG its natural box
    svg.getBoundingClientRect = () => ({ left: 0, top: 0, width: 300, height: 140, right: 300, bottom: 140, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.click(svg, { clientX: 290, clientY: 50 });
    expect(onSelectTick).toHaveBeenCalledWith(11);
    fireEvent.click(svg, { clientX: 0, clientY: 50 });
    expect(onSelectTick).toHaveBeenLastCalledWith(0);
  });
});
