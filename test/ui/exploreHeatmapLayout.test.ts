import { describe, expect, it } from 'vitest';
import { cellNumbers, compact, faultWords, heatmapLayout, heatmapSizes, nameLines, VERDICT_SYMBOL } from '../../src/ui/charts/heatmapLayout';
import { fixtureReport, SCHEDULES } from './exploreFixtures';

const sizes = heatmapSizes();

describe('heatmapLayout', () => {
  const layout = heatmapLayout(fixtureReport(), sizes);

  it('has a row per schedule, in the report order, and a column per lane', () => {
    expect(layout.rows.map((r) => r.id)).toEqual(SCHEDULES.map((s) => s.id));
    expect(layout.columns.map((c) => c.lane)).toEqual(['naive', 'ingestor-lock', 'tracking-atomic']);
    expect(layout.cells).toHaveLength(SCHEDULES.length * 3);
    // row-major: cells[row * columns + col]
    const c = layout.cells[4 * 3 + 1];
    expect([c?.schedule, c?.lane]).toEqual(['s4', 'ingestor-lock']);
  });

  it('groups rows by the run and attempt of their first fault, each group with its label line above its rows', () => {
    expect(layout.groups.map((g) => [g.label, g.firstRow, g.rowCount])).toEqual([
      ['no fault', 0, 1],
      ['run 1 · attempt 1', 1, 3],
      ['run 2 · attempt 1', 4, 2],
    ]);
    const [g0, g1, g2] = layout.groups;
    expect(g0?.y).toBe(0);
    // a group's first row sits under its label; the next group starts after a gap
    expect(layout.rows[0]?.y).toBe(sizes.groupHeadH);
    expect(g1?.y).toBe(sizes.groupHeadH + sizes.cellH + sizes.groupGap);
    expect(layout.rows[1]?.y).toBe((g1?.y ?? 0) + sizes.groupHeadH);
    expect(layout.rows[2]?.y).toBe((layout.rows[1]?.y ?? 0) + sizes.cellH);
    expect(g2?.y).toBe((layout.rows[3]?.y ?? 0) + sizes.cellH + sizes.groupGap);
    expect(layout.height).toBe((layout.rows[5]?.y ?? 0) + sizes.cellH);
    // rows never overlap and only go down
    for (let i = 1; i < layout.rows.length; i++) expect(layout.rows[i]!.y).toBeGreaterThanOrEqual(layout.rows[i - 1]!.y + sizes.cellH);
  });

  it('labels a row by its fault within the group; a pair by its second fault', () => {
    expect(layout.rows.map((r) => r.label)).toEqual([
      'no fault (for reference)',
      '✕ crash before the first write of f1',
      '✕ crash after 1–799 rows',
      '! error after the last write of f1',
      '✕ crash before the commit',
      '↳ then attempt 2: ✕ crash before the commit',
    ]);
    expect(layout.rows[5]?.title).toBe(SCHEDULES[5]?.label);
  });

  it('places columns after the labels, one band per lane, and cells in their column and row', () => {
    const [a, b, c] = layout.columns;
    expect(a?.x).toBeGreaterThanOrEqual(sizes.labelW);
    expect(b!.x - a!.x).toBeCloseTo(sizes.cellW, 5);
    expect(c!.x - b!.x).toBeCloseTo(sizes.cellW, 5);
    expect(a?.width).toBeLessThan(sizes.cellW);
    expect(layout.width).toBe(sizes.labelW + 3 * sizes.cellW);
    for (const cell of layout.cells) {
      expect(cell.x).toBe(layout.columns[cell.col]?.x);
      expect(cell.y).toBe(layout.rows[cell.row]?.y);
    }
  });

  it('colours by verdict and always adds the symbol (and the number that breaks it)', () => {
    const text = (s: string, lane: string) => layout.cells.find((c) => c.schedule === s && c.lane === lane);
    expect(text('s0', 'naive')).toMatchObject({ verdict: 'exactly-once', symbol: '✓', text: '✓' });
    expect(text('s3', 'naive')).toMatchObject({ verdict: 'duplicates', symbol: '✗', text: '✗ 1k' });
    expect(text('s5', 'naive')).toMatchObject({ verdict: 'duplicates', text: '✗ 800k' });
    expect(text('s2', 'ingestor-lock')).toMatchObject({ verdict: 'lost', symbol: '▽', text: '▽ 999' });
    expect(text('s4', 'ingestor-lock')).toMatchObject({ verdict: 'stale', symbol: '~', text: '~ 3' });
    expect(text('s5', 'ingestor-lock')).toMatchObject({ verdict: 'error', symbol: '!', text: '!' });
    expect(VERDICT_SYMBOL).toMatchObject({ 'exactly-once': '✓', duplicates: '✗', lost: '▽', stale: '~', error: '!' });
  });

  it('marks each lane’s counterexample and sums it up on top: holds k/N (the play without faults not counted)', () => {
    const marked = layout.cells.filter((c) => c.counterexample).map((c) => c.key);
    expect(marked).toEqual(['s1:ingestor-lock', 's2:naive']);
    expect(layout.columns.map((c) => [c.holdsText, c.firstBreakText])).toEqual([
      ['holds 2/5', '✗ first: s2'],
      ['holds 1/5', '▽ first: s1'],
      ['holds 5/5', '✓ holds all'],
    ]);
    expect(layout.columns[2]?.certificate).toMatch(/^exactly-once under all 5/);
  });

  it('shows a schedule a cancelled run did not play as pending', () => {
    const report = fixtureReport(false);
    const naive = report.lanes.naive!;
    naive.results = naive.results.slice(0, 3);
    const cell = heatmapLayout(report, sizes).cells.find((c) => c.schedule === 's4' && c.lane === 'naive');
    expect(cell).toMatchObject({ verdict: 'pending', symbol: '·', result: null });
    expect(cellNumbers(null)).toMatch(/not played/);
  });

  it('scales with presenter mode', () => {
    const big = heatmapLayout(fixtureReport(), heatmapSizes(1.5));
    expect(big.width).toBe(Math.round(sizes.labelW * 1.5) + 3 * Math.round(sizes.cellW * 1.5));
    expect(big.height).toBeGreaterThan(layout.height * 1.4);
  });
});

describe('heatmap words', () => {
  it('writes numbers short, faults in words, and lane names in lines that fit', () => {
    expect([compact(7), compact(999), compact(1000), compact(1500), compact(800_000), compact(1_800_000)]).toEqual(['7', '999', '1k', '1.5k', '800k', '1.8M']);
    expect(faultWords({ run: 1, attempt: 1, kind: 'crash', at: { afterRows: 1 } }, [1, 799])).toBe('✕ crash after 1–799 rows');
    expect(faultWords({ run: 1, attempt: 1, kind: 'error', at: { afterRows: 800 } }, [800, 800])).toBe('! error after 800 rows');
    expect(nameLines('overwrite-nonatomic', 11)).toEqual(['overwrite-', 'nonatomic']);
    expect(nameLines('naive', 11)).toEqual(['naive']);
    expect(nameLines('a-b-c', 4)).toEqual(['a-b-', 'c']);
    expect(cellNumbers({ schedule: 's1', verdict: 'duplicates', rows: 2000, duplicates: 1000, lost: 0, stale: 0, error: null })).toBe(
      '✗ duplicates: rows 2,000 · dup 1,000 · lost 0 · stale 0 · no error',
    );
  });
});
