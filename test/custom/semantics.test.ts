import { describe, expect, it } from 'vitest';
import type { FaultMoment, ScenarioInput } from '../../src/engine/schema';
import { custom, play, rows, scenario } from './helpers';

const tenRows = scenario({ files: { f1: { rows: rows(1, 10) } }, runs: [['f1']] });
const withFault = (doc: ReturnType<typeof scenario>, kind: 'crash' | 'error', at: FaultMoment, run = 1): ScenarioInput => ({ ...doc, faults: [{ run, attempt: 1, kind, at }] });
const insert = 'INSERT INTO dest SELECT * FROM batch';

describe('a statement is atomic', () => {
  it('in autocommit, a crash inside one INSERT … SELECT takes its rows with it; row by row, the rows before the crash stay', async () => {
    const doc = withFault(tenRows, 'crash', { afterRows: 6 });
    const r = await play(doc, [custom({ unit: 'file', statements: [insert] }, 'set'), custom({ unit: 'file', statements: [{ sql: insert, each: 'row' }] }, 'rows')]);
    expect(r.set?.metrics.attempts.map((a) => a.rows)).toEqual([0, 10]);
    expect(r.set?.metrics.verdict).toBe('exactly-once');
    expect(r.rows?.metrics.attempts.map((a) => a.rows)).toEqual([6, 16]);
    expect(r.rows?.metrics.duplicates).toBe(6);
  });

  it('a row-by-row write is cut exactly at N even when some rows write nothing (INSERT OR IGNORE)', async () => {
    const doc = scenario({ files: { f1: { rows: rows(1, 10) }, f2: { rows: rows(1, 20) } }, runs: [['f1'], ['f2']], faults: [{ run: 2, attempt: 1, kind: 'crash', at: { afterRows: 3 } }] });
    const lane = custom({ unit: 'file', setup: ['CREATE UNIQUE INDEX one_id ON dest ({{key}})'], statements: [{ sql: `INSERT OR IGNORE INTO dest SELECT * FROM batch`, each: 'row' }] });
    const r = await play(doc, [lane]);
    // rows 1–10 of f2 are ignored (written: 0); the crash comes after the 3rd row actually written
    expect(r.mine?.metrics.attempts.map((a) => a.rows)).toEqual([10, 13, 20]);
  });
});

describe('errors: rollback, then the handler, then the attempt fails', () => {
  it('a handler that marks the file failed, read by the skip query, loses the file for good', async () => {
    const doc = withFault(tenRows, 'error', { afterRows: 4 });
    const lane = custom({
      unit: 'file',
      setup: ['CREATE TABLE marks (path TEXT, status TEXT)'],
      skip: 'SELECT 1 FROM marks WHERE path = :path',
      transaction: true,
      statements: [insert, "INSERT INTO marks VALUES (:path, 'SUCCESS')"],
      onError: ["INSERT INTO marks VALUES (:path, 'FAILED')"],
    });
    const r = await play(doc, [lane]);
    const kinds = r.mine?.trace.filter((e) => e.attempt === 1 && e.run === 1).map((e) => e.kind) ?? [];
    expect(kinds.slice(kinds.indexOf('error'))).toEqual(['error', 'rollback', 'handler', 'end']);
    expect(r.mine?.metrics).toMatchObject({ rows: 0, lost: 10, verdict: 'lost' });
    expect(r.mine?.metrics.attempts.map((a) => a.outcome)).toEqual(['error', 'ok']);
  });

  it('in autocommit, a chunk that fails is replayed row by row: the rows before the failing one stay', async () => {
    // 21 rows run in chunks of 3: the last chunk (rows 19, 20 and a second id 3) fails on its third row
    const doc = scenario({ files: { f1: { rows: [...rows(1, 20), [3, 'd1', 99, 2]] } }, runs: [['f1']], orderBy: false });
    const lane = custom({ unit: 'file', setup: ['CREATE UNIQUE INDEX one_id ON dest (id)'], statements: [{ sql: insert, each: 'row' }] });
    const r = await play(doc, [lane]);
    expect(r.mine?.metrics.error).toBe('statements[0]: UNIQUE constraint failed: dest.id');
    expect(r.mine?.metrics.errorClass).toBe('constraint');
    expect(r.mine?.metrics.attempts.map((a) => a.rows)).toEqual([20, 20, 20]);
  });

  it('an upsert keeps dest\'s count right (the engine recounts after a statement it cannot predict)', async () => {
    const doc = scenario({ files: { f1: { rows: rows(1, 10) } }, runs: [['f1'], ['f1']] });
    const lane = custom({ unit: 'file', setup: ['CREATE UNIQUE INDEX one_id ON dest (id)'], statements: [`INSERT OR REPLACE INTO dest SELECT * FROM batch`] });
    const r = await play(doc, [lane]);
    expect(r.mine?.metrics).toMatchObject({ rows: 10, duplicates: 0, verdict: 'exactly-once' });
    expect(r.mine?.trace.filter((e) => e.kind === 'write').map((e) => e.destRows)).toEqual([10, 10]);
  });
});

describe('parameters and moments', () => {
  it('parameters are bound: a quote in a path is just a character', async () => {
    const doc = scenario({ files: { f1: { path: "landing/o'brien.csv", rows: rows(1, 3) } }, runs: [['f1'], ['f1']] });
    const lane = custom({ unit: 'file', setup: ['CREATE TABLE done (path TEXT UNIQUE)'], skip: 'SELECT 1 FROM done WHERE path = :path', transaction: true, statements: [insert, 'INSERT INTO done VALUES (:path)'] });
    const r = await play(doc, ['tracking', lane]);
    expect(r.mine?.metrics).toMatchObject({ rows: 3, verdict: 'exactly-once' });
    expect(r.tracking?.metrics.verdict).toBe('error');
  });

  it('"before commit" falls inside the last transaction the attempt commits, seen past files the skip query will skip', async () => {
    // f2 has f1's content under another name: a skip by content hash skips it, so f1's transaction is the last
    const doc = scenario({ files: { f1: { rows: rows(1, 5) }, f2: { rows: rows(1, 5) } }, runs: [['f1', 'f2']], faults: [{ run: 1, attempt: 1, kind: 'crash', at: { before: 'commit' } }] });
    const lane = custom({ unit: 'file', setup: ['CREATE TABLE seen (hash TEXT UNIQUE)'], skip: 'SELECT 1 FROM seen WHERE hash = :hash', transaction: true, statements: [insert, 'INSERT INTO seen VALUES (:hash)'] });
    const r = await play(doc, ['tracking-atomic', lane]);
    expect(r.mine?.metrics.attempts.map((a) => [a.outcome, a.rows])).toEqual([['crash', 0], ['ok', 5]]);
    expect(r.mine?.metrics.attempts).toEqual(r['tracking-atomic']?.metrics.attempts);
  });

  it('"after write" of a unit whose transaction holds only the write comes after its COMMIT', async () => {
    const doc = withFault(tenRows, 'crash', { after: 'write', file: 'f1' });
    const onlyWrite = custom({ unit: 'file', transaction: true, statements: [insert] }, 'only');
    const withMark = custom({ unit: 'file', setup: ['CREATE TABLE m (p TEXT)'], transaction: true, statements: [insert, 'INSERT INTO m VALUES (:path)'] }, 'mark');
    const r = await play(doc, [onlyWrite, withMark]);
    expect(r.only?.metrics.attempts.map((a) => a.rows)).toEqual([10, 20]);
    expect(r.mark?.metrics.attempts.map((a) => a.rows)).toEqual([0, 10]);
  });
});

describe('a DELETE is not a write', () => {
  it('"after delete" falls after a DELETE that precedes the first write, and deleted rows do not count as written', async () => {
    const doc = scenario({ files: { f1: { rows: rows(1, 10) } }, runs: [['f1'], ['f1']], faults: [{ run: 2, attempt: 1, kind: 'crash', at: { after: 'delete', file: 'f1' } }] });
    // autocommit: the DELETE commits by itself, so a crash right after it leaves the file's old rows deleted
    const lane = custom({ unit: 'file', statements: ['DELETE FROM dest WHERE _file = :path', 'INSERT INTO dest SELECT * FROM batch'] });
    const r = await play(doc, [lane]);
    expect(r.mine?.metrics.attempts.map((a) => [a.outcome, a.rows])).toEqual([['ok', 10], ['crash', 0], ['ok', 10]]);
    const kinds = r.mine?.trace.filter((e) => e.run === 2 && e.attempt === 1).map((e) => e.kind);
    expect(kinds).toEqual(['start', 'read', 'delete', 'crash', 'end']);
    // afterRows counts inserted rows only: a crash after 5 rows in run 2 cuts the INSERT (set-based: it rolls back), not the DELETE
    const cut = await play({ ...doc, faults: [{ run: 2, attempt: 1, kind: 'crash', at: { afterRows: 5 } }] }, [lane]);
    expect(cut.mine?.metrics.attempts.map((a) => [a.outcome, a.rows])).toEqual([['ok', 10], ['crash', 0], ['ok', 10]]);
    expect(cut.mine?.trace.find((e) => e.kind === 'crash')?.written).toBe(10);
  });
});
