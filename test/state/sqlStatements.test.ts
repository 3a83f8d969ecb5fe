import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/state/sqlStatements';

describe('splitStatements', () => {
  it('splits at semicolons, trims, drops empty statements', () => {
    expect(splitStatements('SELECT 1; SELECT 2;\n\n;  -- only a comment\n')).toEqual(['SELECT 1', 'SELECT 2']);
    expect(splitStatements('SELECT COUNT(*) FROM dest')).toEqual(['SELECT COUNT(*) FROM dest']);
    expect(splitStatements('')).toEqual([]);
  });
  it('keeps semicolons inside quotes, identifiers and comments', () => {
    expect(splitStatements("SELECT 'a;b', \"c;d\", [e;f], `g;h` FROM dest; SELECT 'it''s; fine'")).toEqual([
      "SELECT 'a;b', \"c;d\", [e;f], `g;h` FROM dest",
      "SELECT 'it''s; fine'",
    ]);
    expect(splitStatements('SELECT 1 -- a; b\n; /* c; d */ SELECT 2')).toEqual(['SELECT 1 -- a; b', '/* c; d */ SELECT 2']);
  });
  it('keeps a trigger body whole', () => {
    const trigger = 'CREATE TEMP TRIGGER t AFTER INSERT ON dest BEGIN DELETE FROM dest WHERE id < 0; SELECT 1; END';
    expect(splitStatements(`${trigger}; INSERT INTO dest (id) VALUES (1)`)).toEqual([trigger, 'INSERT INTO dest (id) VALUES (1)']);
  });
});
