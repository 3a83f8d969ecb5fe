/**
 * Whole-process measurement for the benchmarks: runs a command under GNU time (`/usr/bin/time`), which reports the
 * kernel's own accounting of the finished process tree: wall, user and system seconds, and the peak resident set of
 * the largest process (worker threads share their process's RSS).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Run {
  wall: number;
  user: number;
  sys: number;
  /** user + sys, seconds */
  cpu: number;
  /** peak RSS, MB */
  rssMb: number;
  /** what the command printed on stdout */
  stdout: string;
  code: number;
}

const TIME = '/usr/bin/time';

/** Runs `argv` once (with `env` added to this process's environment) and measures it. */
export function measure(argv: string[], env: Record<string, string> = {}): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'rt-bench-'));
  const out = join(dir, 'time.txt');
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ['-o', out, '-f', '%e %U %S %M', ...argv], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        // GNU time writes "Command exited with non-zero status N" before the figures when the command fails
        const line = readFileSync(out, 'utf8').trim().split('\n').at(-1) ?? '';
        const [wall, user, sys, kb] = line.split(' ').map(Number) as [number, number, number, number];
        resolve({ wall, user, sys, cpu: user + sys, rssMb: kb / 1024, stdout, code: code ?? -1 });
      } catch (e) {
        reject(e as Error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return { min: s[0] ?? NaN, median, max: s.at(-1) ?? NaN };
}

export const fmt = (s: Spread, digits = 2, unit = ''): string =>
  `${s.median.toFixed(digits)}${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

export const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
