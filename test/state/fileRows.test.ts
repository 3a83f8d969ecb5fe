import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/engine/validate';
import { fileRowsOf, withFileRows } from '../../src/state/fileRows';
import { smallDoc } from './helpers';

describe('file rows quick control', () => {
  const doc = smallDoc({
    files: {
      f1: { path: 'a.csv', rows: [{ ids: [101, 1100], values: { event_date: 'd1', amount: 1, updated_at: 1 } }] },
      f2: { path: 'b.csv', rows: [{ row: { id: 1, event_date: 'd1', amount: 1, updated_at: 1 } }, { row: { id: 2, event_date: 'd1', amount: 1, updated_at: 1 } }] },
    },
    runs: [{ input: ['f1', 'f2'] }, { input: ['f1'] }],
  });

  it('lists every file; only a single ids block is resizable, within the row limit', () => {
    const files = fileRowsOf(doc);
    expect(files.map((f) => [f.id, f.rows, f.resizable !== null])).toEqual([['f1', 1000, true], ['f2', 2, false]]);
    // limit 5,000,000 counts files once and every delivery: f1 weighs 3 (file + 2 runs), f2 weighs 2 (4 rows)
    expect(files[0]?.resizable?.max).toBe(Math.floor((5_000_000 - 4) / 3));
  });

  it('resizes from the same first id, clamps, and leaves the document alone when nothing changes', () => {
    const bigger = withFileRows(doc, 'f1', 2500);
    expect(bigger.files.f1?.rows).toEqual([{ ids: [101, 2600], values: { event_date: 'd1', amount: 1, updated_at: 1 } }]);
    expect(validateScenario(bigger).ok).toBe(true);
    expect(withFileRows(doc, 'f1', 0).files.f1?.rows[0]).toMatchObject({ ids: [101, 101] });
    const huge = withFileRows(doc, 'f1', 1e9);
    expect(validateScenario(huge).ok).toBe(true);
    // the clamp is tight: one row more and the scenario is over the limit
    const max = fileRowsOf(doc)[0]?.resizable?.max ?? 0;
    expect(huge.files.f1?.rows[0]).toMatchObject({ ids: [101, 100 + max] });
    const over = { ...doc, files: { ...doc.files, f1: { path: 'a.csv', rows: [{ ids: [101, 101 + max] as [number, number], values: { event_date: 'd1', amount: 1, updated_at: 1 } }] } } };
    expect(validateScenario(over).ok).toBe(false);
    expect(withFileRows(doc, 'f1', 1000)).toBe(doc);
    expect(withFileRows(doc, 'f2', 10)).toBe(doc);
    expect(withFileRows(doc, 'nope', 10)).toBe(doc);
    expect(withFileRows(doc, 'f1', Number.NaN)).toBe(doc);
  });
});
