import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import { oneLine } from '../../src/engine/format';
import type { ScenarioInput } from '../../src/engine/schema';
import { Simulation } from '../../src/engine/simulation';
import { formatIssue, validateScenario } from '../../src/engine/validate';

/** Three rows in `path` (partition `day`), delivered twice: a re-run that the bookkeeping lanes must skip. */
function twice(path: string, day = 'd1'): ScenarioInput {
  return {
    format: 'runtwice/scenario@1',
    id: 'text',
    title: 'text',
    summary: '',
    story: '',
    table: { columns: { id: 'INTEGER', day: 'TEXT', v: 'TEXT' }, key: ['id'], partitionBy: 'day' },
    files: { f1: { path, rows: [{ ids: [1, 3], values: { day, v: 'x' } }] } },
    runs: [{ input: ['f1'] }, { input: ['f1'] }],
  };
}

async function play(doc: ScenarioInput) {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
  const sim = await Simulation.create(await nodeBackend(), v.scenario, undefined, { interactive: false });
  await sim.runToEnd();
  return sim;
}

const refusal = (doc: unknown): string[] => {
  const v = validateScenario(doc);
  return v.ok ? [] : v.errors.map(formatIssue);
};

/** Characters that break a line or reorder what is displayed around them. */
// eslint-disable-next-line no-control-regex
const UNSAFE = new RegExp('[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]');

describe('oneLine: one helper for every label', () => {
  it.each([
    ['landing/a.csv', 'landing/a.csv'],
    ['landing/a\nb.csv', 'landing/a\\nb.csv'],
    ['a\r\tb', 'a\\r\\tb'],
    ['landing/\u202Evsc.csv', 'landing/\\u202evsc.csv'],
    ['\u2066x\u2069 \u200f \u061c \u2028', '\\u2066x\\u2069 \\u200f \\u061c \\u2028'],
    ['\u0000\u001b\u007f\u0085', '\\u0000\\u001b\\u007f\\u0085'],
    ["o'brien/日本/😀.csv", "o'brien/日本/😀.csv"],
  ])('%j -> %j', (text, shown) => {
    expect(oneLine(text)).toBe(shown);
    expect(oneLine(text)).not.toMatch(UNSAFE);
  });
});

describe('text in paths, values and labels', () => {
  it('a lone surrogate is not text: refused at its path (a path, a value, a key)', () => {
    expect(refusal(twice('landing/\ud800x.csv'))).toEqual(['files.f1.path: not valid text: a lone surrogate \\ud800 at character 9']);
    expect(refusal(twice('landing/a.csv', 'd\udc00'))).toEqual(['files.f1.rows[0].values.day: not valid text: a lone surrogate \\udc00 at character 2']);
    const v = validateScenario({ ...twice('landing/a.csv'), expect: { ['x\ud800']: {} } });
    expect(v.ok ? [] : v.errors).toEqual([{ path: ['expect', 'x\ud800'], message: 'not valid text: a lone surrogate \\ud800 at character 2' }]);
  });

  it('a path with NUL is refused (no file system allows it; it cuts string-built SQL short)', () => {
    expect(refusal(twice('landing/a\u0000b.csv'))).toEqual(['files.f1.path: holds NUL (U+0000), which no file path can (landing/a\\u0000b.csv)']);
  });

  it.each([
    ['title', (d: ScenarioInput): unknown => ({ ...d, title: 'two\nlines' }), 'title: holds a control or bidirectional-formatting character (two\\nlines): not allowed in a one-line text'],
    ['summary', (d: ScenarioInput): unknown => ({ ...d, summary: 'a\u202eb' }), 'summary: holds a control or bidirectional-formatting character (a\\u202eb): not allowed in a one-line text'],
    ['run label', (d: ScenarioInput): unknown => ({ ...d, runs: [{ input: ['f1'], label: 'x\ty' }] }), 'runs[0].label: holds a control or bidirectional-formatting character (x\\ty): not allowed in a one-line text'],
  ])('a one-line %s holds no control or bidi character', (_, make, message) => {
    expect(refusal(make(twice('landing/a.csv')))).toEqual([message]);
  });

  it.each([
    ['a newline', 'landing/2024-01-01\npart-000.csv'],
    ['a right-to-left override', 'landing/\u202Evsc.000-trap.csv'],
    ['isolates and marks', 'landing/\u2067x\u2069/\u200fpart.csv'],
    ['emoji and CJK', 'landing/日本/😀.csv'],
  ])('a path with %s: kept, every lane counts as usual, tracking recognises its own mark, every label stays one plain line', async (_, path) => {
    const sim = await play(twice(path, `day\n${path}`));
    const rows = Object.fromEntries(sim.lanes.map((l) => [l.spec.id, l.metrics?.rows]));
    expect(rows).toEqual({
      naive: 6,
      tracking: 3,
      ingestor: 3,
      'ingestor-lock': 3,
      'tracking-atomic': 3,
      overwrite: 3,
      'overwrite-nonatomic': 3,
      merge: 3,
      'merge-latest': 3,
      'anti-join': 3,
    });
    for (const lane of sim.lanes) {
      expect(lane.metrics?.error, lane.spec.id).toBeNull();
      const { rows: files } = await lane.query('SELECT DISTINCT _file FROM dest');
      expect(files, `${lane.spec.id} keeps the path as it is`).toEqual([[path]]);
      for (const e of lane.trace) expect(e.label, `${lane.spec.id} step ${e.step}`).not.toMatch(UNSAFE);
    }
    await sim.close();
  });

  it("SQLite's message quoting a path is shown escaped in the step that failed (the error metric keeps it as it is)", async () => {
    const path = "landing/o'\u202Ebrien.csv";
    const sim = await play({ ...twice(path), lanes: ['tracking', 'ingestor'] });
    for (const lane of sim.lanes) {
      expect(lane.metrics?.error, lane.spec.id).toBe('near "\u202Ebrien": syntax error');
      const failed = lane.trace.filter((e) => e.error !== null && e.kind !== 'end');
      expect(failed.length, lane.spec.id).toBeGreaterThan(0);
      for (const e of failed) expect(e.label, lane.spec.id).toContain('failed: near "\\u202ebrien": syntax error');
      for (const e of lane.trace.filter((x) => x.kind !== 'end')) expect(e.label, `${lane.spec.id} step ${e.step}`).not.toMatch(UNSAFE);
    }
    await sim.close();
  });
});
