import { parentPort, workerData } from 'node:worker_threads';
import { nodeBackend } from '../db/nodeBackend';
import type { ChallengeDoc } from '../engine/challenge/format';
import { setStatementProbe } from '../engine/custom/probe';
import { gradeHere } from './gradeRun';

/** What the grading thread is given: the challenge, the lane, and the shared memory it reports its statement in. */
export interface GradeJob {
  challenge: ChallengeDoc;
  lane: unknown;
  /** [0]: statements started (a heartbeat); [1]: length of the name; then the name's UTF-16 code units. */
  probe: SharedArrayBuffer;
}

export const PROBE_NAME_MAX = 60;

/**
 * The grading thread: the main thread watches the heartbeat and stops this thread when one statement runs longer than
 * the time limit (sql.js cannot interrupt a statement from inside), naming the statement from the shared memory.
 */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('gradeWorker must run as a worker thread');
  const job = workerData as GradeJob;
  const view = new Int32Array(job.probe);
  setStatementProbe((name) => {
    const n = Math.min(name.length, PROBE_NAME_MAX);
    for (let i = 0; i < n; i++) view[2 + i] = name.charCodeAt(i);
    view[1] = n;
    Atomics.add(view, 0, 1);
  });
  const result = await gradeHere(await nodeBackend(), job.challenge, job.lane, (name, i, n) => port.postMessage({ progress: { name, i, n } }));
  port.postMessage({ result });
}

main().catch((e: unknown) => parentPort?.postMessage({ crash: (e as Error).stack ?? String(e) }));
