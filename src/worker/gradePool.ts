import * as Comlink from 'comlink';
import type { ChallengeDoc } from '../engine/challenge/format';
import { gradeLane, type ExploreFn, type GradeReport } from '../engine/challenge/grade';
import { explore } from '../engine/explore/explorer';
import { Stopped } from './client';
import { ExplorePool, poolSize, type PlayWorkerHandle } from './explorePool';
import type { GradePlayWorkerApi } from './gradePlay.worker';
import { isProbeMessage, STATEMENT_LIMIT_MS } from './gradeProbe';
import type { ValidationIssue } from '../engine/issues';

/** Where a grade is: which scenario of the challenge, and the plays of its exploration. */
export interface GradeProgress {
  scenario: string;
  index: number;
  total: number;
  done: number;
  plays: number;
}

/** A grade's end: the report, the lane's problems (paths under the lane), or the statement that did not end. */
export type GradeOutcome =
  | { kind: 'report'; report: GradeReport }
  | { kind: 'invalid'; errors: ValidationIssue[] }
  | { kind: 'stopped'; statement: string | null; scenario: string; limitMs: number };

/** What the challenge slice grades with (the browser's worker pool; tests pass a fake). */
export interface ChallengeGrader {
  grade(challenge: ChallengeDoc, lane: unknown, hooks: { onProgress?(p: GradeProgress): void; cancelled?(): boolean }): Promise<GradeOutcome>;
  /** Stops the grade under way at once (its workers are terminated); its promise rejects with `Stopped`. */
  cancel(): void;
}

/** A grading play worker, watched: `busySince` is set while a play is under way, `seen` when it last said something. */
interface Watched extends PlayWorkerHandle {
  readonly state: { plays: number; seen: number; statement: string | null };
}

function spawnWatched(): Watched {
  const worker = new Worker(new URL('./gradePlay.worker.ts', import.meta.url), { type: 'module', name: 'runtwice-grade' });
  const api = Comlink.wrap<GradePlayWorkerApi>(worker);
  const state = { plays: 0, seen: performance.now(), statement: null as string | null };
  worker.addEventListener('message', (e: MessageEvent) => {
    state.seen = performance.now();
    if (isProbeMessage(e.data)) state.statement = e.data.runtwiceProbe;
  });
  let fail: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  worker.addEventListener('error', (e) => fail(new Error(`a grading worker failed: ${e.message || 'it could not start'}`)));
  return {
    state,
    open: (doc) => Promise.race([api.open(doc), failed]),
    prepare: (scenario, seed) =>
      Promise.race([api.prepare(scenario, seed.template.kind === 'image' ? Comlink.transfer(seed, [seed.template.bytes.buffer]) : seed), failed]),
    play: async (faults, lanes, withTrace) => {
      if (state.plays++ === 0) state.seen = performance.now();
      try {
        return await Promise.race([api.play(faults, lanes, withTrace), failed]);
      } finally {
        state.plays--;
      }
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * The browser's grader: the engine's `gradeLane` over the explorer's worker pool (`ExplorePool`), one pool per
 * scenario of the challenge, its workers the explorer's play worker plus a statement probe. A worker busy with a play
 * that says nothing for `limitMs` runs a statement that does not end: every worker is terminated and the statement named.
 */
export function browserGrader(limitMs = STATEMENT_LIMIT_MS, spawn: () => Watched = spawnWatched): ChallengeGrader {
  let live: { workers: Watched[]; pool: ExplorePool | null; stop(reason: Stopped): void } | null = null;
  return {
    async grade(challenge, lane, hooks) {
      live?.stop(new Stopped('replaced'));
      const workers: Watched[] = [];
      let pool = null as ExplorePool | null;
      let abort: (reason: Stopped) => void = () => {};
      const aborted = new Promise<never>((_, reject) => {
        abort = reject;
      });
      aborted.catch(() => {});
      const me = {
        workers,
        pool,
        stop(reason: Stopped) {
          clearInterval(watch);
          pool?.terminate();
          for (const w of workers) w.terminate();
          abort(reason);
        },
      };
      live = me;
      let scenario = 'base';
      let where = { index: 0, total: 1 };
      let stuck: string | null | undefined;
      const watch = setInterval(() => {
        const now = performance.now();
        const w = workers.find((x) => x.state.plays > 0 && now - x.state.seen > limitMs);
        if (!w) return;
        stuck = w.state.statement;
        me.stop(new Stopped('timeout'));
      }, 500);
      const exploreFn: ExploreFn = async (s, opts, cancelled) => {
        pool?.terminate();
        const size = poolSize();
        const opened = await Promise.race([
          ExplorePool.open(s, () => {
            const w = spawn();
            workers.push(w);
            return w;
          }, size),
          aborted,
        ]);
        if (!opened.ok) throw new Error(`the scenario cannot be played: ${opened.errors.map((e) => e.message).join('; ')}`);
        pool = opened.pool;
        me.pool = pool;
        const { complete: _complete, ...report } = await Promise.race([
          explore(s, opened.pool, opts, {
            cancelled,
            onProgress: (p) => hooks.onProgress?.({ scenario, ...where, done: p.done, plays: p.total }),
          }),
          aborted,
        ]);
        return report;
      };
      try {
        const out = await gradeLane(challenge, lane, exploreFn, {
          onScenario: (name, index, total) => {
            scenario = name;
            where = { index, total };
            hooks.onProgress?.({ scenario: name, index, total, done: 0, plays: 1 });
          },
          cancelled: hooks.cancelled,
        });
        return out.ok ? { kind: 'report', report: out.report } : { kind: 'invalid', errors: out.errors };
      } catch (e) {
        if (stuck !== undefined) return { kind: 'stopped', statement: stuck, scenario, limitMs };
        throw e;
      } finally {
        if (live === me) live = null;
        me.stop(new Stopped('cancelled'));
      }
    },
    cancel() {
      live?.stop(new Stopped('cancelled'));
      live = null;
    },
  };
}
