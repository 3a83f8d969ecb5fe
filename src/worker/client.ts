import type { Cursor } from '../engine/positions';
import * as Comlink from 'comlink';
import type { EngineApi, LoadOutcome, QueryOutcome, WorkerProgress } from './types';

/** A user query running longer than this is stopped by terminating the worker. */
export const QUERY_TIMEOUT_MS = 5000;

/** Raised when a request was abandoned because the worker was stopped (cancel, timeout). */
export class Stopped extends Error {
  constructor(readonly reason: 'cancelled' | 'timeout' | 'replaced') {
    super(reason);
    this.name = 'Stopped';
  }
}

/** What the store needs from the engine: a headless fake or an in-process core can stand in for the worker. */
export interface EngineClient {
  load(doc: unknown, onProgress?: (p: WorkerProgress) => void): Promise<LoadOutcome>;
  /** Rejects with `Stopped('timeout')` after `QUERY_TIMEOUT_MS`; the worker is then restarted without a scenario. */
  query(laneId: string, cursor: Cursor, sql: string): Promise<QueryOutcome>;
  /** Stops whatever runs (terminates the worker); pending calls reject with `Stopped('cancelled')`. */
  cancel(): void;
}

interface Live {
  worker: Worker;
  api: Comlink.Remote<EngineApi>;
  /** Rejects the calls pending on this worker when it is terminated. */
  abort: (reason: Stopped) => void;
  aborted: Promise<never>;
}

/**
 * The engine in a Web Worker. sql.js calls are synchronous inside the worker, so a busy worker cannot hear a
 * cancel message: cancelling terminates it and the next call starts a fresh one.
 */
export class WorkerEngineClient implements EngineClient {
  private live: Live | null = null;

  constructor(private readonly spawn: () => Worker) {}

  private ensure(): Live {
    if (this.live) return this.live;
    const worker = this.spawn();
    let abort: (reason: Stopped) => void = () => {};
    const aborted = new Promise<never>((_, reject) => {
      abort = reject;
    });
    aborted.catch(() => {});
    this.live = { worker, api: Comlink.wrap<EngineApi>(worker), abort, aborted };
    return this.live;
  }

  private stop(reason: Stopped): void {
    if (!this.live) return;
    this.live.worker.terminate();
    this.live.abort(reason);
    this.live = null;
  }

  async load(doc: unknown, onProgress?: (p: WorkerProgress) => void): Promise<LoadOutcome> {
    // a load replaces whatever the worker holds; a busy worker is restarted rather than waited for
    this.stop(new Stopped('replaced'));
    const live = this.ensure();
    const cb = onProgress ? Comlink.proxy(onProgress) : undefined;
    return Promise.race([live.api.load(doc, cb), live.aborted]);
  }

  async query(laneId: string, cursor: Cursor, sql: string): Promise<QueryOutcome> {
    const live = this.ensure();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.stop(new Stopped('timeout'));
        reject(new Stopped('timeout'));
      }, QUERY_TIMEOUT_MS);
    });
    try {
      return await Promise.race([live.api.query(laneId, cursor, sql), live.aborted, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  cancel(): void {
    this.stop(new Stopped('cancelled'));
  }
}

/** The production client: the engine worker bundled by Vite. */
export function createWorkerClient(): EngineClient {
  return new WorkerEngineClient(
    () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'runtwice-engine' }),
  );
}
