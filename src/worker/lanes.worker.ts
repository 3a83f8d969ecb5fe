import * as Comlink from 'comlink';
import { browserBackend } from '../db/browserBackend';
import type { StepCount } from '../engine/positions';
import type { Seed } from '../engine/seed';
import type { Scenario } from '../engine/validate';
import { LaneCore, type LaneProgress, type PoolOpenOutcome } from './laneCore';

const core = new LaneCore(browserBackend);
// compile sql.js's wasm while the pool's first worker validates and seeds
void browserBackend();

/** One worker of the playground's engine pool: comlink RPC over LaneCore. */
const api = {
  /** Validates and seeds the document; the seed comes back as a transferred copy (this worker keeps its own). */
  async open(doc: unknown): Promise<PoolOpenOutcome> {
    const out = await core.open(doc);
    if (!out.ok || out.seed.template.kind !== 'image') return out;
    const bytes = out.seed.template.bytes.slice();
    return Comlink.transfer({ ...out, seed: { ...out.seed, template: { kind: 'image', bytes } } }, [bytes.buffer]);
  },
  async prepare(scenario: Scenario, seed: Seed): Promise<void> {
    await core.prepare(scenario, seed);
  },
  run: (laneId: string, onProgress?: LaneProgress) => core.run(laneId, onProgress),
  seek: (laneId: string, count: StepCount) => core.seek(laneId, count),
  query: (laneId: string, count: StepCount, sql: string) => core.query(laneId, count, sql),
  queryEach: (laneId: string, count: StepCount, statements: string[]) => core.queryEach(laneId, count, statements),
};

export type LanesWorkerApi = typeof api;

Comlink.expose(api);
