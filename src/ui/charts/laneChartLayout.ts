import { max } from 'd3-array';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import type { TraceEvent } from '../../engine/trace';

/** The fields of a trace event the chart reads (tests can build them by hand). */
export type ChartEvent = Pick<
  TraceEvent,
  'tick' | 'step' | 'run' | 'attempt' | 'kind' | 'destRows' | 'txOpen' | 'counts' | 'outcome'
> & { label?: string };

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A glyph on the chart (crash ✕, error !, first duplicate). */
export interface Mark {
  tick: number;
  x: number;
  y: number;
  label: string;
}

/** The part of the step line drawn by one attempt. `slot` picks the colour variable --attempt-<slot>. */
export interface AttemptSegment {
  run: number;
  attempt: number;
  slot: 1 | 2 | 3 | 4;
  /** Dash pattern, so attempts differ by more than colour. */
  dash: string | undefined;
  d: string;
}

export interface LaneLayout {
  width: number;
  height: number;
  margin: Margin;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  /** The whole step line of destRows (used for a wide hit area and as a fallback). */
  line: string;
  truth: { y: number; d: string };
  segments: AttemptSegment[];
  crashes: Mark[];
  errors: Mark[];
  /** Vertical lines where a retry starts (a `start` event with attempt > 1). */
  retries: { tick: number; x: number; run: number; attempt: number }[];
  /** Where a transaction is open: from the first event with txOpen to the first one without. */
  txBands: { fromTick: number; toTick: number; x0: number; x1: number }[];
  firstDuplicate: Mark | null;
}

export const DEFAULT_MARGIN: Margin = { top: 10, right: 10, bottom: 22, left: 46 };

const DASHES: (string | undefined)[] = [undefined, '6 3', '2 3', '8 3 2 3'];

/** Attempt n → colour slot 1..4 (cycling), so attempt 5 reuses attempt 1's colour with the same dash. */
export function attemptSlot(attempt: number): 1 | 2 | 3 | 4 {
  const n = Math.max(1, Math.floor(attempt));
  return (((n - 1) % 4) + 1) as 1 | 2 | 3 | 4;
}

/** Contiguous runs of events belonging to the same (run, attempt). */
function groupAttempts<E extends ChartEvent>(trace: readonly E[]): E[][] {
  const groups: E[][] = [];
  for (const e of trace) {
    const last = groups[groups.length - 1];
    const head = last?.[0];
    if (last && head && head.run === e.run && head.attempt === e.attempt) last.push(e);
    else groups.push([e]);
  }
  return groups;
}

/**
 * Lays out one lane's chart: rows in `dest` over the shared timeline (ticks 0..ticks-1) against the truth.
 * Pure: returns path strings and positions; React draws them.
 */
export function laneChartLayout(
  trace: readonly ChartEvent[],
  ticks: number,
  truthRows: number,
  width: number,
  height: number,
  margin: Margin = DEFAULT_MARGIN,
  /** The step at which the engine found the lane's first duplicate (LaneResult.firstDuplicateStep). */
  firstDuplicateStep: number | null = null,
  /**
   * The most rows the axis must hold (rows reached by the cursor so far): the axis spans the truth and the past, never
   * the future, so that it does not give the final total away. Omitted: the whole trace.
   */
  rowsSoFar?: number,
): LaneLayout {
  const lastTick = Math.max(1, ticks - 1, max(trace, (e) => e.tick) ?? 0);
  const x = scaleLinear()
    .domain([0, lastTick])
    .range([margin.left, Math.max(margin.left + 1, width - margin.right)]);
  const top = Math.max(1, truthRows, rowsSoFar ?? max(trace, (e) => e.destRows) ?? 0);
  // headroom above the higher of truth and rows so the truth line never sits on the frame
  const y = scaleLinear()
    .domain([0, top * 1.1])
    .nice(4)
    .range([Math.max(margin.top + 1, height - margin.bottom), margin.top]);

  const step = line<ChartEvent>()
    .x((e) => x(e.tick))
    .y((e) => y(e.destRows))
    .curve(curveStepAfter);

  const groups = groupAttempts(trace);
  const segments: AttemptSegment[] = groups.map((g, i) => {
    // hold this attempt's last value until the next attempt's first event, so the line stays continuous
    const next = groups[i + 1]?.[0];
    const tail = g[g.length - 1] as ChartEvent;
    const pts = next ? [...g, { ...tail, tick: next.tick }] : g;
    const first = g[0] as ChartEvent;
    const slot = attemptSlot(first.attempt);
    return { run: first.run, attempt: first.attempt, slot, dash: DASHES[slot - 1], d: step(pts) ?? '' };
  });

  const mark = (e: ChartEvent, fallback: string): Mark => ({
    tick: e.tick,
    x: x(e.tick),
    y: y(e.destRows),
    label: e.label ?? fallback,
  });

  const txBands: LaneLayout['txBands'] = [];
  let openAt: number | null = null;
  for (const e of trace) {
    if (e.txOpen && openAt === null) openAt = e.tick;
    else if (!e.txOpen && openAt !== null) {
      txBands.push({ fromTick: openAt, toTick: e.tick, x0: x(openAt), x1: x(e.tick) });
      openAt = null;
    }
  }
  if (openAt !== null) {
    // still open at the lane's last event: shade up to it (a zero-width band gets a minimum width when drawn)
    const end = trace[trace.length - 1]?.tick ?? openAt;
    txBands.push({ fromTick: openAt, toTick: end, x0: x(openAt), x1: x(end) });
  }

  const dup = firstDuplicateStep === null ? null : (trace.find((e) => e.step === firstDuplicateStep) ?? null);
  const truthY = y(truthRows);
  const [x0, x1] = x.range() as [number, number];

  return {
    width,
    height,
    margin,
    x,
    y,
    line: step([...trace]) ?? '',
    truth: { y: truthY, d: `M${x0},${truthY}H${x1}` },
    segments,
    crashes: trace.filter((e) => e.kind === 'crash').map((e) => mark(e, 'crash')),
    errors: trace.filter((e) => e.kind === 'error').map((e) => mark(e, 'error')),
    retries: trace
      .filter((e) => e.kind === 'start' && e.attempt > 1)
      .map((e) => ({ tick: e.tick, x: x(e.tick), run: e.run, attempt: e.attempt })),
    txBands,
    firstDuplicate: dup ? mark(dup, 'first duplicate') : null,
  };
}
