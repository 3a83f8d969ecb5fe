import { Worker } from 'node:worker_threads';
import { validateChallenge, type ChallengeDoc } from '../engine/challenge/format';
import type { GradeReport } from '../engine/challenge/grade';
import { parseLaneScript } from '../engine/custom/script';
import { formatIssue, type ValidationIssue } from '../engine/issues';
import { oneLine } from '../engine/format';
import type { CliIo } from './main';
import { PROBE_NAME_MAX, type GradeJob } from './gradeWorker';

/** Seconds one statement may run before the grade stops it (the same spirit as the app's query time limit). */
export const DEFAULT_STATEMENT_LIMIT_S = 10;

interface GradeArgs {
  challenge: string;
  lane: string;
  json: boolean;
  limitS: number;
}

function parseArgs(argv: string[]): GradeArgs {
  const files: string[] = [];
  let json = false;
  let limitS = DEFAULT_STATEMENT_LIMIT_S;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--json') json = true;
    else if (a === '--time-limit') {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error('--time-limit takes a number of seconds');
      limitS = v;
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length !== 2) throw new Error('usage: npm run -s grade -- <challenge.json> <lane.json | lane.sql> [--json] [--time-limit S]');
  return { challenge: files[0] as string, lane: files[1] as string, json, limitS };
}

/** Reads the lane: a custom lane's JSON, or a lane script (`.sql`). */
function readLane(path: string, text: string): { ok: true; lane: unknown } | { ok: false; message: string } {
  if (path.endsWith('.sql')) {
    const p = parseLaneScript(text);
    return p.ok ? { ok: true, lane: p.lane } : { ok: false, message: p.issues.map((i) => `${path}:${i.line}: ${i.message}`).join('\n') };
  }
  try {
    return { ok: true, lane: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: `${path}: not JSON: ${(e as Error).message}` };
  }
}

type WorkerAnswer = { result: { ok: true; report: GradeReport } | { ok: false; errors: ValidationIssue[] } } | { crash: string } | { progress: { name: string; i: number; n: number } };

/** Runs the grade on a worker thread, stopping it when one statement runs past the limit; that is a failure of the lane. */
async function gradeOnThread(challenge: ChallengeDoc, lane: unknown, limitS: number, progress?: (t: string) => void): Promise<{ ok: true; report: GradeReport } | { ok: false; errors: ValidationIssue[] }> {
  const isTs = import.meta.url.endsWith('.ts');
  const url = new URL(isTs ? './gradeWorkerBoot.mjs' : './gradeWorker.js', import.meta.url);
  const probe = new SharedArrayBuffer(4 * (2 + PROBE_NAME_MAX));
  const view = new Int32Array(probe);
  const job: GradeJob = { challenge, lane, probe };
  const worker = new Worker(url, { workerData: job });
  return new Promise((resolve, reject) => {
    let beats = -1;
    let still = 0;
    const timer = setInterval(() => {
      const now = Atomics.load(view, 0);
      if (now !== beats) {
        beats = now;
        still = 0;
        return;
      }
      still += 0.25;
      if (still < limitS || now === 0) return;
      clearInterval(timer);
      const n = view[1] ?? 0;
      const name = String.fromCharCode(...Array.from(view.subarray(2, 2 + n)));
      void worker.terminate();
      resolve({
        ok: true,
        report: {
          challenge: challenge.id,
          passed: false,
          checked: { scenarios: 0, schedules: 0 },
          failures: [{ scenario: 'base', schedule: 'the statement never ended', faults: [], verdict: 'error', rows: 0, duplicates: 0, lost: 0, stale: 0, message: `${name} did not finish within ${limitS} s: the grade stopped it` }],
          constraints: [],
          certificate: null,
        },
      });
    }, 250);
    worker.on('message', (m: WorkerAnswer) => {
      if ('progress' in m) return progress?.(`grading ${m.progress.name} (${m.progress.i + 1}/${m.progress.n})`);
      clearInterval(timer);
      void worker.terminate();
      if ('crash' in m) reject(new Error(m.crash));
      else resolve(m.result);
    });
    worker.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
  });
}

/** The readable report: the verdict, the certificate or the smallest counterexample, the constraints. */
export function renderGrade(r: GradeReport): string {
  const out = [`${r.challenge}: ${r.passed ? 'PASSED' : 'FAILED'} (${r.checked.schedules} schedules on ${r.checked.scenarios} scenario${r.checked.scenarios === 1 ? '' : 's'})`];
  if (r.certificate) out.push(`  ${r.certificate}`);
  const first = r.failures[0];
  if (first) {
    out.push(`  smallest counterexample: ${first.scenario} · ${first.schedule} → ${first.verdict}: ${oneLine(first.message)} (rows ${first.rows})`);
    if (r.failures.length > 1) out.push(`  and ${r.failures.length - 1} more failing schedule${r.failures.length === 2 ? '' : 's'}`);
  }
  for (const k of r.constraints) out.push(`  ${k.ok ? 'ok  ' : 'FAIL'} ${k.name}: ${k.message}`);
  return out.join('\n');
}

/** `grade <challenge.json> <lane.json|lane.sql> [--json] [--time-limit S]`: 0 passed, 1 failed, 2 bad input. */
export async function runGradeCli(argv: string[], io: CliIo, progress?: (t: string) => void): Promise<number> {
  let args: GradeArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.err(`${(e as Error).message}\n`);
    return 2;
  }
  const read = (p: string): string | null => {
    try {
      return io.readFile(p);
    } catch (e) {
      io.err(`${p}: cannot read: ${(e as Error).message}\n`);
      return null;
    }
  };
  const challengeText = read(args.challenge);
  const laneText = read(args.lane);
  if (challengeText === null || laneText === null) return 2;
  let challengeJson: unknown;
  try {
    challengeJson = JSON.parse(challengeText);
  } catch (e) {
    io.err(`${args.challenge}: not JSON: ${(e as Error).message}\n`);
    return 2;
  }
  const c = validateChallenge(challengeJson);
  if (!c.ok) {
    io.err(c.errors.map((e) => `${args.challenge}: ${formatIssue(e)}`).join('\n') + '\n');
    return 2;
  }
  const lane = readLane(args.lane, laneText);
  if (!lane.ok) {
    io.err(`${lane.message}\n`);
    return 2;
  }
  const graded = await gradeOnThread(c.challenge, lane.lane, args.limitS, progress);
  if (!graded.ok) {
    io.err(graded.errors.map((e) => `${args.lane}: ${formatIssue(e)}`).join('\n') + '\n');
    return 2;
  }
  io.out(args.json ? `${JSON.stringify(graded.report, null, 2)}\n` : `${renderGrade(graded.report)}\n`);
  return graded.report.passed ? 0 : 1;
}
