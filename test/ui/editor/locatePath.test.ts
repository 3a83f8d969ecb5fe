import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenarioText, type ValidationIssue } from '../../../src/engine/validate';
import { locateIssues, locatePath, positionAt } from '../../../src/ui/editor/locatePath';

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

describe('positionAt', () => {
  it('counts 1-based lines and columns', () => {
    expect(positionAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('locatePath', () => {
  it('finds array items', () => {
    expect(locatePath(doc, ['runs', 1, 'input', 0])).toEqual({ line: 11, column: 9 });
    expect(locatePath(doc, ['runs', 0])).toEqual({ line: 8, column: 5 });
  });

  it('points at the key of an object member', () => {
    expect(locatePath(doc, ['name'])).toEqual({ line: 2, column: 3 });
    expect(locatePath(doc, ['files', 'f1', 'rows', 0, 'ids'])).toEqual({ line: 4, column: 25 });
  });

  it('matches keys that contain dots', () => {
    expect(locatePath(doc, ['files', 'a.csv', 'rows'])).toEqual({ line: 5, column: 16 });
    // a dotted key is one step: "a.b" is not "a" then "b"
    const dotted = `{
  "table": {
    "columns": { "a": "TEXT", "a.b": "INTEGER" }
  },
  "files": { "a": { "b": 1 } }
}`;
    expect(locatePath(dotted, ['table', 'columns', 'a.b'])).toEqual({ line: 3, column: 31 });
    expect(locatePath(dotted, ['table', 'columns', 'a'])).toEqual({ line: 3, column: 18 });
    expect(locatePath(dotted, ['files', 'a.b'])).toEqual({ line: 5, column: 3 });
  });

  it('stops at the deepest existing ancestor of a missing member', () => {
    expect(locatePath(doc, ['runs', 1, 'retry', 'maxAttempts'])).toEqual({ line: 9, column: 5 });
    expect(locatePath(doc, ['runs', 7])).toEqual({ line: 7, column: 3 });
    // a missing property marks its parent object: here the key of "f1"
    expect(locatePath(doc, ['files', 'f1', 'path'])).toEqual({ line: 4, column: 5 });
    // an index into an object or a name into an array is missing too
    expect(locatePath(doc, ['runs', 'input'])).toEqual({ line: 7, column: 3 });
    expect(locatePath(doc, ['files', 0])).toEqual({ line: 3, column: 3 });
  });

  it('puts the whole document at its first character, and is null on invalid JSON', () => {
    expect(locatePath('\n  {"a": 1}', [])).toEqual({ line: 2, column: 3 });
    expect(locatePath('{"a": 1,}', ['a'])).toBeNull();
    expect(locatePath('{"a": 1 /* no */}', ['a'])).toBeNull();
    expect(locatePath('{"a": "x\\"y", "b": [true, null, -1.5e3]}', ['b', 2])).toEqual({ line: 1, column: 33 });
  });
});

describe('locateIssues', () => {
  it('locates each issue by its path and keeps the printed path and message', () => {
    const issues: ValidationIssue[] = [
      { path: ['runs', 1, 'input', 0], message: 'unknown file "f9"' },
      { path: ['files', 'a.csv', 'path'], message: 'Required' },
    ];
    expect(locateIssues(doc, issues)).toEqual([
      { line: 11, column: 9, path: 'runs[1].input[0]', message: 'unknown file "f9"' },
      { line: 5, column: 5, path: 'files.a.csv.path', message: 'Required' },
    ]);
    expect(issues.map(formatIssue)).toEqual(['runs[1].input[0]: unknown file "f9"', 'files.a.csv.path: Required']);
  });

  it('places a JSON syntax error at its offset, with its line and column in the message', () => {
    const bad = '{\n  "a": 1,\n}';
    const v = parseScenarioText(bad);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toEqual([
      { path: [], message: 'invalid JSON at line 3, column 1: expected a property name in double quotes', offset: 12 },
    ]);
    expect(formatIssue(v.errors[0] as ValidationIssue)).toBe(
      '(document): invalid JSON at line 3, column 1: expected a property name in double quotes',
    );
    expect(locateIssues(bad, v.errors)).toEqual([
      { line: 3, column: 1, path: '(document)', message: v.errors[0]?.message },
    ]);
  });

  it('says when the text ends too early, and rejects comments', () => {
    const cut = parseScenarioText('{\n  "format": ');
    expect(cut.ok ? [] : cut.errors.map(formatIssue)).toEqual([
      '(document): invalid JSON at line 2, column 13: the text ends too early: expected a value',
    ]);
    const commented = parseScenarioText('{ // note\n}');
    expect(commented.ok ? [] : commented.errors).toMatchObject([{ offset: 2, message: expect.stringMatching(/line 1, column 3: comments/) }]);
  });

  it('falls back to line 1 when the text does not parse', () => {
    expect(locateIssues('not json', [{ path: ['runs', 0], message: 'bad' }])).toEqual([
      { line: 1, column: 1, path: 'runs[0]', message: 'bad' },
    ]);
  });
});
