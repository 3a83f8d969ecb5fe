import { describe, expect, it } from 'vitest';
import { DELTA_MULTI_MATCH } from '../../src/engine/patterns/merge';
import { scenario, sim } from './driver';

const tenRows = (): [number, string, number, number][] => Array.from({ length: 10 }, (_, i) => [i + 1, 'd1', 10, 1]);
const oneFile = scenario({ files: { f1: { rows: tenRows() } }, runs: [['f1']] });

describe('crash after 6 of 10 rows, retry from the start', () => {
  it.each([
    ['naive', 16, 6, 0, [6, 16]],
    ['tracking', 16, 6, 0, [6, 16]],
    ['ingestor', 16, 6, 0, [6, 16]],
    ['ingestor-lock', 6, 0, 4, [6, 6]],
    ['tracking-atomic', 10, 0, 0, [0, 10]],
    ['overwrite', 10, 0, 0, [0, 10]],
    ['overwrite-nonatomic', 10, 0, 0, [6, 10]],
    ['merge', 10, 0, 0, [0, 10]],
    ['merge-latest', 10, 0, 0, [0, 10]],
    ['anti-join', 10, 0, 0, [0, 10]],
  ] as const)('%s ends with %i rows', async (lane, rows, duplicates, lost, attemptsRows) => {
    await sim(oneFile).lane(lane).crashAt({ afterRows: 6 }).runToEnd().expect({ rows, duplicates, lost, stale: 0, attemptsRows: [...attemptsRows], error: null });
  });

  it('the crash step carries the crash and the attempt ends without running a handler', async () => {
    const r = await sim(oneFile).lane('tracking').crashAt({ afterRows: 6 }).runToEnd();
    const kinds = r.trace.filter((e) => e.attempt === 1).map((e) => e.kind);
    expect(kinds).toContain('crash');
    expect(kinds).not.toContain('handler');
    expect(r.trace.find((e) => e.kind === 'crash')?.error).toBe('crash at afterRows 6');
  });
});

describe('an injected error runs the handlers', () => {
  it('tracking marks FAILED and then skips the file forever', async () => {
    const r = await sim(oneFile).lane('tracking').errorAt({ afterRows: 6 }).runToEnd();
    r.expect({ rows: 6, lost: 4, duplicates: 0, verdict: 'lost', attemptsRows: [6, 6] });
    expect(r.trace.some((e) => e.kind === 'handler' && e.sql[0]?.includes("'FAILED'"))).toBe(true);
  });
  it('ingestor marks FAILED and reprocesses the file', async () => {
    await sim(oneFile).lane('ingestor').errorAt({ afterRows: 6 }).runToEnd().expect({ rows: 16, duplicates: 6, verdict: 'duplicates' });
  });
  it('ingestor-lock reprocesses FAILED files too', async () => {
    await sim(oneFile).lane('ingestor-lock').errorAt({ afterRows: 6 }).runToEnd().expect({ rows: 16, duplicates: 6 });
  });
  it('tracking-atomic rolls back in its handler', async () => {
    await sim(oneFile).lane('tracking-atomic').errorAt({ after: 'write' }).runToEnd().expect({ rows: 10, verdict: 'exactly-once', attemptsRows: [0, 10] });
  });
  it('an error on every attempt ends the run with that message', async () => {
    const doc = scenario({ files: { f1: { rows: tenRows() } }, runs: [['f1']], maxAttempts: 2 });
    const r = await sim(doc).lane('naive').errorAt({ afterRows: 3 }, 1, 1).errorAt({ afterRows: 3 }, 1, 2).runToEnd();
    r.expect({ rows: 6, duplicates: 3, lost: 7, error: 'injected error at afterRows 3', verdict: 'error', problems: ['error', 'lost', 'duplicates'] });
  });
});

describe('a quote in the path breaks string-built SQL', () => {
  const doc = scenario({ files: { f1: { path: "landing/o'brien.csv", rows: [[1, 'd1', 1, 1], [2, 'd1', 2, 1], [3, 'd1', 3, 1]] } }, runs: [['f1']] });
  it('tracking appends the file on every attempt, then fails to mark it', async () => {
    const r = await sim(doc).lane('tracking').runToEnd();
    r.expect({ rows: 9, duplicates: 6, verdict: 'error', attemptsRows: [3, 6, 9] });
    expect(r.metrics.error).toMatch(/syntax error/);
  });
  it('ingestor fails at its skip check, before any row', async () => {
    const r = await sim(doc).lane('ingestor').runToEnd();
    r.expect({ rows: 0, lost: 3, verdict: 'error', attemptsRows: [0, 0, 0] });
    expect(r.trace.find((e) => e.error && e.kind === 'check')?.sql[0]).toContain("'landing/o'brien.csv'");
  });
  it('bound parameters do not care', async () => {
    await sim(doc).lane('tracking-atomic').runToEnd().expect({ rows: 3, verdict: 'exactly-once' });
  });
});

describe('a corrected file redelivered under the same path', () => {
  const doc = scenario({
    files: {
      f1: { path: 'landing/p.csv', rows: [[1, 'd1', 10, 1], [2, 'd1', 20, 1]] },
      f1b: { path: 'landing/p.csv', rows: [[1, 'd1', 11, 2], [2, 'd1', 20, 1]] },
    },
    runs: [['f1'], ['f1b']],
  });
  it.each([
    ['tracking', { rows: 2, stale: 1, verdict: 'stale' }],
    ['ingestor', { rows: 2, stale: 1, verdict: 'stale' }],
    ['tracking-atomic', { rows: 4, duplicates: 2, stale: 0, verdict: 'duplicates' }],
    ['anti-join', { rows: 2, stale: 1, verdict: 'stale' }],
    ['merge', { rows: 2, verdict: 'exactly-once' }],
    ['merge-latest', { rows: 2, verdict: 'exactly-once' }],
    ['overwrite', { rows: 2, verdict: 'exactly-once' }],
  ] as const)('%s', async (lane, want) => {
    await sim(doc).lane(lane).runToEnd().expect(want);
  });
});

describe('duplicate keys inside the first batch, then an identical re-run', () => {
  const doc = scenario({ files: { f1: { rows: [[1, 'd1', 10, 1], [1, 'd1', 11, 2], [2, 'd1', 5, 1]] } }, runs: [['f1'], ['f1']] });
  it('merge loads both, then refuses the re-run with the Delta multi-match error', async () => {
    const r = await sim(doc).lane('merge').runToEnd();
    r.expect({ rows: 3, duplicates: 1, error: DELTA_MULTI_MATCH, verdict: 'error', attemptsRows: [3, 3, 3, 3] });
  });
  it('merge-latest keeps the latest row per key', async () => {
    await sim(doc).lane('merge-latest').runToEnd().expect({ rows: 2, verdict: 'exactly-once' });
  });
  it('anti-join lets in-batch duplicates both pass', async () => {
    await sim(doc).lane('anti-join').runToEnd().expect({ rows: 3, duplicates: 1, stale: 0, verdict: 'duplicates' });
  });
});

describe('moments', () => {
  const two = scenario({ files: { f1: { rows: [[1, 'd1', 1, 1], [2, 'd1', 1, 1], [3, 'd1', 1, 1]] }, f2: { rows: [[4, 'd2', 1, 1], [5, 'd2', 1, 1], [6, 'd2', 1, 1]] } }, runs: [['f1', 'f2']] });
  it('before commit in tracking-atomic falls inside the last file\'s transaction', async () => {
    await sim(two).lane('tracking-atomic').crashAt({ before: 'commit' }).runToEnd().expect({ rows: 6, verdict: 'exactly-once', attemptsRows: [3, 6] });
  });
  it('before commit in naive falls after everything is committed', async () => {
    await sim(two).lane('naive').crashAt({ before: 'commit' }).runToEnd().expect({ rows: 12, duplicates: 6, attemptsRows: [6, 12] });
  });
  it('after write of the last file is after the MERGE commits', async () => {
    await sim(two).lane('merge').crashAt({ after: 'write', file: 'f2' }).runToEnd().expect({ rows: 6, verdict: 'exactly-once', attemptsRows: [6, 6] });
  });
  it('after write of an earlier file is inside the anti-join transaction', async () => {
    await sim(two).lane('anti-join').crashAt({ after: 'write', file: 'f1' }).runToEnd().expect({ rows: 6, attemptsRows: [0, 6] });
  });
  it('after delete in overwrite-nonatomic leaves the partition empty', async () => {
    const doc = scenario({ files: { f1: { rows: [[1, 'd1', 1, 1], [2, 'd1', 1, 1]] } }, runs: [['f1'], ['f1']], maxAttempts: 2 });
    const r = await sim(doc).lane('overwrite-nonatomic').errorAt({ after: 'delete' }, 2, 1).errorAt({ after: 'delete' }, 2, 2).runToEnd();
    r.expect({ rows: 0, lost: 2, error: 'injected error at after delete f1', attemptsRows: [2, 0, 0] });
  });
  it('after delete in a lane that deletes nothing is the moment before the write (MERGE too)', async () => {
    for (const lane of ['merge', 'merge-latest', 'anti-join', 'naive'])
      await sim(two).lane(lane).errorAt({ after: 'delete', file: 'f2' }).runToEnd().expect({ error: null, rows: lane === 'naive' ? 9 : 6, attemptsRows: lane === 'naive' ? [3, 9] : [0, 6] });
  });
  it('a late record wipes its old partition in both overwrite lanes', async () => {
    const doc = scenario({ files: { f1: { rows: [[1, 'd1', 1, 1], [2, 'd1', 1, 1]] }, f2: { rows: [[3, 'd2', 1, 1], [4, 'd1', 1, 1]] } }, runs: [['f1'], ['f2']] });
    for (const lane of ['overwrite', 'overwrite-nonatomic']) await sim(doc).lane(lane).runToEnd().expect({ rows: 2, lost: 2, verdict: 'lost' });
  });
  it('a fault on a skipped file never fires', async () => {
    const doc = scenario({ files: { f1: { rows: [[1, 'd1', 1, 1]] } }, runs: [['f1'], ['f1']] });
    const r = await sim(doc).lane('tracking').crashAt({ before: 'write' }, 2).runToEnd();
    r.expect({ rows: 1, verdict: 'exactly-once', attemptsRows: [1, 1] });
  });
});

describe('the driver steps, seeks, queries and replays mid-chain', () => {
  it('naive: the crash leaves 6 rows, the retry appends 10, and the same seed replays under another schedule', async () => {
    await sim(oneFile)
      .lane('naive')
      .crashAt({ afterRows: 6 })
      .step(4)
      .expectTrace((t) => expect(t.map((e) => e.kind)).toEqual(['start', 'read', 'write', 'write']))
      .runToEnd()
      .expect({ rows: 16, duplicates: 6, attemptsRows: [6, 16] })
      .expectTrace((t) => expect(t.find((e) => e.kind === 'crash')?.error).toBe('crash at afterRows 6'))
      .seek(0)
      .expectDestRows(0)
      .seek(9)
      .expectDestRows(6)
      .query('SELECT COUNT(*) FROM dest WHERE _attempt = 1', (r) => expect(r.rows[0]?.[0]).toBe(6))
      .play([{ run: 1, attempt: 1, kind: 'error', at: { before: 'commit' } }])
      .runToEnd()
      .expect({ rows: 20, duplicates: 10, attemptsRows: [10, 20] })
      .play([])
      .runToEnd()
      .expect({ rows: 10, verdict: 'exactly-once', attemptsRows: [10] });
  });
});
