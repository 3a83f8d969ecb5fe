import { format } from 'd3-format';
import { scaleBand, type ScaleBand } from 'd3-scale';
import type { ExploreReport, ExploreResult, ExploreSchedule } from '../../engine/explore/types';
import { fmt } from '../../engine/format';
import { describeMoment } from '../../engine/moments';
import type { FaultDoc, Verdict } from '../../engine/schema';

/** A cell's verdict; `pending` when a cancelled run never played its schedule. */
export type CellVerdict = Verdict | 'pending';

/** The same symbols as the lanes' badges (never colour alone). */
export const VERDICT_SYMBOL: Record<CellVerdict, string> = {
  'exactly-once': '✓',
  duplicates: '✗',
  lost: '▽',
  stale: '~',
  error: '!',
  pending: '·',
};

/** Verdicts in words, for labels and the legend. */
export const VERDICT_WORDS: Record<CellVerdict, string> = {
  'exactly-once': 'exactly-once',
  duplicates: 'duplicates',
  lost: 'lost',
  stale: 'stale',
  error: 'error',
  pending: 'not played',
};

const KIND_SYMBOL: Record<FaultDoc['kind'], string> = { crash: '✕', error: '!' };

export interface HeatmapSizes {
  cellW: number;
  cellH: number;
  /** Width of the row labels. */
  labelW: number;
  /** Height of a group's label line (run · attempt). */
  groupHeadH: number;
  /** Space above each group but the first. */
  groupGap: number;
  /** Height of the per-lane summary above the grid. */
  headerH: number;
  fontSize: number;
}

/** Sizes at scale 1; presenter mode multiplies them (the SVG is in pixels, not rem). */
export function heatmapSizes(scale = 1): HeatmapSizes {
  const s = (n: number) => Math.round(n * scale);
  return { cellW: s(88), cellH: s(30), labelW: s(320), groupHeadH: s(28), groupGap: s(8), headerH: s(86), fontSize: s(14) };
}

export interface HeatmapColumn {
  lane: string;
  index: number;
  x: number;
  width: number;
  /** The lane id broken at hyphens into lines that fit the column. */
  nameLines: string[];
  holds: number;
  /** Schedules played in this lane. */
  played: number;
  /** "holds 12/46" */
  holdsText: string;
  counterexample: string | null;
  certificate: string | null;
  /** The second summary line: the first break's verdict and row, or the certificate's "✓ all". */
  firstBreakText: string;
}

export interface HeatmapGroup {
  key: string;
  label: string;
  /** Top of the group's label line. */
  y: number;
  firstRow: number;
  rowCount: number;
}

export interface HeatmapRow {
  /** The schedule id (`s0`: no fault, `s1`…). */
  id: string;
  index: number;
  group: number;
  y: number;
  /** Short, within its group: "✕ crash after the last write of f1". */
  label: string;
  /** In full: the schedule's own label. */
  title: string;
  faults: FaultDoc[];
}

export interface HeatmapCell {
  row: number;
  col: number;
  /** Stable and unique: `${row id}:${lane}`. */
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
  lane: string;
  schedule: string;
  result: ExploreResult | null;
  verdict: CellVerdict;
  symbol: string;
  /** What the cell shows: the symbol and the number that breaks it ("✗ 1k"). */
  text: string;
  /** This lane's counterexample (its smallest breaking schedule). */
  counterexample: boolean;
}

export interface HeatmapLayout {
  sizes: HeatmapSizes;
  width: number;
  /** Height of the grid (below the summary header). */
  height: number;
  x: ScaleBand<string>;
  columns: HeatmapColumn[];
  groups: HeatmapGroup[];
  rows: HeatmapRow[];
  /** Row-major: cells[row * columns.length + col]. */
  cells: HeatmapCell[];
}

const short = format('.3~s');
/** 1000 → "1k", 800000 → "800k", 999 → "999". */
export const compact = (n: number): string => (n < 1000 ? String(n) : short(n));

/** The number a cell shows next to its symbol. */
function cellText(r: ExploreResult | null): string {
  if (!r) return VERDICT_SYMBOL.pending;
  const sym = VERDICT_SYMBOL[r.verdict];
  switch (r.verdict) {
    case 'duplicates':
      return `${sym} ${compact(r.duplicates)}`;
    case 'lost':
      return `${sym} ${compact(r.lost)}`;
    case 'stale':
      return `${sym} ${compact(r.stale)}`;
    default:
      return sym;
  }
}

/** A fault in words: "✕ crash after the last write of f1" (an afterRows range as "after 1–799 rows"). */
export function faultWords(f: FaultDoc, range?: [number, number]): string {
  const moment = range && range[0] !== range[1] && 'afterRows' in f.at ? `after ${fmt(range[0])}–${fmt(range[1])} rows` : describeMoment(f.at);
  return `${KIND_SYMBOL[f.kind]} ${f.kind} ${moment}`;
}

/** Splits a lane id at hyphens into lines of at most `max` characters ("overwrite-", "nonatomic"). */
export function nameLines(id: string, max: number): string[] {
  const parts = id.split(/(?<=-)/);
  const lines: string[] = [];
  for (const p of parts) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] as string).length + p.length <= max) lines[last] += p;
    else lines.push(p);
  }
  return lines;
}

const groupOf = (s: ExploreSchedule): { key: string; label: string } => {
  const f = s.faults[0];
  return f ? { key: `r${f.run}a${f.attempt}`, label: `run ${f.run} · attempt ${f.attempt}` } : { key: 'none', label: 'no fault' };
};

/** A row's label within its group: the first fault, or for a pair the second one ("↳ then …"). */
function rowLabel(s: ExploreSchedule): string {
  const [first, second] = s.faults;
  if (!first) return 'no fault (for reference)';
  if (!second) return faultWords(first, s.afterRowsRange);
  const where = second.run === first.run ? `attempt ${second.attempt}` : `run ${second.run} · attempt ${second.attempt}`;
  return `↳ then ${where}: ${faultWords(second, s.afterRowsRange)}`;
}

/**
 * Lays out the explorer's heat map: rows are the schedules in the report's order (the play without faults first, then
 * run, attempt, position, kind), grouped by the run and attempt of their first fault; columns are the lanes.
 * Pure: positions and texts; React draws them.
 */
export function heatmapLayout(report: ExploreReport, sizes: HeatmapSizes = heatmapSizes(), lanes?: readonly string[]): HeatmapLayout {
  const laneIds = lanes ?? Object.keys(report.lanes);
  const x = scaleBand<string>()
    .domain(laneIds)
    .range([sizes.labelW, sizes.labelW + laneIds.length * sizes.cellW])
    .paddingInner(0.06)
    // half the inner padding outside: a column's step is exactly cellW
    .paddingOuter(0.03);
  const chars = Math.max(6, Math.floor((x.bandwidth() - 8) / (sizes.fontSize * 0.62)));

  const schedules = report.schedules;
  const groups: HeatmapGroup[] = [];
  const rows: HeatmapRow[] = [];
  let y = 0;
  for (const [index, s] of schedules.entries()) {
    const g = groupOf(s);
    let group = groups[groups.length - 1];
    if (!group || group.key !== g.key) {
      if (group) y += sizes.groupGap;
      group = { key: g.key, label: g.label, y, firstRow: index, rowCount: 0 };
      groups.push(group);
      y += sizes.groupHeadH;
    }
    group.rowCount++;
    rows.push({ id: s.id, index, group: groups.length - 1, y, label: rowLabel(s), title: s.label, faults: s.faults });
    y += sizes.cellH;
  }

  const columns: HeatmapColumn[] = laneIds.map((lane, index) => {
    const l = report.lanes[lane];
    const holds = l?.holds ?? 0;
    // the play without faults is a reference, not a schedule the lane is judged under
    const played = holds + (l?.breaks ?? 0);
    const counter = l?.counterexample ?? null;
    const counterResult = counter ? l?.results.find((r) => r.schedule === counter) : undefined;
    const firstBreakText = counterResult
      ? `${VERDICT_SYMBOL[counterResult.verdict]} first: ${counter}`
      : l?.certificate
        ? `${VERDICT_SYMBOL['exactly-once']} holds all`
        : '';
    return {
      lane,
      index,
      x: x(lane) ?? 0,
      width: x.bandwidth(),
      nameLines: nameLines(lane, chars),
      holds,
      played,
      holdsText: `holds ${holds}/${played}`,
      counterexample: counter,
      certificate: l?.certificate ?? null,
      firstBreakText,
    };
  });

  const byLane = new Map(laneIds.map((lane) => [lane, new Map((report.lanes[lane]?.results ?? []).map((r) => [r.schedule, r]))]));
  const cells: HeatmapCell[] = [];
  for (const row of rows)
    for (const col of columns) {
      const result = byLane.get(col.lane)?.get(row.id) ?? (row.faults.length === 0 ? (report.clean[col.lane] ?? null) : null);
      const verdict: CellVerdict = result?.verdict ?? 'pending';
      cells.push({
        row: row.index,
        col: col.index,
        key: `${row.id}:${col.lane}`,
        x: col.x,
        y: row.y,
        w: col.width,
        h: sizes.cellH - 2,
        lane: col.lane,
        schedule: row.id,
        result,
        verdict,
        symbol: VERDICT_SYMBOL[verdict],
        text: cellText(result),
        counterexample: col.counterexample === row.id,
      });
    }

  const width = sizes.labelW + laneIds.length * sizes.cellW;
  return { sizes, width, height: y, x, columns, groups, rows, cells };
}

/** The numbers of a cell in one line, for the tooltip and the detail line. */
export function cellNumbers(r: ExploreResult | null): string {
  if (!r) return 'not played (the exploration was cancelled before it)';
  const parts = [`rows ${fmt(r.rows)}`, `dup ${fmt(r.duplicates)}`, `lost ${fmt(r.lost)}`, `stale ${fmt(r.stale)}`, r.error ? `error: ${r.error}` : 'no error'];
  return `${VERDICT_SYMBOL[r.verdict]} ${VERDICT_WORDS[r.verdict]}: ${parts.join(' · ')}`;
}
