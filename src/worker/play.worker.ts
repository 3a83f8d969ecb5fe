import * as Comlink from 'comlink';
import { browserBackend } from '../db/browserBackend';
import type { Seed } from '../engine/seed';
import type { Scenario } from '../engine/validate';
import { PlayCore, type OpenOutcome } from './playCore';

const core = new PlayCore(browserBackend);
// compile sql.js's wasm while the pool's first worker builds the seed
void browserBackend();

/** The explorer's worker (one of a pool): comlink RPC over PlayCore. */
const api = {
  /** Validates and prepares the document; the seed comes back as a transferred copy (this worker keeps its own). */
  async open(doc: unknown): Promise<OpenOutcome> {
    const out = await core.open(doc);
    if (!out.ok || out.seed.template.kind !== 'image') return out;
    const bytes = out.seed.template.bytes.slice();
    return Comlink.transfer({ ...out, seed: { ...out.seed, template: { kind: 'image', bytes } } }, [bytes.buffer]);
  },
  async prepare(scenario: Scenario, seed: Seed): Promise<void> {
    await core.prepare(scenario, seed);
  },
  play: core.play.bind(core),
};

export type PlayWorkerApi = typeof api;

Comlink.expose(api);
