import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { laneToScript, parseLaneScript, statementLines, type LaneScriptDoc } from '../../src/engine/custom/script';

const dir = join(__dirname, '../../scenarios/lanes');
const lanes = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('the lane script (the editor form of a custom lane)', () => {
  it.each(lanes)('%s survives a round trip through its script', (f) => {
    const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as LaneScriptDoc;
    const text = laneToScript(doc);
    const back = parseLaneScript(text);
    if (!back.ok) throw new Error(JSON.stringify(back.issues));
    expect(back.lane).toEqual({ ...doc, sql: { ...doc.sql } });
  });

  it('a semicolon inside a string or a comment does not end a statement', () => {
    const r = parseLaneScript("-- statements\nINSERT INTO t VALUES ('a;b'); -- c;d\nDELETE FROM t /* x; */ WHERE 1;\n");
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    // a comment after the end of a statement is kept with the next one (SQL ignores it there)
    expect(r.lane.sql.statements).toEqual(["INSERT INTO t VALUES ('a;b')", '-- c;d\nDELETE FROM t /* x; */ WHERE 1']);
  });

  it('says on which line a problem is', () => {
    const r = parseLaneScript('-- lane: Bad Id\n-- unit: partition\nSELECT 1;\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { line: 3, message: expect.stringContaining('before any section') },
      { line: 1, message: expect.stringContaining('[a-z0-9-]+') },
      { line: 2, message: expect.stringContaining('"file" or "run"') },
      { line: 4, message: expect.stringContaining('no statements') },
    ]);
  });

  it('maps each statement to its line, so validation errors land on it', () => {
    const text = '-- lane: x\n-- unit: file\n\n-- setup\nCREATE TABLE p (h TEXT);\n-- statements\n-- each row\nINSERT INTO dest\n  SELECT * FROM batch;\nINSERT INTO p VALUES (:hash);\n';
    expect(statementLines(text)).toEqual({ 'setup[0]': 5, 'statements[0]': 8, 'statements[1]': 10 });
  });
});
