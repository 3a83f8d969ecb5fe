import type { SqlBackend } from '../db/port';
import type { PlayOutcome } from '../engine/explore/types';
import type { ValidationIssue } from '../engine/issues';
import type { FaultDoc } from '../engine/schema';
import type { Seed } from '../engine/seed';
import { PreparedScenario } from '../engine/simulation';
import { validateScenario, type Scenario } from '../engine/validate';

/** A document opened for exploring: validated (defaults applied) and prepared, with its seed; or why it cannot be. */
export type OpenOutcome = { ok: true; scenario: Scenario; seed: Seed } | { ok: false; errors: ValidationIssue[] };

/**
 * What one explorer worker does, independent of how it is reached (the play worker exposes it through comlink, tests
 * call it directly): prepares one scenario once, then plays fault schedules against it, one at a time.
 */
export class PlayCore {
  private prepared: PreparedScenario | null = null;
  /** Plays run one after the other: a second call queued behind the first starts the moment it ends. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly backend: () => Promise<SqlBackend>) {}

  /** Validates a document and prepares it, building the seed (the validator stays off the page's main thread). */
  async open(doc: unknown): Promise<OpenOutcome> {
    const v = validateScenario(doc);
    if (!v.ok) return { ok: false, errors: v.errors };
    return { ok: true, scenario: v.scenario, seed: await this.prepare(v.scenario) };
  }

  /** Compiles a validated scenario; builds its seed unless one is given. Returns the seed it plays from. */
  async prepare(scenario: Scenario, seed?: Seed): Promise<Seed> {
    await this.prepared?.close();
    this.prepared = await PreparedScenario.create(await this.backend(), scenario, seed);
    return this.prepared.seed;
  }

  /** Plays `faults` in `lanes` to the end: each lane's final metrics, and its trace when asked for. */
  play(faults: FaultDoc[], lanes: readonly string[], withTrace: boolean): Promise<Record<string, PlayOutcome>> {
    const run = this.queue.then(() => this.playNow(faults, lanes, withTrace));
    this.queue = run.catch(() => {});
    return run;
  }

  private async playNow(faults: FaultDoc[], lanes: readonly string[], withTrace: boolean): Promise<Record<string, PlayOutcome>> {
    const prepared = this.prepared;
    if (!prepared) throw new Error('play before prepare');
    const sim = prepared.play(faults, { lanes, interactive: false });
    const out: Record<string, PlayOutcome> = {};
    try {
      for (const lane of sim.lanes) {
        await lane.runToEnd();
        await lane.release();
        if (!lane.metrics) throw new Error(`lane ${lane.spec.id} ended without metrics`);
        out[lane.spec.id] = { metrics: lane.metrics, trace: withTrace ? lane.trace : [] };
      }
    } finally {
      await sim.close();
    }
    return out;
  }
}
