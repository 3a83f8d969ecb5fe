import * as Comlink from 'comlink';
import { asStepCount, stepsThrough, tickShownAt, type Cursor, type StepCount } from '../engine/positions';
import type { Seed } from '../engine/seed';
import { alignTimeline, eventAtTick } from '../engine/timeline';
import type { Scenario } from '../engine/validate';
import { QUERY_TIMEOUT_MS, Stopped, type EngineClient } from './client';
import type { LaneProgress, PoolOpenOutcome } from './laneCore';
import type { LanesWorkerApi } from './lanes.worker';
import type { LaneResult, LoadOutcome, QueryEachOutcome, QueryOutcome, SimResult, WorkerProgress } from './types';

/** One worker of the pool as the pool sees it (the browser's is a Web Worker behind comlink; tests use LaneCore). */
export interface LanesWorkerHandle {
  open(doc: unknown): Promise<PoolOpenOutcome>;
  /** Prepares a validated scenario from a seed built elsewhere, which it may take over (a transferred image). */
  prepare(scenario: Scenario, seed: Seed): Promise<void>;
  run(laneId: string, onProgress?: LaneProgress): Promise<LaneResult>;
  seek(laneId: string, count: StepCount): Promise<{ ok: boolean; error: string | null; ms: number }>;
  query(laneId: string, count: StepCount, sql: string): Promise<QueryOutcome>;
  queryEach(laneId: string, count: StepCount, statements: string[]): Promise<QueryEachOutcome>;
  terminate(): void;
}

/** Workers for the playground: one core is left to the page, at least 2, at most 6. */
export function enginePoolSize(cores: number | undefined = globalThis.navigator?.hardwareConcurrency): number {
  return Math.min(6, Math.max(2, (cores || 2) - 1));
}

/**
 * How many workers the memory allows: each holds a copy of the seed image and, while a lane runs, that lane's
 * database (about twice the seed at the end of a duplicating lane) in its own wasm heap. A quarter of the device's
 * memory (`navigator.deviceMemory`, GB; 4 when unknown) is given to the engine.
 */
export function memoryCap(seedBytes: number, deviceGb: number | undefined = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory): number {
  const budgetMb = ((deviceGb || 4) * 1024) / 4;
  const perWorkerMb = 64 + (3 * seedBytes) / 1048576;
  return Math.max(1, Math.floor(budgetMb / perWorkerMb));
}

/** Relative run time of a pattern's lane (the CLI hands lanes out by the same measure): longest first. */
const COST: Record<string, number> = { 'anti-join': 3, 'ingestor-lock': 1 };

const copyOf = (seed: Seed): Seed =>
  seed.template.kind === 'image' ? { ...seed, template: { kind: 'image', bytes: seed.template.bytes.slice() } } : seed;

interface Live {
  workers: LanesWorkerHandle[];
  abort: (reason: Stopped) => void;
  aborted: Promise<never>;
}

/**
 * The playground's engine over a pool of workers: the first validates the document and builds the seed, the others
 * prepare from copies of it, and the lanes are handed out longest first to whichever worker is free. Each lane's
 * result and progress come back on their own: every lane finished gives a partial result (`onPartial`: the lanes
 * finished so far, aligned among themselves) that console queries answer on while the others run; the final
 * timeline is aligned once every lane has finished. A lane's console queries go to the worker that ran it. Cancel
 * (and a query over its time limit) terminates every worker.
 */
export class EnginePoolClient implements EngineClient {
  private live: Live | null = null;
  private owner = new Map<string, LanesWorkerHandle>();
  private result: SimResult | null = null;

  constructor(
    private readonly spawn: () => LanesWorkerHandle,
    private readonly size = enginePoolSize(),
    private readonly cap: (seedBytes: number) => number = memoryCap,
  ) {}

  private ensure(): Live {
    if (this.live) return this.live;
    let abort: (reason: Stopped) => void = () => {};
    const aborted = new Promise<never>((_, reject) => {
      abort = reject;
    });
    aborted.catch(() => {});
    this.live = { workers: Array.from({ length: Math.max(1, this.size) }, () => this.spawn()), abort, aborted };
    return this.live;
  }

  private stop(reason: Stopped): void {
    if (!this.live) return;
    for (const w of this.live.workers) w.terminate();
    this.live.abort(reason);
    this.live = null;
    this.owner.clear();
    this.result = null;
  }

  async load(doc: unknown, onProgress?: (p: WorkerProgress) => void, onPartial?: (r: SimResult) => void): Promise<LoadOutcome> {
    // a load replaces whatever the workers hold; busy workers are restarted rather than waited for
    this.stop(new Stopped('replaced'));
    const live = this.ensure();
    const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p, live.aborted]);
    const t0 = performance.now();
    const [first, ...rest] = live.workers as [LanesWorkerHandle, ...LanesWorkerHandle[]];
    onProgress?.({ phase: 'seed', lane: null, laneIndex: 0, lanes: 0, fraction: 0 });
    const opened = await race(first.open(doc));
    if (!opened.ok) return opened;
    const { scenario, seed, laneIds } = opened;
    // as many workers as lanes, cores and memory allow; the others are let go
    const count = Math.max(1, Math.min(live.workers.length, laneIds.length, this.cap(seed.template.kind === 'image' ? seed.template.bytes.byteLength : 0)));
    for (const w of rest.slice(count - 1)) w.terminate();
    live.workers.length = count;
    const others = rest.slice(0, count - 1);

    const fractions = new Map<string, number>(laneIds.map((id) => [id, 0]));
    const started: string[] = [];
    let last = 0;
    let current = laneIds[0] ?? null;
    const report = (force = false): void => {
      const now = performance.now();
      if (!onProgress || (!force && now - last < 80)) return;
      last = now;
      const fraction = [...fractions.values()].reduce((a, b) => a + b, 0) / Math.max(1, laneIds.length);
      onProgress({ phase: 'run', lane: current, laneIndex: Math.max(0, laneIds.indexOf(current ?? '')), lanes: laneIds.length, fraction, laneFractions: Object.fromEntries(fractions), lanesStarted: [...started] });
    };
    const onLane: LaneProgress = (id, f) => {
      fractions.set(id, f);
      current = id;
      report();
    };
    const progress = onProgress ? Comlink.proxy(onLane) : undefined;

    const patternOf = new Map(scenario.lanes.map((l) => [l.id, l.pattern as string]));
    const queue = [...laneIds].sort((a, b) => (COST[patternOf.get(b) ?? ''] ?? 2) - (COST[patternOf.get(a) ?? ''] ?? 2));
    const results = new Map<string, LaneResult>();
    const header = {
      scenarioId: scenario.id,
      truthKeys: opened.truthKeys,
      deliveredRows: opened.deliveredRows,
      runRows: opened.runRows,
      maxAttempts: opened.maxAttempts,
    };
    // The lanes finished so far, in the scenario's order, on a timeline of their own. alignTimeline writes each
    // event's tick, so a partial aligns copies of the events (a few per step): the store keeps showing an earlier
    // partial while the next is built, and the final result aligns the lanes' own traces as before.
    const partial = (): SimResult => {
      const lanes = laneIds.flatMap((id) => {
        const l = results.get(id);
        return l ? [{ ...l, trace: l.trace.map((e) => ({ ...e })) }] : [];
      });
      const { segments, ticks } = alignTimeline(lanes.map((l) => l.trace));
      return { ...header, lanes, segments, ticks, elapsedMs: Math.round(performance.now() - t0), allLanes: [...laneIds] };
    };
    const work = async (w: LanesWorkerHandle): Promise<void> => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        this.owner.set(id, w);
        started.push(id);
        report(true);
        const lane = await race(w.run(id, progress));
        // a load replaced or cancelled meanwhile has already rejected: nothing of it may reach the caller
        if (this.live !== live) return;
        results.set(id, lane);
        fractions.set(id, 1);
        report(true);
        if (onPartial) {
          // queries and seeks answer on the finished lanes at once (`at` reads this.result)
          this.result = partial();
          onPartial(this.result);
        }
      }
    };
    // the first worker starts on the lanes at once; the others as soon as they hold their copy of the seed
    await race(
      Promise.all([
        work(first),
        ...others.map((w, i) => w.prepare(scenario, i === others.length - 1 ? seed : copyOf(seed)).then(() => work(w))),
      ]),
    );
    const lanes = laneIds.map((id) => results.get(id) as LaneResult);
    const { segments, ticks } = alignTimeline(lanes.map((l) => l.trace));
    this.result = { ...header, lanes, segments, ticks, elapsedMs: Math.round(performance.now() - t0) };
    return { ok: true, result: this.result };
  }

  /** The worker that ran the lane and the lane's step count at the cursor (the events the cursor has passed). */
  private at(laneId: string, cursor: Cursor): { worker: LanesWorkerHandle; count: StepCount } | null {
    const worker = this.owner.get(laneId);
    const lane = this.result?.lanes.find((l) => l.id === laneId);
    if (!worker || !lane) return null;
    const tick = tickShownAt(cursor);
    const e = tick === null ? null : eventAtTick(lane.trace, tick);
    return { worker, count: e ? stepsThrough(e.step) : asStepCount(0) };
  }

  async query(laneId: string, cursor: Cursor, sql: string): Promise<QueryOutcome> {
    const at = this.at(laneId, cursor);
    if (!at) return { ok: false, columns: [], rows: [], error: this.result ? `no lane "${laneId}"` : 'no simulation loaded', ms: 0 };
    return this.timed(at.worker.query(laneId, at.count, sql));
  }

  async seek(laneId: string, cursor: Cursor): Promise<{ ok: boolean; error: string | null; ms: number }> {
    const at = this.at(laneId, cursor);
    if (!at || !this.live) return { ok: false, error: this.result ? `no lane "${laneId}"` : 'no simulation loaded', ms: 0 };
    return Promise.race([at.worker.seek(laneId, at.count), this.live.aborted]);
  }

  async queryEach(laneId: string, cursor: Cursor, statements: string[]): Promise<QueryEachOutcome> {
    const at = this.at(laneId, cursor);
    if (!at) return { ok: false, results: [], error: this.result ? `no lane "${laneId}"` : 'no simulation loaded', ms: 0 };
    return this.timed(at.worker.queryEach(laneId, at.count, statements));
  }

  /** A user query, stopped (every worker terminated: the engine restarts without a scenario) after `QUERY_TIMEOUT_MS`. */
  private async timed<T>(call: Promise<T>): Promise<T> {
    const live = this.live;
    if (!live) return call;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.stop(new Stopped('timeout'));
        reject(new Stopped('timeout'));
      }, QUERY_TIMEOUT_MS);
    });
    try {
      return await Promise.race([call, live.aborted, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  cancel(): void {
    this.stop(new Stopped('cancelled'));
  }
}

/**
 * A pool worker's handle over its comlink API: every call is raced with the worker's failing to start or crashing
 * (`what` names it in that message). The SQLite and the PostgreSQL pools' workers differ only in what they add.
 */
export function lanesWorkerHandle(worker: Worker, api: Comlink.Remote<LanesWorkerApi>, what: string): { handle: LanesWorkerHandle; guard: <T>(p: Promise<T>) => Promise<T> } {
  let fail: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  worker.addEventListener('error', (e) => fail(new Error(`${what} failed: ${e.message || 'it could not start'}`)));
  const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, failed]);
  const handle: LanesWorkerHandle = {
    open: (doc) => guard(api.open(doc) as Promise<PoolOpenOutcome>),
    prepare: (scenario, seed) => guard(api.prepare(scenario, seed)),
    run: (laneId, onProgress) => guard(api.run(laneId, onProgress)),
    seek: (laneId, count) => guard(api.seek(laneId, count)),
    query: (laneId, count, sql) => guard(api.query(laneId, count, sql)),
    queryEach: (laneId, count, statements) => guard(api.queryEach(laneId, count, statements)),
    terminate: () => worker.terminate(),
  };
  return { handle, guard };
}

/** A lanes worker bundled by Vite, behind comlink; a seed handed to it is transferred, not copied. */
export function spawnLanesWorker(): LanesWorkerHandle {
  const worker = new Worker(new URL('./lanes.worker.ts', import.meta.url), { type: 'module', name: 'runtwice-engine' });
  const api = Comlink.wrap<LanesWorkerApi>(worker);
  const { handle, guard } = lanesWorkerHandle(worker, api, 'an engine worker');
  return {
    ...handle,
    prepare: (scenario, seed) => guard(api.prepare(scenario, seed.template.kind === 'image' ? Comlink.transfer(seed, [seed.template.bytes.buffer]) : seed)),
  };
}

/** The production engine: `enginePoolSize()` lanes workers bundled by Vite. */
export function createEnginePool(): EngineClient {
  return new EnginePoolClient(spawnLanesWorker);
}
