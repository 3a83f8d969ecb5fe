import * as Comlink from 'comlink';
import type { EngineClient } from './client';
import { EnginePoolClient, lanesWorkerHandle, type LanesWorkerHandle } from './enginePool';
import type { PoolOpenOutcome } from './laneCore';
import type { PgLanesWorkerApi } from './pgLanes.worker';

/**
 * The empty cluster (a gzipped data directory, ~4.5 MB) the first PostgreSQL worker's initdb made: the pool restarts
 * its worker on every load, cancel and timeout, and each new one starts from this instead of running initdb again.
 */
let emptyCluster: Uint8Array | null = null;

/** The PostgreSQL (PGlite) lanes worker bundled by Vite, behind comlink, as the engine pool's worker handle. */
export function spawnPgLanesWorker(): LanesWorkerHandle {
  const worker = new Worker(new URL('./pgLanes.worker.ts', import.meta.url), { type: 'module', name: 'runtwice-engine-postgres' });
  const api = Comlink.wrap<PgLanesWorkerApi>(worker);
  const { handle, guard } = lanesWorkerHandle(worker, api, 'the PostgreSQL (PGlite) worker');
  // (a copy: this page keeps its own for the next worker)
  const ready = emptyCluster ? api.setBase(emptyCluster.slice()) : Promise.resolve();
  return {
    ...handle,
    async open(doc) {
      await guard(ready);
      const out = await guard(api.open(doc) as Promise<PoolOpenOutcome>);
      emptyCluster ??= await guard(api.takeBase());
      return out;
    },
  };
}

/**
 * The playground's engine on PostgreSQL: the same pool as SQLite's with ONE worker (every PGlite instance costs
 * ~130 MB or more of WebAssembly memory; lanes run one after another, each freed once it has run).
 */
export function createPgPool(): EngineClient {
  return new EnginePoolClient(spawnPgLanesWorker, 1, () => 1);
}
