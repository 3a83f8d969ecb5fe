import { useLayoutEffect, type RefObject } from 'react';
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { compactNumber } from './laneSummary';

/** A linear scale as four numbers, so that an axis is redrawn when what it shows changes, not when a new scale object does. */
type Extent = readonly [d0: number, d1: number, r0: number, r1: number];
const extent = (s: ScaleLinear<number, number>): Extent => {
  const [d0, d1] = s.domain() as [number, number];
  const [r0, r1] = s.range() as [number, number];
  return [d0, d1, r0, r1];
};
const scale = ([d0, d1, r0, r1]: Extent) => scaleLinear().domain([d0, d1]).range([r0, r1]);

/**
 * Draws the tick axis and the rows axis into two <g> elements. The only place d3-selection touches the DOM:
 * React owns everything else, and these groups have no React children for d3 to fight over. The chart's layout (and
 * its scales) is recomputed on every step that writes rows, while the axes change only when a domain does: redrawing
 * them anyway rewrote every tick (some 180 DOM changes a step with four lanes in view).
 */
export function useAxes(
  xRef: RefObject<SVGGElement | null>,
  yRef: RefObject<SVGGElement | null>,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
): void {
  const [xd0, xd1, xr0, xr1] = extent(x);
  const [yd0, yd1, yr0, yr1] = extent(y);
  useLayoutEffect(() => {
    if (!xRef.current) return;
    const sx = scale([xd0, xd1, xr0, xr1]);
    // about one label per 70 px, integers only (a tick is a step, there is no half step)
    const xTicks = sx.ticks(Math.max(2, Math.floor((xr1 - xr0) / 70))).filter(Number.isInteger);
    select(xRef.current).call(axisBottom(sx).tickValues(xTicks).tickFormat((v) => String(v)).tickSizeOuter(0));
  }, [xRef, xd0, xd1, xr0, xr1]);
  useLayoutEffect(() => {
    if (!yRef.current) return;
    const sy = scale([yd0, yd1, yr0, yr1]);
    const yTicks = sy.ticks(4).filter(Number.isInteger);
    select(yRef.current).call(
      axisLeft(sy)
        .tickValues(yTicks)
        .tickFormat((v) => compactNumber(Number(v)))
        .tickSizeOuter(0),
    );
  }, [yRef, yd0, yd1, yr0, yr1]);
}
