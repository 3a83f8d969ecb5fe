/**
 * Benchmark (not a test): the crash-point explorer through the CLI code path, in process. Prints where the time goes
 * (prepare = compile + seed, the clean play, the fault plays) and the peak RSS.
 * Run: `npx tsx bench/explore.ts [scenario.json] [depth]` (default scenarios/02-crash-before-mark.json, depth 1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeBackend } from '../src/db/nodeBackend';
import { explore } from '../src/engine/explore/explorer';
import { localExecutor } from '../src/engine/explore/localExecutor';
import type { PlayExecutor } from '../src/engine/explore/types';
import { PreparedScenario } from '../src/engine/simulation';
import { formatIssue, parseScenarioText } from '../src/engine/validate';

async function main(): Promise<void> {
  const file = process.argv[2] ?? join(import.meta.dirname, '../scenarios/02-crash-before-mark.json');
  const depth = Number(process.argv[3] ?? 1) as 1 | 2;
  const parsed = parseScenarioText(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.map(formatIssue).join('\n'));
  let peak = process.memoryUsage.rss();
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const t0 = performance.now();
  const backend = await nodeBackend();
  const prepared = await PreparedScenario.create(backend, parsed.scenario);
  const tPrepared = performance.now();
  const local = localExecutor(prepared);
  let plays = 0;
  let lanePlays = 0;
  let playMs = 0;
  const timed: PlayExecutor = {
    concurrency: local.concurrency,
    async play(faults, lanes, withTrace) {
      const t = performance.now();
      const out = await local.play(faults, lanes, withTrace);
      playMs += performance.now() - t;
      plays += 1;
      lanePlays += lanes.length;
      return out;
    },
  };
  let lastLine = 0;
  const report = await explore(parsed.scenario, timed, { depth, kinds: ['crash', 'error'] }, {
    onProgress: (p) => {
      const now = performance.now();
      if (now - lastLine > 5000) {
        lastLine = now;
        console.log(`  ${p.phase}: ${p.done}/${p.total} plays at ${((now - t0) / 1000).toFixed(1)} s`);
      }
    },
  });
  const total = performance.now() - t0;
  clearInterval(sample);
  await prepared.close();
  console.log(`scenario ${report.scenario}, depth ${depth}: ${report.schedules.length - 1} schedules, ${plays} plays (${lanePlays} lane plays)`);
  console.log(`prepare (compile + seed)  ${(tPrepared - t0).toFixed(0).padStart(7)} ms`);
  console.log(`plays                     ${playMs.toFixed(0).padStart(7)} ms   (${(playMs / Math.max(1, lanePlays)).toFixed(1)} ms per lane play)`);
  console.log(`total (wall, in process)  ${total.toFixed(0).padStart(7)} ms   (budget: depth 1 ≤ 5,000 ms, depth 2 ≤ 60,000 ms on scenario 02)`);
  console.log(`peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB`);
}

void main();
