import type { Cursor } from '../engine/positions';
import * as Comlink from 'comlink';
import type { EngineApi, LoadOutcome, QueryEachOutcome, QueryOutcome, SimResult, WorkerProgress } from './types';

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
  /**
   * Runs the document. `onPartial` (where lanes finish on their own: the worker pool) receives, each time a lane
   * finishes, a result holding the lanes finished so far (aligned among themselves, `allLanes` naming every lane);
   * queries and seeks then answer on those lanes while the others run. The promise resolves with the final result.
   */
  load(doc: unknown, onProgress?: (p: WorkerProgress) => void, onPartial?: (r: SimResult) => void): Promise<LoadOutcome>;
  /** Rejects with `Stopped('timeout')` after `QUERY_TIMEOUT_MS`; the worker is then restarted without a scenario. */
  query(laneId: string, cursor: Cursor, sql: string): Promise<QueryOutcome>;
  /** Rebuilds the lane at the cursor, untimed (a lane of the 1M headline takes seconds); the query after it is timed alone. */
  seek?(laneId: string, cursor: Cursor): Promise<{ ok: boolean; error: string | null; ms: number }>;
  /** Statements in order in one scratch copy of the lane; stopped like `query` after `QUERY_TIMEOUT_MS`. */
  queryEach?(laneId: string, cursor: Cursor, statements: string[]): Promise<QueryEachOutcome>;
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

  /** One worker runs every lane in turn: there is no partial result to give (`onPartial` is never called). */
  async load(doc: unknown, onProgress?: (p: WorkerProgress) => void, _onPartial?: (r: SimResult) => void): Promise<LoadOutcome> {
    // a load replaces whatever the worker holds; a busy worker is restarted rather than waited for
    this.stop(new Stopped('replaced'));
    const live = this.ensure();
    const cb = onProgress ? Comlink.proxy(onProgress) : undefined;
    return Promise.race([live.api.load(doc, cb), live.aborted]);
  }

  async query(laneId: string, cursor: Cursor, sql: string): Promise<QueryOutcome> {
    return this.timed((api) => api.query(laneId, cursor, sql));
  }

  async seek(laneId: string, cursor: Cursor): Promise<{ ok: boolean; error: string | null; ms: number }> {
    const live = this.ensure();
    return Promise.race([live.api.seek(laneId, cursor), live.aborted]);
  }

  async queryEach(laneId: string, cursor: Cursor, statements: string[]): Promise<QueryEachOutcome> {
    return this.timed((api) => api.queryEach(laneId, cursor, statements));
  }

  /** A user query, stopped (the worker terminated) after `QUERY_TIMEOUT_MS`. */
  private async timed<T>(call: (api: Comlink.Remote<EngineApi>) => Promise<T>): Promise<T> {
    const live = this.ensure();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.stop(new Stopped('timeout'));
        reject(new Stopped('timeout'));
      }, QUERY_TIMEOUT_MS);
    });
    try {
      return await Promise.race([call(live.api), live.aborted, timeout]);
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
