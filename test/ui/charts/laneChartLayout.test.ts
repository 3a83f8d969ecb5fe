import { describe, expect, it } from 'vitest';
import { firstDuplicate } from '../../../src/engine/trace';
import { attemptSlot, laneChartLayout } from '../../../src/ui/charts/laneChartLayout';
import { ev, naiveCrashTrace, txTrace } from './fixtures';

/** The vertices of an M/L path as produced by d3-shape. */
const points = (d: string): number[][] =>
  [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

const W = 300;
const H = 120;
const M = { top: 10, right: 10, bottom: 20, left: 40 };

describe('laneChartLayout', () => {
  it('maps ticks 0..ticks-1 onto the plot width and rows onto a y scale that holds truth and rows', () => {
    const l = laneChartLayout(naiveCrashTrace(), 12, 1_000_000, W, H, M);
    expect(l.x(0)).toBe(40);
    expect(l.x(11)).toBe(290);
    expect(l.y(0)).toBe(100);
    expect(l.y.domain()[1]).toBeGreaterThanOrEqual(1_800_000);
    expect(l.truth.y).toBeCloseTo(l.y(1_000_000));
    expect(l.truth.d).toBe(`M40,${l.truth.y}H290`);
  });

  it('draws a step line with one horizontal run per event', () => {
    const l = laneChartLayout(naiveCrashTrace(), 12, 1_000_000, W, H, M);
    const pts = points(l.line);
    expect(pts[0]).toEqual([40, 100]);
    // curveStepAfter: every move is either horizontal or vertical, never diagonal
    for (let i = 1; i < pts.length; i++) {
      const [a, b] = [pts[i - 1] as number[], pts[i] as number[]];
      expect(a[0] === b[0] || a[1] === b[1]).toBe(true);
    }
    const last = pts[pts.length - 1] as number[];
    expect(last[0]).toBeCloseTo(l.x(11), 2);
    expect(last[1]).toBeCloseTo(l.y(1_800_000), 2);
  });

  it('splits the line into one segment per attempt, joined where the next attempt starts', () => {
    const l = laneChartLayout(naiveCrashTrace(), 12, 1_000_000, W, H, M);
    expect(l.segments.map((s) => [s.run, s.attempt, s.slot])).toEqual([
      [1, 1, 1],
      [1, 2, 2],
    ]);
    expect(l.segments[0]?.dash).toBeUndefined();
    expect(l.segments[1]?.dash).toBeDefined();
    // attempt 1 holds its last value up to tick 7 where attempt 2 begins
    const a1 = points(l.segments[0]?.d ?? '');
    const a2 = points(l.segments[1]?.d ?? '');
    const end1 = a1[a1.length - 1] as number[];
    expect(end1[0]).toBeCloseTo(l.x(7), 2);
    expect(end1[1]).toBeCloseTo(l.y(800_000), 2);
    expect(a2[0]?.[0]).toBeCloseTo(l.x(7), 2);
    expect(a2[0]?.[1]).toBeCloseTo(l.y(800_000), 2);
  });

  it('marks the crash, the retry boundary and the first duplicate at their ticks', () => {
    const l = laneChartLayout(naiveCrashTrace(), 12, 1_000_000, W, H, M, firstDuplicate(naiveCrashTrace(), [1_000_000])?.step ?? null);
    expect(l.crashes.map((m) => m.tick)).toEqual([5]);
    expect(l.crashes[0]?.y).toBeCloseTo(l.y(800_000));
    expect(l.errors).toEqual([]);
    expect(l.retries).toEqual([{ tick: 7, x: l.x(7), run: 1, attempt: 2 }]);
    // no counts on tick 8: 1,000,000 rows do not exceed the truth; tick 9 does
    expect(l.firstDuplicate?.tick).toBe(9);
  });

  it('prefers counted duplicates over the row heuristic', () => {
    const trace = [
      ev({ tick: 0, kind: 'write', destRows: 10, counts: { rows: 10, duplicates: 2, lost: 2, stale: 0 } }),
      ev({ tick: 1, kind: 'write', destRows: 20 }),
    ];
    expect(firstDuplicate(trace, [10])?.tick).toBe(0);
    const noDup = [ev({ tick: 0, kind: 'write', destRows: 50, counts: { rows: 50, duplicates: 0, lost: 0, stale: 0 } })];
    expect(firstDuplicate(noDup, [10])).toBeNull();
  });

  it('shades open transactions, including one still open at the last event, and marks errors', () => {
    const l = laneChartLayout(txTrace(), 8, 900, W, H, M);
    expect(l.txBands.map((b) => [b.fromTick, b.toTick])).toEqual([
      [1, 3],
      [4, 6],
    ]);
    expect(l.txBands[0]?.x0).toBe(l.x(1));
    expect(l.txBands[0]?.x1).toBe(l.x(3));
    expect(l.errors.map((m) => m.tick)).toEqual([6]);
    expect(l.crashes).toEqual([]);
    expect(l.retries).toEqual([]);
    expect(l.firstDuplicate).toBeNull();
  });

  it('colours attempts 1..4 distinctly and cycles after that', () => {
    expect([1, 2, 3, 4, 5, 6].map(attemptSlot)).toEqual([1, 2, 3, 4, 1, 2]);
    const trace = [1, 2, 3].map((a, i) => ev({ tick: i * 2, kind: 'start', attempt: a, destRows: 0 }));
    const l = laneChartLayout(trace, 6, 10, W, H, M);
    expect(new Set(l.segments.map((s) => s.slot)).size).toBe(3);
    expect(new Set(l.segments.map((s) => s.dash ?? 'solid')).size).toBe(3);
    expect(l.retries.map((r) => r.attempt)).toEqual([2, 3]);
  });

  it('copes with an empty trace and a zero-length timeline', () => {
    const l = laneChartLayout([], 0, 0, W, H, M);
    expect(l.line).toBe('');
    expect(l.segments).toEqual([]);
    expect(Number.isFinite(l.truth.y)).toBe(true);
    expect(Number.isFinite(l.x(0))).toBe(true);
  });

  it('starts a new segment when the run changes even if the attempt number does not', () => {
    const trace = [
      ev({ tick: 0, kind: 'start', run: 1, destRows: 0 }),
      ev({ tick: 1, kind: 'end', run: 1, destRows: 5 }),
      ev({ tick: 2, kind: 'start', run: 2, destRows: 5 }),
      ev({ tick: 3, kind: 'end', run: 2, destRows: 10 }),
    ];
    const l = laneChartLayout(trace, 4, 10, W, H, M);
    expect(l.segments.map((s) => s.run)).toEqual([1, 2]);
    expect(l.retries).toEqual([]);
  });
});
