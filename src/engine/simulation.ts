import type { SqlBackend } from '../db/port';
import { checkExpect } from './expect';
import { Lane } from './lane';
import type { LaneMetrics } from './metrics';
import { compileModel, type Model } from './model';
import type { StepCount } from './positions';
import type { FaultDoc } from './schema';
import { buildSeed, type Seed } from './seed';
import { alignTimeline, type TimelineSegment } from './timeline';
import type { TraceEvent } from './trace';
import type { Scenario } from './validate';

/** Progress of long work, for a progress bar. */
export interface Progress {
  lane: string;
  laneIndex: number;
  lanes: number;
  step: number;
  /** 0..1 over the whole simulation, estimated from rows written. */
  fraction: number;
}

/** The CLI's JSON document (SCENARIO_FORMAT.md, "The CLI"). */
export interface SimulationReport {
  scenario: string;
  lanes: Record<string, LaneMetrics>;
  expect: { ok: boolean; failures: string[] };
}

export interface RunOptions {
  onProgress?: (p: Progress) => void;
  /** Asked between steps; true stops the run early with `Cancelled`. */
  cancelled?: () => boolean;
  /** Close each lane's database once it has finished (1M-row runs keep memory bounded). */
  releaseFinished?: boolean;
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/** Options of a play. */
export interface PlayOptions {
  /** Narrows the lanes (the scenario's order is kept). */
  lanes?: readonly string[];
  /** `false` (the CLI, benchmarks, the explorer): no snapshots, no counts between attempts. */
  interactive?: boolean;
}

/**
 * A scenario compiled and seeded once, ready to be played under any number of fault schedules: every play reuses the
 * compiled model, the seed template and the files' content hashes. Faults are a play's input, not part of the model.
 */
export class PreparedScenario {
  private constructor(
    readonly backend: SqlBackend,
    readonly model: Model,
    readonly seed: Seed,
  ) {}

  /** Compiles the scenario and builds its seed (or takes one built elsewhere: the CLI builds it once for all its threads). */
  static async create(backend: SqlBackend, scenario: Scenario, seed?: Seed): Promise<PreparedScenario> {
    const model = compileModel(scenario, seed?.contentHashes);
    return new PreparedScenario(backend, model, seed ?? (await buildSeed(backend, model)));
  }

  /** A simulation of the scenario under `schedule` (by default the document's own faults). */
  play(schedule: readonly FaultDoc[] = this.model.scenario.faults, opts: PlayOptions = {}): Simulation {
    const { lanes } = opts;
    const specs = lanes ? this.model.lanes.filter((l) => lanes.includes(l.id)) : this.model.lanes;
    return new Simulation(this, schedule, specs.map((s) => new Lane(s, this.model, this.backend, this.seed.template, schedule, opts.interactive ?? true)));
  }

  /** Frees the seed template (a server-side template database). */
  async close(): Promise<void> {
    await this.backend.dropTemplate(this.seed.template);
  }
}

/**
 * A scenario played against its lanes under one fault schedule. Drive it step by step (`stepLane`, `stepAll`,
 * `seek`) or at once (`runToEnd`); each lane keeps its own database and trace.
 */
export class Simulation {
  readonly model: Model;
  /** Keys in the truth after runs 1..r (index r-1): the line every lane is judged against. */
  readonly truthKeys: number[];

  constructor(
    readonly prepared: PreparedScenario,
    /** The faults this play runs under. */
    readonly schedule: readonly FaultDoc[],
    readonly lanes: Lane[],
  ) {
    this.model = prepared.model;
    this.truthKeys = prepared.seed.truthKeys;
  }

  /** Compiles and seeds the scenario, then plays it under the document's own faults. `laneIds` narrows the lanes. */
  static async create(
    backend: SqlBackend,
    scenario: Scenario,
    laneIds?: readonly string[],
    /** `seed`: built by `buildSeed` for this scenario elsewhere. */
    opts: { interactive?: boolean; seed?: Seed } = {},
  ): Promise<Simulation> {
    const prepared = await PreparedScenario.create(backend, scenario, opts.seed);
    return prepared.play(scenario.faults, { ...(laneIds ? { lanes: laneIds } : {}), interactive: opts.interactive ?? true });
  }

  /** The same scenario under another fault schedule: no compiling, no seeding, no hashing again. */
  play(schedule: readonly FaultDoc[], opts: PlayOptions = {}): Simulation {
    return this.prepared.play(schedule, { lanes: this.lanes.map((l) => l.spec.id), interactive: this.lanes[0] ? this.interactive : true, ...opts });
  }

  private get interactive(): boolean {
    return this.lanes[0]?.interactive ?? true;
  }

  lane(id: string): Lane {
    const lane = this.lanes.find((l) => l.spec.id === id);
    if (!lane) throw new Error(`no lane "${id}" in this simulation`);
    return lane;
  }

  /** Advances one lane by one step. */
  stepLane(id: string): Promise<TraceEvent | null> {
    return this.lane(id).advance();
  }

  /** Advances every lane by one step. */
  async stepAll(): Promise<(TraceEvent | null)[]> {
    const out: (TraceEvent | null)[] = [];
    for (const lane of this.lanes) out.push(await lane.advance());
    return out;
  }

  /** Puts a lane's database right after its `count`-th step (backwards too). */
  seek(id: string, count: StepCount): Promise<void> {
    return this.lane(id).seek(count);
  }

  /** Runs every lane to its end, one after the other, and aligns their traces on one timeline. */
  async runToEnd(opts: RunOptions = {}): Promise<{ segments: TimelineSegment[]; ticks: number }> {
    const perLane = Math.max(1, this.model.deliveredRows);
    for (const [i, lane] of this.lanes.entries()) {
      await lane.runToEnd((e) => {
        if (opts.cancelled?.()) throw new Cancelled();
        const written = Math.min(perLane * 2, e.destRows);
        opts.onProgress?.({
          lane: lane.spec.id,
          laneIndex: i,
          lanes: this.lanes.length,
          step: e.step,
          fraction: Math.min(1, (i + Math.min(1, written / (perLane * 2))) / this.lanes.length),
        });
      });
      if (opts.releaseFinished) await lane.release();
    }
    return this.align();
  }

  /** Aligns the recorded traces on one timeline (sets every event's `tick`). */
  align(): { segments: TimelineSegment[]; ticks: number } {
    return alignTimeline(this.lanes.map((l) => l.trace));
  }

  /** Final metrics of every finished lane, and the scenario's expectations checked against them. */
  report(): SimulationReport {
    const lanes: Record<string, LaneMetrics> = {};
    for (const l of this.lanes) if (l.metrics) lanes[l.spec.id] = l.metrics;
    return { scenario: this.model.scenario.id, lanes, expect: checkExpect(this.model.scenario.expect, lanes) };
  }

  async close(): Promise<void> {
    for (const l of this.lanes) await l.release();
  }
}
