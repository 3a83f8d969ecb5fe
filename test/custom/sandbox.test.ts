import { describe, expect, it } from 'vitest';
import { custom, play, problems, rows, scenario } from './helpers';

const doc = scenario({ files: { f1: { rows: rows(1, 10) } }, runs: [['f1']] });
const one = (sql: string, extra: object = {}) => custom({ unit: 'file', statements: [sql], ...extra });

describe('the validator refuses a malformed or unsafe custom lane, by JSON path', () => {
  it.each([
    ['ATTACH DATABASE ":memory:" AS other', 'lanes[0].sql.statements[0]: a lane works only in its own database: ATTACH is refused'],
    ['PRAGMA journal_mode = OFF', 'lanes[0].sql.statements[0]: PRAGMA changes the connection, which the engine owns: refused'],
    ['BEGIN', 'lanes[0].sql.statements[0]: transactions are set by "transaction": the engine opens and commits them (BEGIN is refused)'],
    ['DROP TABLE dest', 'lanes[0].sql.statements[0]: a lane does not drop tables (DROP is refused)'],
    ['INSERT INTO dest SELECT * FROM batch WHERE id = ?', 'lanes[0].sql.statements[0]: use named parameters (:path, :hash, :path_hash, :run, :attempt, :rows, :now), not "?"'],
    ['INSERT INTO dest SELECT * FROM batch WHERE _file = :file', 'lanes[0].sql.statements[0]: unknown parameter :file: the parameters are :path, :hash, :path_hash, :run, :attempt, :rows, :now'],
    ['INSERT INTO dest SELECT * FROM batch; DELETE FROM dest', 'lanes[0].sql.statements[0]: one statement per entry: put the next one after ";" in its own entry'],
    ['INSERT INTO dest SELECT * FROM truth', 'lanes[0].sql.statements[0]: "truth" is the engine\'s own (the answer, or other runs\' input): a lane cannot read it'],
    ['INSERT INTO dest SELECT {{cols}} FROM batch', 'lanes[0].sql.statements[0]: unknown macro {{cols}}: the macros are {{columns}}, {{key}}, {{nonKey}}, {{partitionBy}}, {{orderBy}}, {{keyMatch}}'],
    ['INSERT INTO dest SELECT l.id, l.day, l.amount, l.updated_at, 1, 1, \'x\' FROM landing l JOIN delivery d ON d.file = l._rt_file', 'lanes[0].sql.statements[0]: "delivery" is the engine\'s own (the answer, or other runs\' input): a lane cannot read it'],
    ['CREATE TABLE t (x)', 'lanes[0].sql.statements[0]: CREATE is not allowed here: statements takes INSERT, UPDATE, DELETE, REPLACE, WITH or SELECT'],
  ])('%s', (sql, message) => {
    expect(problems(doc, [one(sql)])).toEqual([message]);
  });

  it('a quote or a comment hides nothing: the words inside a literal are not code, the ones outside are', () => {
    expect(problems(doc, [one("INSERT INTO dest SELECT * FROM batch WHERE _file <> 'ATTACH ?; :file truth'")])).toEqual([]);
    expect(problems(doc, [one('INSERT /* x */ INTO dest SELECT * FROM batch -- ; ATTACH')])).toEqual([]);
    expect(problems(doc, [one('INSERT INTO dest SELECT * FROM "truth"')])).toHaveLength(1);
  });

  it('checks setup: only tables, indexes and views, never on the engine\'s names, no parameters', () => {
    const lane = (setup: string[]) => custom({ unit: 'file', setup, statements: ['INSERT INTO dest SELECT * FROM batch'] });
    expect(problems(doc, [lane(['CREATE TRIGGER t AFTER INSERT ON dest BEGIN DELETE FROM dest; END'])])).toEqual([
      'lanes[0].sql.setup[0]: CREATE TRIGGER is refused: setup creates tables, indexes and views',
    ]);
    expect(problems(doc, [lane(['CREATE TEMP TABLE x (a)'])])[0]).toContain('CREATE TEMP is refused');
    expect(problems(doc, [lane(['CREATE TABLE landing (a)'])])).toEqual(['lanes[0].sql.setup[0]: "landing" is a name the engine uses: choose another']);
    expect(problems(doc, [lane(['CREATE INDEX i ON landing (_rt_seq)'])])[0]).toContain('"landing" is the engine\'s table');
    expect(problems(doc, [lane(['CREATE TABLE t (a DEFAULT :now)'])])[0]).toContain('setup runs once, before any run: it takes no parameters');
    expect(problems(doc, [lane(['CREATE UNIQUE INDEX d ON dest ({{key}})', 'CREATE TABLE done (h TEXT)'])])).toEqual([]);
  });

  it('file parameters exist only per file; the shape is checked by path', () => {
    expect(problems(doc, [custom({ unit: 'run', statements: ['INSERT INTO dest SELECT * FROM batch WHERE _file = :path'] })])).toEqual([
      'lanes[0].sql.statements[0]: :path names one file: it exists only when "unit" is "file"',
    ]);
    expect(problems(doc, [{ id: 'x', pattern: 'custom', sql: { unit: 'partition', statements: [] } }])).toEqual([
      'lanes[0].sql.unit: must be "file" or "run"',
      'lanes[0].sql.statements: a lane needs at least one statement',
    ]);
    expect(problems(doc, [{ id: 'x', pattern: 'custom' }])[0]).toContain('lanes[0].sql: a custom lane needs "sql"');
    expect(problems(doc, [{ id: 'x', pattern: 'naive', sql: { unit: 'file', statements: ['SELECT 1'] } }])).toEqual(['lanes[0].sql: only a custom lane has sql']);
    expect(problems(doc, ['naive', 'nosuch'])).toEqual(['lanes[1]: unknown lane "nosuch": must be a lane name (naive, tracking, ingestor, ingestor-lock, tracking-atomic, overwrite, overwrite-nonatomic, merge, merge-latest, anti-join) or {"id": [a-z0-9-]+, "pattern": a lane name}']);
  });
});

describe('at run time, SQLite\'s plan of each statement keeps a lane in its own tables', () => {
  it.each([
    ['DELETE FROM landing', 'statements[1] writes to "landing", a table the engine owns: a lane writes only dest and the tables its setup creates'],
    ['UPDATE files SET path = \'x\'', 'statements[1] writes to "files", a table the engine owns: a lane writes only dest and the tables its setup creates'],
  ])('%s fails the attempt with a message naming the statement, and the other lanes run on', async (sql, message) => {
    const r = await play(doc, ['naive', custom({ unit: 'file', statements: ['INSERT INTO dest SELECT * FROM batch', sql] })]);
    expect(r.mine?.metrics.verdict).toBe('error');
    expect(r.mine?.metrics.error).toContain(message);
    expect(r.naive?.metrics.verdict).toBe('exactly-once');
  });

  it('a statement SQLite cannot compile names itself', async () => {
    const r = await play(doc, [one('INSERT INTO dest SELECT * FROM batc')]);
    expect(r.mine?.metrics.error).toBe('statements[0]: no such table: batc');
    expect(r.mine?.metrics.errorClass).toBe('syntax');
  });

  it('a setup statement that fails makes every attempt fail with its message', async () => {
    const r = await play(doc, [custom({ unit: 'file', setup: ['CREATE TABLE t (a) WITHOUT ROWID'], statements: ['INSERT INTO dest SELECT * FROM batch'] })]);
    expect(r.mine?.metrics.error).toBe('setup[0]: PRIMARY KEY missing on table t');
    expect(r.mine?.metrics.attempts.map((a) => a.outcome)).toEqual(['error', 'error', 'error']);
    expect(r.mine?.metrics.rows).toBe(0);
  });
});
