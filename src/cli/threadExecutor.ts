import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PlayExecutor, PlayOutcome } from '../engine/explore/types';
import type { PreparedScenario } from '../engine/simulation';
import type { PlayRequest } from './playWorker';
import { engineRef } from './engine';

/** At most this many play threads: each holds the seed and a lane database per play under way. */
export const MAX_PLAY_THREADS = 4;

/**
 * Plays on worker threads, one per core (capped): each thread prepares the scenario once from the seed the main thread
 * built (no compiling, seeding or hashing again) and plays the schedules it is handed, one at a time.
 */
export async function threadExecutor(prepared: PreparedScenario, threads = Math.min(MAX_PLAY_THREADS, availableParallelism())): Promise<PlayExecutor & { close(): Promise<void> }> {
  const isTs = import.meta.url.endsWith('.ts');
  const url = new URL(isTs ? './playWorkerBoot.mjs' : './playWorker.js', import.meta.url);
  const pending = new Map<number, { resolve: (o: Record<string, PlayOutcome>) => void; reject: (e: Error) => void }>();
  const workers = await Promise.all(
    Array.from(
      { length: Math.max(1, threads) },
      (_, i) =>
        new Promise<Worker>((resolve, reject) => {
          // the seed crosses as it is: a sql.js image, or a server template's name (with the server's URL)
          const workerData = { scenario: prepared.model.scenario, seed: prepared.seed, engine: engineRef(prepared.backend, `p${i + 1}`) };
          const w = new Worker(url, { workerData });
          w.on('message', (msg: { ready?: true; id?: number; outcomes?: Record<string, PlayOutcome>; error?: string }) => {
            if (msg.ready) return resolve(w);
            const p = pending.get(msg.id as number);
            if (!p) return;
            pending.delete(msg.id as number);
            if (msg.error !== undefined) p.reject(new Error(msg.error));
            else p.resolve(msg.outcomes as Record<string, PlayOutcome>);
          });
          w.on('error', (e) => {
            reject(e);
            for (const p of pending.values()) p.reject(e);
          });
        }),
    ),
  );
  const busy = workers.map(() => 0);
  let next = 0;
  return {
    concurrency: workers.length,
    play(faults, lanes, withTrace) {
      // the least busy thread (the explorer keeps `concurrency` plays under way: one each)
      const i = busy.indexOf(Math.min(...busy));
      const w = workers[i] as Worker;
      const req: PlayRequest = { id: next++, faults, lanes: [...lanes], withTrace };
      busy[i] = (busy[i] ?? 0) + 1;
      return new Promise<Record<string, PlayOutcome>>((resolve, reject) => {
        pending.set(req.id, {
          resolve: (o) => ((busy[i] = (busy[i] ?? 1) - 1), resolve(o)),
          reject: (e) => ((busy[i] = (busy[i] ?? 1) - 1), reject(e)),
        });
        w.postMessage(req);
      });
    },
    async close() {
      // a thread's lane databases on a server are dropped with the main thread's (closeBackend sweeps its prefix)
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
