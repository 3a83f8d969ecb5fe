import { asStepCount } from '../../src/engine/positions';
import { expect } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { LaneMetrics } from '../../src/engine/metrics';
import type { FaultDoc, FaultMoment, LaneExpect, ScenarioInput } from '../../src/engine/schema';
import type { Lane } from '../../src/engine/lane';
import { PreparedScenario, type Simulation } from '../../src/engine/simulation';
import type { TraceEvent } from '../../src/engine/trace';
import { formatIssue, validateScenario } from '../../src/engine/validate';

/** A small scenario: `files` rows given as [id, partition, value, updatedAt]. */
export function scenario(parts: {
  files: Record<string, { path?: string; rows: [number, string, number, number][] }>;
  runs: string[][];
  faults?: ScenarioInput['faults'];
  maxAttempts?: number;
  orderBy?: boolean;
}): ScenarioInput {
  return {
    format: 'runtwice/scenario@1',
    id: 'test',
    title: 'test',
    summary: '',
    story: '',
    table: {
      columns: { id: 'INTEGER', day: 'TEXT', amount: 'INTEGER', updated_at: 'INTEGER' },
      key: ['id'],
      partitionBy: 'day',
      ...(parts.orderBy === false ? {} : { orderBy: 'updated_at' }),
    },
    files: Object.fromEntries(
      Object.entries(parts.files).map(([id, f]) => [
        id,
        {
          path: f.path ?? `landing/${id}.csv`,
          rows: f.rows.map(([i, day, amount, updated_at]) => ({ row: { id: i, day, amount, updated_at } })),
        },
      ]),
    ),
    runs: parts.runs.map((input) => ({ input })),
    faults: parts.faults ?? [],
    retry: { maxAttempts: parts.maxAttempts ?? 3 },
  };
}

type Want = LaneExpect & { attemptsRows?: number[] };

function expectMetrics(laneId: string, metrics: LaneMetrics | null, want: Want): void {
  if (!metrics) throw new Error(`${laneId} has not finished: run it to its end first`);
  const { attemptsRows, ...rest } = want;
  for (const [k, v] of Object.entries(rest)) expect(metrics[k as keyof LaneMetrics], `${laneId}.${k}`).toEqual(v);
  if (attemptsRows) expect(metrics.attempts.map((a) => a.rows), `${laneId} attempts rows`).toEqual(attemptsRows);
}

/** What an awaited TestSimulation gives: the lane's trace and metrics where the chain ended. */
export interface TestResult {
  trace: TraceEvent[];
  metrics: LaneMetrics;
  expect(want: Want): TestResult;
}

/**
 * A chainable driver for one lane of a small scenario. Every call queues an action and returns `this`; awaiting the
 * chain runs them in order and gives the lane's trace and metrics:
 *
 *   await sim(doc).lane('naive').crashAt({ afterRows: 6 }).runToEnd().expect({ rows: 16 })
 *     .seek(3).expectDestRows(3).query('SELECT …', (r) => …)
 *     .play([{ run: 1, attempt: 1, kind: 'error', at: { before: 'commit' } }]).runToEnd().expect({ … });
 *
 * `play` switches the chain to the same compiled and seeded scenario under another fault schedule.
 */
export class TestSimulation implements PromiseLike<TestResult> {
  private laneId = 'naive';
  private readonly faults: FaultDoc[] = [];
  private readonly actions: (() => Promise<void>)[] = [];
  private prepared: PreparedScenario | null = null;
  private current: Simulation | null = null;

  constructor(private readonly doc: ScenarioInput) {}

  private queue(action: () => Promise<void>): this {
    this.actions.push(action);
    return this;
  }

  /** The simulation of the chain's lane (compiled, seeded and played under the faults given so far, on first use). */
  private async simulation(): Promise<Simulation> {
    if (this.current) return this.current;
    const v = validateScenario({ ...this.doc, faults: [...(this.doc.faults ?? []), ...this.faults] });
    if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
    this.prepared = await PreparedScenario.create(await nodeBackend(), v.scenario);
    this.current = this.prepared.play(v.scenario.faults, { lanes: [this.laneId] });
    return this.current;
  }

  private async laneNow(): Promise<Lane> {
    return (await this.simulation()).lane(this.laneId);
  }

  lane(id: string): this {
    this.laneId = id;
    return this;
  }

  crashAt(at: FaultMoment, run = 1, attempt = 1): this {
    this.faults.push({ run, attempt, kind: 'crash', at });
    return this;
  }

  errorAt(at: FaultMoment, run = 1, attempt = 1): this {
    this.faults.push({ run, attempt, kind: 'error', at });
    return this;
  }

  runToEnd(): this {
    return this.queue(async () => (await this.laneNow()).runToEnd());
  }

  /** Advances the lane by `n` steps. */
  step(n = 1): this {
    return this.queue(async () => {
      const lane = await this.laneNow();
      for (let i = 0; i < n; i++) await lane.advance();
    });
  }

  /** Puts the lane's database right after its `count`-th step (backwards too). */
  seek(count: number): this {
    return this.queue(async () => (await this.simulation()).seek(this.laneId, asStepCount(count)));
  }

  /** Runs SQL on the lane's database where it stands and hands the result to `check`. */
  query(sql: string, check: (r: { columns: string[]; rows: unknown[][] }) => void): this {
    return this.queue(async () => check(await (await this.laneNow()).query(sql)));
  }

  /** The same scenario, already compiled and seeded, under another fault schedule (the lane starts over). */
  play(schedule: FaultDoc[]): this {
    return this.queue(async () => {
      await this.simulation();
      const next = (this.prepared as PreparedScenario).play(schedule, { lanes: [this.laneId] });
      await this.current?.close();
      this.current = next;
    });
  }

  expect(want: Want): this {
    return this.queue(async () => {
      const lane = await this.laneNow();
      expectMetrics(this.laneId, lane.metrics, want);
    });
  }

  /** `dest`'s row count where the lane stands, counted by SQL, and the trace's own count for that step. */
  expectDestRows(n: number): this {
    return this.queue(async () => {
      const lane = await this.laneNow();
      const counted = Number((await lane.query('SELECT COUNT(*) FROM dest')).rows[0]?.[0]);
      expect(counted, `${this.laneId} dest rows at position ${lane.position}`).toBe(n);
      if (lane.position > 0) expect(lane.trace[lane.position - 1]?.destRows, `${this.laneId} trace at position ${lane.position}`).toBe(n);
    });
  }

  /** Checks the trace recorded so far. */
  expectTrace(check: (trace: TraceEvent[]) => void): this {
    return this.queue(async () => check((await this.laneNow()).trace));
  }

  private async result(): Promise<TestResult> {
    try {
      for (const action of this.actions.splice(0)) await action();
      const lane = await this.laneNow();
      const result: TestResult = {
        trace: lane.trace,
        metrics: lane.metrics as LaneMetrics,
        expect(want) {
          expectMetrics(lane.spec.id, lane.metrics, want);
          return result;
        },
      };
      return result;
    } finally {
      await this.current?.close();
      await this.prepared?.close();
    }
  }

  then<A = TestResult, B = never>(onfulfilled?: ((r: TestResult) => A | PromiseLike<A>) | null, onrejected?: ((e: unknown) => B | PromiseLike<B>) | null): PromiseLike<A | B> {
    return this.result().then(onfulfilled, onrejected);
  }
}

/** Starts a chain on a scenario: `sim(doc).lane('merge').crashAt(…).runToEnd().expect({…})`. */
export const sim = (doc: ScenarioInput): TestSimulation => new TestSimulation(doc);
