import { describe, expect, it } from 'vitest';
import { locateError, locatePath, parsePath, positionAt } from '../../../src/ui/editor/locatePath';

const doc = `{
  "name": "The 800K crash",
  "files": {
    "f1": { "rows": [ { "ids": [1, 1000] } ] },
    "a.csv": { "rows": [] }
  },
  "runs": [
    { "input": ["f1"] },
    {
      "input": [
        "f9"
      ]
    }
  ]
}`;

describe('parsePath', () => {
  it('splits names and indexes', () => {
    expect(parsePath('runs[1].input[0]')).toEqual([{ name: 'runs' }, { index: 1 }, { name: 'input' }, { index: 0 }]);
    expect(parsePath('(document)')).toEqual([]);
    expect(parsePath('files.f1.rows[0].ids')).toEqual([
      { name: 'files' },
      { name: 'f1' },
      { name: 'rows' },
      { index: 0 },
      { name: 'ids' },
    ]);
  });
});

describe('positionAt', () => {
  it('counts 1-based lines and columns', () => {
    expect(positionAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('locatePath', () => {
  it('finds array items', () => {
    expect(locatePath(doc, 'runs[1].input[0]')).toEqual({ line: 11, column: 9 });
    expect(locatePath(doc, 'runs[0]')).toEqual({ line: 8, column: 5 });
  });

  it('points at the key of an object member', () => {
    expect(locatePath(doc, 'name')).toEqual({ line: 2, column: 3 });
    expect(locatePath(doc, 'files.f1.rows[0].ids')).toEqual({ line: 4, column: 25 });
  });

  it('matches keys that contain dots', () => {
    expect(locatePath(doc, 'files.a.csv.rows')).toEqual({ line: 5, column: 16 });
  });

  it('stops at the deepest existing ancestor of a missing member', () => {
    expect(locatePath(doc, 'runs[1].retry.maxAttempts')).toEqual({ line: 9, column: 5 });
    expect(locatePath(doc, 'runs[7]')).toEqual({ line: 7, column: 3 });
  });

  it('puts the whole document at its first character, and is null on invalid JSON', () => {
    expect(locatePath('\n  {"a": 1}', '(document)')).toEqual({ line: 2, column: 3 });
    expect(locatePath('{"a": 1,}', 'a')).toBeNull();
    expect(locatePath('{"a": "x\\"y", "b": [true, null, -1.5e3]}', 'b[2]')).toEqual({ line: 1, column: 33 });
  });
});

describe('locateError', () => {
  it('splits path and message and locates the path', () => {
    expect(locateError(doc, 'runs[1].input[0]: unknown file "f9"')).toEqual({
      line: 11,
      column: 9,
      path: 'runs[1].input[0]',
      message: 'unknown file "f9"',
    });
  });

  it('uses the position or line/column of a JSON syntax error', () => {
    const bad = '{\n  "a": 1,\n}';
    let message = '';
    try {
      JSON.parse(bad);
    } catch (e) {
      message = (e as Error).message;
    }
    const at = locateError(bad, `(document): invalid JSON: ${message}`);
    expect(at.line).toBe(3);
    expect(locateError('x', '(document): invalid JSON: Unexpected token (line 4 column 2)')).toMatchObject({ line: 4, column: 2 });
  });

  it('falls back to line 1 when nothing matches', () => {
    expect(locateError('not json', 'runs[0]: bad')).toMatchObject({ line: 1, column: 1, path: 'runs[0]' });
  });
});
