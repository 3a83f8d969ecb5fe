import type { SqlBackend } from '../db/port';
import { checkExpect } from './expect';
import { Lane } from './lane';
import type { LaneMetrics } from './metrics';
import { compileModel, type Model } from './model';
import { buildSeedImage, type SeedImage } from './seed';
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

/**
 * A scenario played against its lanes. Drive it step by step (`stepLane`, `stepAll`, `seek`) or at once
 * (`runToEnd`); each lane keeps its own database and trace.
 */
export class Simulation {
  private constructor(
    readonly model: Model,
    readonly lanes: Lane[],
    /** Keys in the truth after runs 1..r (index r-1): the line every lane is judged against. */
    readonly truthKeys: number[],
  ) {}

  /** Compiles the scenario and builds the image every lane starts from. `laneIds` narrows the lanes. */
  static async create(
    backend: SqlBackend,
    scenario: Scenario,
    laneIds?: string[],
    /**
     * `interactive: false` (the CLI, benchmarks): no snapshots, no counts between attempts. `seed`: an image built
     * by `buildSeedImage` for this scenario elsewhere (the CLI builds it once for all its threads).
     */
    opts: { interactive?: boolean; seed?: SeedImage } = {},
  ): Promise<Simulation> {
    const model = compileModel(scenario, opts.seed?.contentHashes);
    const { image: seed, truthKeys } = opts.seed ?? (await buildSeedImage(backend, model));
    const specs = laneIds ? scenario.lanes.filter((l) => laneIds.includes(l.id)) : scenario.lanes;
    return new Simulation(model, specs.map((s) => new Lane(s, model, backend, seed, opts.interactive ?? true)), truthKeys);
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
  seek(id: string, count: number): Promise<void> {
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
