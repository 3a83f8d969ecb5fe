import { asTick, type Tick } from '../../engine/positions';
import { useId, useMemo, useRef, type CSSProperties, type MouseEvent } from 'react';
import type { TraceEvent } from '../../engine/trace';
import { laneChartLayout } from './laneChartLayout';
import { laneSummary } from './laneSummary';
import { useAxes } from './useAxes';
import { usePrefersReducedMotion } from './usePrefersReducedMotion';

export interface LaneChartProps {
  trace: TraceEvent[];
  /** Length of the shared timeline (ticks 0..ticks-1), the same for every lane so marks line up. */
  ticks: number;
  truthRows: number;
  /** The step of the lane's first duplicate, as the engine found it (null: none). */
  firstDuplicateStep?: number | null;
  cursorTick: Tick;
  width?: number;
  height?: number;
  laneLabel: string;
  onSelectTick?: (tick: Tick) => void;
}

// Okabe–Ito fallbacks; the theme overrides them through the CSS variables.
const ATTEMPT_FALLBACK = ['#0072B2', '#E69F00', '#56B4E9', '#CC79A7'] as const;
const C = {
  fg: 'var(--fg, #1b1b1b)',
  muted: 'var(--muted, #6b6b6b)',
  ok: 'var(--ok, #009E73)',
  dup: 'var(--dup, #D55E00)',
  err: 'var(--err, #7a7a7a)',
  crash: 'var(--crash, var(--fg, #1b1b1b))',
  tx: 'var(--tx-band, var(--muted, #6b6b6b))',
  bg: 'var(--bg, Canvas)',
};
/** A halo in the background colour keeps glyphs readable where they sit on the line. */
const halo = { stroke: C.bg, strokeWidth: 3, paintOrder: 'stroke' } as const;
const attemptColor = (slot: number): string => `var(--attempt-${slot}, ${ATTEMPT_FALLBACK[slot - 1] ?? '#0072B2'})`;

/** Rows in `dest` over the shared timeline against the truth, attempts coloured, faults and retries marked. */
export function LaneChart({
  trace,
  ticks,
  truthRows,
  cursorTick,
  width = 320,
  height = 140,
  laneLabel,
  onSelectTick,
  firstDuplicateStep = null,
}: LaneChartProps) {
  // the axis grows with the rows the cursor has reached, never ahead of them (no spoiler of the final total)
  // (only above the truth does it change the axis: below it, the layout stays the same object from step to step)
  const rowsSoFar = useMemo(() => {
    let top = 0;
    for (const e of trace) {
      if (e.tick > cursorTick) break;
      if (e.destRows > top) top = e.destRows;
    }
    return Math.max(top, truthRows);
  }, [trace, cursorTick, truthRows]);
  const layout = useMemo(
    () => laneChartLayout(trace, ticks, truthRows, width, height, undefined, firstDuplicateStep, rowsSoFar),
    [trace, ticks, truthRows, width, height, firstDuplicateStep, rowsSoFar],
  );
  const summary = useMemo(() => laneSummary(laneLabel, trace, truthRows, firstDuplicateStep), [laneLabel, trace, truthRows, firstDuplicateStep]);
  const xAxis = useRef<SVGGElement>(null);
  const yAxis = useRef<SVGGElement>(null);
  useAxes(xAxis, yAxis, layout.x, layout.y);
  const reduced = usePrefersReducedMotion();

  const { margin, x } = layout;
  const plotTop = margin.top;
  const plotBottom = height - margin.bottom;
  const [domainMin, domainMax] = x.domain() as [number, number];
  const cursorX = x(Math.min(domainMax, Math.max(domainMin, cursorTick)));
  const motion: CSSProperties = reduced ? {} : { transition: 'd 150ms ease-out, transform 150ms ease-out' };
  // Only the past is drawn: a learner stepping towards the crash should not see what the retry will do.
  // Lines are clipped at the cursor; glyphs appear once their tick is reached.
  const clipId = `past-${useId().replace(/:/g, '')}`;
  const reached = <T extends { tick: number }>(marks: T[]): T[] => marks.filter((m) => m.tick <= cursorTick);
  const firstDuplicate = layout.firstDuplicate && layout.firstDuplicate.tick <= cursorTick ? layout.firstDuplicate : null;

  const onClick = (ev: MouseEvent<SVGSVGElement>) => {
    if (!onSelectTick) return;
    const box = ev.currentTarget.getBoundingClientRect();
    // the SVG may be scaled down by CSS (max-width: 100%): convert client pixels to viewBox units
    const px = box.width > 0 ? ((ev.clientX - box.left) * width) / box.width : 0;
    const tick = Math.round(x.invert(px));
    onSelectTick(asTick(Math.min(Math.max(0, ticks - 1), Math.max(0, tick))));
  };

  return (
    <svg
      role="img"
      aria-label={summary}
      data-testid={`lane-chart-${laneLabel}`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      style={{ maxWidth: '100%', height: 'auto', cursor: onSelectTick ? 'pointer' : undefined, overflow: 'visible' }}
      onClick={onClick}
    >
      <title>{summary}</title>
      <defs>
        <clipPath id={clipId}>
          {/* +2: the step's own rise sits at the cursor and should show whole */}
          <rect x={0} y={0} width={Math.max(0, cursorX + 2)} height={height} style={reduced ? undefined : { transition: 'width 150ms ease-out' }} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>
      {layout.txBands.map((b) => (
        <rect
          key={`tx-${b.fromTick}`}
          data-mark="tx"
          x={b.x0}
          y={plotTop}
          width={Math.max(2, b.x1 - b.x0)}
          height={plotBottom - plotTop}
          fill={C.tx}
          fillOpacity={0.14}
        />
      ))}
      </g>
      <g ref={xAxis} transform={`translate(0,${plotBottom})`} style={{ color: C.muted, fontSize: 11 }} />
      <g ref={yAxis} transform={`translate(${margin.left},0)`} style={{ color: C.muted, fontSize: 11 }} />
      <path data-mark="truth" d={layout.truth.d} stroke={C.ok} strokeWidth={1.5} strokeDasharray="5 4" fill="none" />
      <text x={x.range()[1]} y={layout.truth.y - 4} textAnchor="end" fontSize={11} fill={C.ok} {...halo}>
        truth
      </text>
      {reached(layout.retries).map((r) => (
        <g key={`retry-${r.tick}`} data-mark="retry">
          <line x1={r.x} x2={r.x} y1={plotTop} y2={plotBottom} stroke={C.muted} strokeDasharray="2 3" />
          <text x={r.x + 3} y={plotTop + 10} fontSize={10} fill={C.muted}>
            {`r${r.run} a${r.attempt}`}
          </text>
        </g>
      ))}
      <g clipPath={`url(#${clipId})`}>
      {layout.segments.map((s) => (
        <path
          key={`seg-${s.run}-${s.attempt}`}
          data-mark="attempt"
          data-attempt={s.attempt}
          d={s.d}
          fill="none"
          stroke={attemptColor(s.slot)}
          strokeWidth={2.25}
          strokeDasharray={s.dash}
          strokeLinejoin="round"
          style={motion}
        />
      ))}
      </g>
      {firstDuplicate && (
        <g data-mark="first-duplicate">
          <circle cx={firstDuplicate.x} cy={firstDuplicate.y} r={5} fill="none" stroke={C.dup} strokeWidth={2} />
          <text x={firstDuplicate.x + 7} y={firstDuplicate.y - 6} fontSize={11} fontWeight={600} fill={C.dup} {...halo}>
            dup
          </text>
        </g>
      )}
      {reached(layout.crashes).map((m) => (
        <text key={`crash-${m.tick}`} data-mark="crash" x={m.x} y={m.y} dy="0.35em" textAnchor="middle" fontSize={15} fontWeight={700} fill={C.crash} {...halo}>
          ✕<title>{`tick ${m.tick}: ${m.label}`}</title>
        </text>
      ))}
      {reached(layout.errors).map((m) => (
        <text key={`err-${m.tick}`} data-mark="error" x={m.x} y={m.y} dy="0.35em" textAnchor="middle" fontSize={15} fontWeight={700} fill={C.err} {...halo}>
          !<title>{`tick ${m.tick}: ${m.label}`}</title>
        </text>
      ))}
      <line
        data-mark="cursor"
        x1={0}
        x2={0}
        y1={plotTop}
        y2={plotBottom}
        transform={`translate(${cursorX},0)`}
        stroke={C.fg}
        strokeWidth={1.5}
        style={motion}
      />
    </svg>
  );
}

export default LaneChart;
