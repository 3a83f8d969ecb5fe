import * as Comlink from 'comlink';
import type { PlayExecutor, PlayOutcome } from '../engine/explore/types';
import type { ValidationIssue } from '../engine/issues';
import type { FaultDoc } from '../engine/schema';
import type { Seed } from '../engine/seed';
import type { Scenario } from '../engine/validate';
import { Stopped } from './client';
import type { PlayWorkerApi } from './play.worker';
import type { OpenOutcome } from './playCore';

/** One worker of the pool as the pool sees it (the browser's is a Web Worker behind comlink; tests use PlayCore). */
export interface PlayWorkerHandle {
  /** Validates the document and prepares it, building the seed; returns the scenario and a copy of the seed. */
  open(doc: unknown): Promise<OpenOutcome>;
  /** Prepares a validated scenario from a seed built elsewhere, which it may take over (a transferred image). */
  prepare(scenario: Scenario, seed: Seed): Promise<void>;
  play(faults: FaultDoc[], lanes: readonly string[], withTrace: boolean): Promise<Record<string, PlayOutcome>>;
  terminate(): void;
}

/** A pool with the scenario it plays, or the reasons the document cannot be explored. */
export type PoolOpen = { ok: true; pool: ExplorePool; scenario: Scenario } | { ok: false; errors: ValidationIssue[] };

/** Workers for the explorer: one core is left to the page, at least 2, at most 4. */
export function poolSize(cores: number | undefined = globalThis.navigator?.hardwareConcurrency): number {
  return Math.min(4, Math.max(2, (cores || 2) - 1));
}

/** Plays queued per worker: a worker starts its next play the moment one ends, without a round trip. */
const PER_WORKER = 2;

const copyOf = (seed: Seed): Seed =>
  seed.template.kind === 'image' ? { ...seed, template: { kind: 'image', bytes: seed.template.bytes.slice() } } : seed;

/**
 * The explorer's executor in the browser: a pool of play workers, each holding the scenario prepared once from one
 * seed (built by the first worker, copied to the others). Plays go to the least busy worker; `terminate` stops them
 * all and rejects the plays under way with `Stopped('cancelled')`.
 */
export class ExplorePool implements PlayExecutor {
  readonly concurrency: number;
  private readonly busy: number[];
  private next = 0;
  private stopped = false;
  private abort: (reason: Stopped) => void = () => {};
  private readonly aborted: Promise<never>;

  private constructor(private readonly workers: PlayWorkerHandle[]) {
    this.concurrency = workers.length * PER_WORKER;
    this.busy = workers.map(() => 0);
    this.aborted = new Promise<never>((_, reject) => {
      this.abort = reject;
    });
    this.aborted.catch(() => {});
  }

  /**
   * Starts `size` workers; the first validates the document and builds the seed, the others prepare from copies of it.
   * An invalid document stops them all and comes back with its issues.
   */
  static async open(doc: unknown, spawn: () => PlayWorkerHandle, size = poolSize()): Promise<PoolOpen> {
    const workers = Array.from({ length: Math.max(1, size) }, spawn);
    const pool = new ExplorePool(workers);
    try {
      const [first, ...others] = workers as [PlayWorkerHandle, ...PlayWorkerHandle[]];
      const opened = await Promise.race([first.open(doc), pool.aborted]);
      if (!opened.ok) {
        pool.terminate();
        return opened;
      }
      const { scenario, seed } = opened;
      // every other worker takes its own copy (a transferred image is detached); the last one takes this one
      await Promise.race([Promise.all(others.map((w, i) => w.prepare(scenario, i === others.length - 1 ? seed : copyOf(seed)))), pool.aborted]);
      return { ok: true, pool, scenario };
    } catch (e) {
      pool.terminate();
      throw e;
    }
  }

  get size(): number {
    return this.workers.length;
  }

  async play(faults: FaultDoc[], lanes: readonly string[], withTrace: boolean): Promise<Record<string, PlayOutcome>> {
    if (this.stopped) throw new Stopped('cancelled');
    const i = this.leastBusy();
    this.busy[i] = (this.busy[i] ?? 0) + 1;
    try {
      return await Promise.race([(this.workers[i] as PlayWorkerHandle).play(faults, lanes, withTrace), this.aborted]);
    } finally {
      this.busy[i] = (this.busy[i] ?? 1) - 1;
    }
  }

  /** The worker with the fewest plays under way; ties go round the pool. */
  private leastBusy(): number {
    let best = -1;
    for (let k = 0; k < this.workers.length; k++) {
      const i = (this.next + k) % this.workers.length;
      if (best < 0 || (this.busy[i] ?? 0) < (this.busy[best] ?? 0)) best = i;
    }
    this.next = (best + 1) % this.workers.length;
    return best;
  }

  /** Stops every worker at once (sql.js cannot be interrupted: terminating is the only cancel). */
  terminate(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const w of this.workers) w.terminate();
    this.abort(new Stopped('cancelled'));
  }
}

/** A play worker bundled by Vite, behind comlink; a seed handed to it is transferred, not copied. */
export function spawnPlayWorker(): PlayWorkerHandle {
  const worker = new Worker(new URL('./play.worker.ts', import.meta.url), { type: 'module', name: 'runtwice-explore' });
  const api = Comlink.wrap<PlayWorkerApi>(worker);
  let fail: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  worker.addEventListener('error', (e) => fail(new Error(`a play worker failed: ${e.message || 'it could not start'}`)));
  return {
    open: (doc) => Promise.race([api.open(doc), failed]),
    prepare: (scenario, seed) =>
      Promise.race([api.prepare(scenario, seed.template.kind === 'image' ? Comlink.transfer(seed, [seed.template.bytes.buffer]) : seed), failed]),
    play: (faults, lanes, withTrace) => Promise.race([api.play(faults, lanes, withTrace), failed]),
    terminate: () => worker.terminate(),
  };
}

/** The browser's explorer executor: `poolSize()` play workers, opened on a document. */
export function openExplorePool(doc: unknown): Promise<PoolOpen> {
  return ExplorePool.open(doc, spawnPlayWorker);
}
