import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresBackend, type PostgresBackend } from '../../src/db/postgres';
import { describePg, PG_URL } from './server';

/** The error a statement fails with (the test fails if it does not). */
async function failure(p: Promise<unknown>): Promise<{ message: string; code: string }> {
  try {
    await p;
  } catch (e) {
    return e as { message: string; code: string };
  }
  throw new Error('expected the statement to fail');
}

describePg('the PostgreSQL backend on a real server', () => {
  let b: PostgresBackend;
  let admin: pg.Client;
  const databases = async (): Promise<string[]> =>
    (await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname', [`${b.prefix}%`])).rows.map((r) => r.datname);

  beforeAll(async () => {
    b = await postgresBackend(PG_URL);
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await b?.close();
    await admin?.end();
  });

  it('builds a template once, clones lane databases from it, drops each clone when its port closes', async () => {
    const { template, result } = await b.buildTemplate(async (db) => {
      await db.script('CREATE TABLE t (id BIGINT, v TEXT)');
      return db.run('INSERT INTO t (id, v) VALUES (?, ?), (?, ?)', [1, "it's ?", 2, null]);
    });
    expect(result).toBe(2);
    expect(template.kind).toBe('server');
    const [x, y] = [await b.clone(template), await b.clone(template)];
    expect((await databases()).length).toBe(3);
    await x.run('DELETE FROM t WHERE id = ?', [1]);
    // clones are independent databases
    expect((await x.query('SELECT COUNT(*) FROM t')).rows).toEqual([[1]]);
    expect((await y.query('SELECT id, v FROM t ORDER BY id')).rows).toEqual([
      [1, "it's ?"],
      [2, null],
    ]);
    await x.close();
    await y.close();
    expect((await databases()).length).toBe(1);
    await b.dropTemplate(template);
    expect(await databases()).toEqual([]);
  });

  it('clones one template from several connections at once (the template itself has none)', async () => {
    const { template } = await b.buildTemplate(async (db) => db.script('CREATE TABLE t (id BIGINT)'));
    const ports = await Promise.all(Array.from({ length: 6 }, () => b.clone(template)));
    expect((await databases()).length).toBe(7);
    await Promise.all(ports.map((p) => p.close()));
    await b.dropTemplate(template);
    expect(await databases()).toEqual([]);
  });

  it("a second connection sees only the first one's committed rows", async () => {
    const { template } = await b.buildTemplate(async (db) => db.script('CREATE TABLE t (id BIGINT)'));
    const lane = await b.clone(template);
    const reader = await b.connect(lane);
    if (!reader) throw new Error('PostgreSQL has second connections');
    await lane.run('BEGIN');
    await lane.run('INSERT INTO t (id) VALUES (?)', [1]);
    expect((await reader.query('SELECT COUNT(*) FROM t')).rows).toEqual([[0]]);
    await lane.run('COMMIT');
    expect((await reader.query('SELECT COUNT(*) FROM t')).rows).toEqual([[1]]);
    await reader.close();
    await lane.close();
    await b.dropTemplate(template);
  });

  it("MERGE refuses a target row two source rows match with PostgreSQL's own error, and the statement changes nothing", async () => {
    const { template } = await b.buildTemplate(async (db) => {
      await db.script('CREATE TABLE dest (id BIGINT, v TEXT)');
      await db.run('INSERT INTO dest (id, v) VALUES (1, ?)', ['old']);
    });
    const db = await b.clone(template);
    const merge = (rows: string) =>
      db.run(`MERGE INTO dest USING (VALUES ${rows}) AS s (id, v) ON dest.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)`);
    const err = await failure(merge("(1, 'a'), (1, 'b'), (3, 'c')"));
    expect(err).toMatchObject({ message: 'MERGE command cannot affect row a second time', code: '21000' });
    expect(db.dialect.classifyError(err.message, err.code)).toBe('multi-match');
    expect((await db.query('SELECT id, v FROM dest ORDER BY id')).rows).toEqual([[1, 'old']]);
    // two source rows of a key the target does not hold are both inserted (Delta does the same)
    expect(await merge("(2, 'a'), (2, 'b')")).toBe(2);
    await db.close();
    await b.dropTemplate(template);
  });

  it('string-built SQL with a quote in a value breaks with a syntax error on PostgreSQL too', async () => {
    const { template } = await b.buildTemplate(async (db) => db.script('CREATE TABLE p (file_path TEXT)'));
    const db = await b.clone(template);
    const err = await failure(db.run("INSERT INTO p (file_path) VALUES ('landing/o'brien/part-000.csv')"));
    expect(err).toMatchObject({ message: 'syntax error at or near "brien"', code: '42601' });
    expect(db.dialect.classifyError(err.message, err.code)).toBe('syntax');
    await db.close();
    await b.dropTemplate(template);
  });

  it('close drops every database the backend still holds', async () => {
    const other = await postgresBackend(PG_URL);
    const { template } = await other.buildTemplate(async (db) => db.script('CREATE TABLE t (id BIGINT)'));
    await other.clone(template);
    const names = async () => (await admin.query('SELECT 1 FROM pg_database WHERE datname LIKE $1', [`${other.prefix}%`])).rowCount;
    expect(await names()).toBe(2);
    await other.close();
    expect(await names()).toBe(0);
  });
});
