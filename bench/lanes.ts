/**
 * Per-lane breakdown (a development aid): the headline scenario, all ten lanes, through the CLI code path (two worker
 * threads), in this process. Reports each lane's time and the process's peak RSS (worker threads included), sampled.
 * Run: `npx tsx bench/lanes.ts [scenario.json]`; on native SQLite: `RUNTWICE_BENCH_SQLITE=native npx tsx bench/lanes.ts`.
 * `npm run bench` measures whole processes of both engines side by side.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario, type Timings } from '../src/cli/runScenario';
import { nodeBackend } from '../src/db/nodeBackend';
import { formatIssue, parseScenarioText } from '../src/engine/validate';

async function main(): Promise<void> {
  const file = process.argv[2] ?? join(import.meta.dirname, '../scenarios/01-seed-800k.json');
  const parsed = parseScenarioText(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.map(formatIssue).join('\n'));
  let peak = process.memoryUsage.rss();
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const timings: Timings = {};
  const t0 = performance.now();
  const report = await runScenario(await nodeBackend(), parsed.scenario, null, timings);
  const total = performance.now() - t0;
  clearInterval(sample);
  const ms = (n: number | undefined): string => `${(n ?? 0).toFixed(0).padStart(6)} ms`;
  console.log(`scenario ${report.scenario} on ${process.env.RUNTWICE_BENCH_SQLITE === 'native' ? 'native SQLite' : 'sql.js'}`);
  const seed = timings['(seed)'];
  if (seed) console.log(`${'seed image'.padEnd(20)} ${ms(seed.ms)}  (built once, started at ${ms(seed.start)})`);
  for (const [id, m] of Object.entries(report.lanes))
    console.log(`${id.padEnd(20)} ${ms(timings[id]?.ms)}  ${m.verdict.padEnd(12)} rows ${m.rows.toLocaleString('en-US').padEnd(10)} started at ${ms(timings[id]?.start)}`);
  console.log(`${'total (wall)'.padEnd(20)} ${total.toFixed(0).padStart(6)} ms   (lanes run on 2 threads)`);
  console.log(`peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB`);
  console.log(`expect ${report.expect.ok ? 'ok' : `FAILED: ${report.expect.failures.join('; ')}`}`);
}

void main();
