import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { cellNumbers, type HeatmapCell, type HeatmapLayout, type HeatmapRow } from '../charts/heatmapLayout';

/** Above this many rows only those near the visible part are drawn (depth 2 can give thousands of schedules). */
const WINDOW_ABOVE_ROWS = 160;
const OVERSCAN_PX = 600;

export interface CellRef {
  row: number;
  col: number;
}

interface Props {
  layout: HeatmapLayout;
  /** The active cell: the grid's one tab stop. */
  active: CellRef;
  onActivate(cell: CellRef): void;
  /** The cell under the pointer, framed. */
  hover: CellRef | null;
  /** The pointer is over a cell (null: it left the grid). */
  onHover(cell: CellRef | null): void;
  onOpen(cell: HeatmapCell): void;
}

/** A cell described for assistive technology and the native tooltip. */
export const cellDescription = (layout: HeatmapLayout, c: HeatmapCell): string => {
  const row = layout.rows[c.row] as HeatmapRow;
  const group = layout.groups[row.group]?.label ?? '';
  const counter = c.counterexample ? ' — this lane’s counterexample' : '';
  return `${c.lane}, ${row.faults.length === 0 ? 'no fault' : `${group}: ${row.label}`} — ${cellNumbers(c.result)}${counter}`;
};

/** Rows in view (all of them for a small map, or while the viewport is unknown). */
function visibleRows(layout: HeatmapLayout, top: number, height: number, active: number): Set<number> {
  const all = layout.rows.length;
  if (all <= WINDOW_ABOVE_ROWS) return new Set(layout.rows.map((r) => r.index));
  const from = top - OVERSCAN_PX;
  const to = top + (height > 0 ? height : 1200) + OVERSCAN_PX;
  const out = new Set<number>([active]);
  for (const r of layout.rows) if (r.y + layout.sizes.cellH >= from && r.y <= to) out.add(r.index);
  return out;
}

/**
 * The explorer's heat map: a sticky per-lane summary above a grid of schedules × lanes. The grid is one tab stop;
 * arrow keys (Home/End, Page Up/Down) move between cells, Enter or a click opens one.
 */
export function ExploreHeatmap({ layout, active, hover, onActivate, onHover, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const grid = useRef<SVGSVGElement>(null);
  const [view, setView] = useState({ top: 0, height: 0 });
  const focusNext = useRef(false);
  const cols = layout.columns.length;
  const { sizes } = layout;
  const header = sizes.headerH;
  // the summary's two lines, at the bottom of the header
  const lineA = header - sizes.fontSize * 2.1;
  const lineB = header - sizes.fontSize * 0.7;

  // measured after layout (the observer's first call, and scrolling), never forcing one in the middle of a render
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ top: Math.max(0, el.scrollTop - header), height: el.clientHeight });
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    ro?.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      ro?.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, [header]);

  // keyboard moves focus to the new active cell once it is rendered
  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    grid.current?.querySelector<SVGGElement>(`[data-cell="${active.row}:${active.col}"]`)?.focus();
  }, [active]);

  const shown = useMemo(() => visibleRows(layout, view.top, view.height, active.row), [layout, view, active.row]);

  const onKeyDown = (ev: KeyboardEvent<SVGSVGElement>) => {
    const rows = layout.rows.length;
    const page = Math.max(1, Math.floor((view.height || 600) / sizes.cellH) - 2);
    const moves: Record<string, CellRef> = {
      ArrowUp: { row: active.row - 1, col: active.col },
      ArrowDown: { row: active.row + 1, col: active.col },
      ArrowLeft: { row: active.row, col: active.col - 1 },
      ArrowRight: { row: active.row, col: active.col + 1 },
      PageUp: { row: active.row - page, col: active.col },
      PageDown: { row: active.row + page, col: active.col },
      Home: ev.ctrlKey ? { row: 0, col: 0 } : { row: active.row, col: 0 },
      End: ev.ctrlKey ? { row: rows - 1, col: cols - 1 } : { row: active.row, col: cols - 1 },
    };
    const to = moves[ev.key];
    if (to) {
      focusNext.current = true;
      onActivate({ row: Math.max(0, Math.min(rows - 1, to.row)), col: Math.max(0, Math.min(cols - 1, to.col)) });
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      const cell = layout.cells[active.row * cols + active.col];
      if (cell) onOpen(cell);
    } else return;
    // the page's own shortcuts (←/→ step the playground, Space plays) stay out of the grid
    ev.preventDefault();
    ev.stopPropagation();
  };

  return (
    <div className="explore-heatmap" ref={scroller} data-testid="explore-heatmap">
      <svg
        className="explore-heatmap__header"
        width={layout.width}
        height={header}
        viewBox={`0 0 ${layout.width} ${header}`}
        aria-hidden="true"
        style={{ fontSize: sizes.fontSize }}
      >
        <text className="explore-heatmap__corner" x={8} y={lineA}>lanes →</text>
        <text className="explore-heatmap__corner" x={8} y={lineB}>fault moments ↓</text>
        {layout.columns.map((c) => (
          <g key={c.lane} className="explore-heatmap__column" data-testid={`explore-summary-${c.lane}`} transform={`translate(${c.x + c.width / 2},0)`}>
            {c.nameLines.map((line, i) => (
              <text key={i} className="explore-heatmap__lane" y={sizes.fontSize * 1.3 * (i + 1)} textAnchor="middle">{line}</text>
            ))}
            <text className="explore-heatmap__holds" y={lineA} textAnchor="middle">{c.holdsText}</text>
            <text className={`explore-heatmap__first${c.counterexample ? ' explore-heatmap__first--broken' : ''}`} y={lineB} textAnchor="middle">{c.firstBreakText}</text>
          </g>
        ))}
      </svg>
      <svg
        ref={grid}
        className="explore-heatmap__grid"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="grid"
        aria-label="Verdict of every lane under every fault schedule (arrow keys to move, Enter to open in the playground)"
        aria-rowcount={layout.rows.length}
        aria-colcount={cols}
        onKeyDown={onKeyDown}
        onMouseLeave={() => onHover(null)}
        style={{ fontSize: sizes.fontSize }}
      >
        {layout.groups.map((g) => (
          <g key={g.key} className="explore-heatmap__group" aria-hidden="true">
            <line x1={0} x2={layout.width} y1={g.y + 0.5} y2={g.y + 0.5} />
            <text x={6} y={g.y + sizes.groupHeadH * 0.7}>{g.label}</text>
          </g>
        ))}
        {layout.rows.map((r) =>
          shown.has(r.index) ? (
            <HeatmapRowView key={r.id} layout={layout} row={r} activeCol={active.row === r.index ? active.col : -1} onActivate={onActivate} onHover={onHover} onOpen={onOpen} />
          ) : null,
        )}
        {/* drawn last: on top of the cells */}
        <Ring layout={layout} cell={active} className="explore-heatmap__ring" />
        {hover && <Ring layout={layout} cell={hover} className="explore-heatmap__ring explore-heatmap__ring--hover" />}
      </svg>
    </div>
  );
}

interface RowProps {
  layout: HeatmapLayout;
  row: HeatmapRow;
  /** The active cell's column when it is in this row, else -1. */
  activeCol: number;
  onActivate(cell: CellRef): void;
  onHover(cell: CellRef | null): void;
  onOpen(cell: HeatmapCell): void;
}

/** A frame around a cell, drawn once (not one per cell): the keyboard's cell or the hovered one. */
function Ring({ layout, cell, className }: { layout: HeatmapLayout; cell: CellRef; className: string }) {
  const c = layout.cells[cell.row * layout.columns.length + cell.col];
  if (!c) return null;
  return <rect className={className} x={c.x - 2} y={c.y - 1} width={c.w + 4} height={c.h + 4} rx={6} aria-hidden="true" />;
}

/** One schedule: its label and a cell per lane; memoised so that moving the active cell redraws two rows. */
const HeatmapRowView = memo(function HeatmapRowView({ layout, row, activeCol, onActivate, onHover, onOpen }: RowProps) {
  const { sizes } = layout;
  const cols = layout.columns.length;
  const cells = layout.cells.slice(row.index * cols, row.index * cols + cols);
  const midY = row.y + sizes.cellH / 2;
  return (
    <g role="row" aria-rowindex={row.index + 1} className="explore-heatmap__row">
      <text className="explore-heatmap__id" x={8} y={midY} dominantBaseline="central" aria-hidden="true">{row.id}</text>
      <text role="rowheader" className="explore-heatmap__label" x={sizes.labelW - 10} y={midY} textAnchor="end" dominantBaseline="central">
        <title>{`${row.id}: ${row.title}`}</title>
        {row.label}
      </text>
      {cells.map((c) => (
        <g
          key={c.key}
          role="gridcell"
          aria-colindex={c.col + 1}
          aria-label={cellDescription(layout, c)}
          aria-selected={c.col === activeCol}
          tabIndex={c.col === activeCol ? 0 : -1}
          data-cell={`${c.row}:${c.col}`}
          data-testid={`cell-${c.schedule}-${c.lane}`}
          data-verdict={c.verdict}
          className={`explore-heatmap__cell explore-heatmap__cell--verdict-${c.verdict}${c.counterexample ? ' explore-heatmap__cell--counterexample' : ''}`}
          onClick={() => {
            onActivate({ row: c.row, col: c.col });
            onOpen(c);
          }}
          onFocus={() => onActivate({ row: c.row, col: c.col })}
          onMouseEnter={() => onHover({ row: c.row, col: c.col })}
        >
          <rect className="explore-heatmap__fill" x={c.x} y={c.y + 1} width={c.w} height={c.h} rx={4} />
          <text className="explore-heatmap__symbol" x={c.x + c.w / 2} y={midY} textAnchor="middle" dominantBaseline="central">{c.text}</text>
          {c.counterexample && (
            <text className="explore-heatmap__star" x={c.x + c.w - 4} y={c.y + 3} textAnchor="end" dominantBaseline="hanging">★</text>
          )}
        </g>
      ))}
    </g>
  );
});
