import { useLayoutEffect, type RefObject } from 'react';
import { axisBottom, axisLeft } from 'd3-axis';
import { select } from 'd3-selection';
import type { ScaleLinear } from 'd3-scale';
import { compactNumber } from './laneSummary';

/**
 * Draws the tick axis and the rows axis into two <g> elements. The only place d3-selection touches the DOM:
 * React owns everything else, and these groups have no React children for d3 to fight over.
 */
export function useAxes(
  xRef: RefObject<SVGGElement | null>,
  yRef: RefObject<SVGGElement | null>,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
): void {
  useLayoutEffect(() => {
    if (!xRef.current || !yRef.current) return;
    const [x0, x1] = x.range() as [number, number];
    // about one label per 70 px, integers only (a tick is a step, there is no half step)
    const xTicks = x.ticks(Math.max(2, Math.floor((x1 - x0) / 70))).filter(Number.isInteger);
    select(xRef.current).call(axisBottom(x).tickValues(xTicks).tickFormat((v) => String(v)).tickSizeOuter(0));
    const yTicks = y.ticks(4).filter(Number.isInteger);
    select(yRef.current).call(
      axisLeft(y)
        .tickValues(yTicks)
        .tickFormat((v) => compactNumber(Number(v)))
        .tickSizeOuter(0),
    );
  }, [xRef, yRef, x, y]);
}
