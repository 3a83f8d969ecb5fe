import * as Comlink from 'comlink';
import { pgliteBackend } from '../db/pgliteBackend';
import type { SqlBackend } from '../db/port';
import type { StepCount } from '../engine/positions';
import type { Seed } from '../engine/seed';
import type { Scenario } from '../engine/validate';
import { LaneCore, type LaneProgress, type PoolOpenOutcome } from './laneCore';

/** The empty cluster this worker starts templates from (from the page: an earlier worker's initdb), or made here. */
let base: Blob | undefined;
/** The empty cluster made here by initdb, for the page to keep. */
let made: Blob | null = null;
let backend: Promise<SqlBackend> | null = null;
const pglite = (): Promise<SqlBackend> => (backend ??= Promise.resolve(pgliteBackend({ base, onBase: (b) => (made = b) })));

/**
 * PGlite does not reject its start when one of its files cannot be downloaded: the failure surfaces as an unhandled
 * rejection in this worker and the start never ends. Every call races it, so the page hears the failure.
 */
let fail: (e: Error) => void = () => {};
const failed = new Promise<never>((_, reject) => {
  fail = reject;
});
failed.catch(() => {});
self.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
  const reason = e.reason as { message?: unknown } | undefined;
  fail(new Error(`PGlite could not start: ${typeof reason?.message === 'string' ? reason.message : String(e.reason)}`));
});
const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, failed]);

// Every lane's database is a PGlite instance of its own (~130 MB of WebAssembly memory at least): each is freed once
// its lane has run, and the console keeps at most the one it last used (rebuilt by replaying: no snapshots).
const core = new LaneCore(pglite, { releaseAfterRun: true });

/** The engine pool's worker on PostgreSQL (PGlite): the lanes worker's API over a PGlite backend. */
const api = {
  /** Hands over an empty cluster (gzipped data directory) so that this worker skips initdb; before any `open`. */
  setBase(bytes: Uint8Array): void {
    if (!backend) base = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  },
  /** The empty cluster initdb made in this worker, once (null when it came from the page or none was made yet). */
  async takeBase(): Promise<Uint8Array | null> {
    const b = made;
    made = null;
    if (!b) return null;
    const bytes = new Uint8Array(await b.arrayBuffer());
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
  /**
   * Validates and seeds the document. The seed (a ~40 MB data directory image) stays here: the PostgreSQL pool has
   * this one worker, so no other prepares from a copy; an empty image stands in for it.
   */
  async open(doc: unknown): Promise<PoolOpenOutcome> {
    const out = await guard(core.open(doc));
    if (!out.ok) return out;
    return { ...out, seed: { ...out.seed, template: { kind: 'image', bytes: new Uint8Array(0) } } };
  },
  async prepare(scenario: Scenario, seed: Seed): Promise<void> {
    await core.prepare(scenario, seed);
  },
  async run(laneId: string, onProgress?: LaneProgress) {
    try {
      return await guard(core.run(laneId, onProgress));
    } catch (e) {
      // the engine's words name SQLite's case; here the engine is PostgreSQL, in a build with one connection
      if ((e as Error).name === 'RacesNeedConnections')
        throw new Error('this scenario races two runners on two connections to one database: PGlite has one connection per database, so races run only on a PostgreSQL server (npm run sim -- <scenario> --engine postgres://…)');
      throw e;
    }
  },
  async seek(laneId: string, count: StepCount) {
    await core.releaseOthers(laneId);
    return guard(core.seek(laneId, count));
  },
  async query(laneId: string, count: StepCount, sql: string) {
    await core.releaseOthers(laneId);
    return guard(core.query(laneId, count, sql));
  },
  async queryEach(laneId: string, count: StepCount, statements: string[]) {
    await core.releaseOthers(laneId);
    return guard(core.queryEach(laneId, count, statements));
  },
};

export type PgLanesWorkerApi = typeof api;

Comlink.expose(api);
