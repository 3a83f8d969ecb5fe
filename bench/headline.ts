/**
 * Benchmark (not a test): the headline scenario, all ten lanes, through the CLI code path.
 * Reports per-lane time, total time and peak RSS. Run: `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeBackend } from '../src/db/nodeBackend';
import { Simulation } from '../src/engine/simulation';
import { parseScenarioText } from '../src/engine/validate';

async function main(): Promise<void> {
  const file = process.argv[2] ?? join(import.meta.dirname, '../scenarios/01-seed-800k.json');
  const parsed = parseScenarioText(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  let peak = process.memoryUsage.rss();
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const t0 = performance.now();
  const backend = await nodeBackend();
  const sim = await Simulation.create(backend, parsed.scenario, undefined, { snapshots: false });
  const seedMs = performance.now() - t0;
  const rows: string[] = [];
  for (const lane of sim.lanes) {
    const t = performance.now();
    await lane.runToEnd();
    await lane.release();
    peak = Math.max(peak, process.memoryUsage.rss());
    const m = lane.metrics;
    rows.push(`${lane.spec.id.padEnd(20)} ${(performance.now() - t).toFixed(0).padStart(6)} ms  ${m?.verdict.padEnd(12)} rows ${m?.rows.toLocaleString('en-US')}`);
  }
  const total = performance.now() - t0;
  clearInterval(sample);
  const report = sim.report();
  console.log(`scenario ${report.scenario}: ${sim.model.deliveredRows.toLocaleString('en-US')} rows delivered`);
  console.log(`${'seed image'.padEnd(20)} ${seedMs.toFixed(0).padStart(6)} ms`);
  for (const r of rows) console.log(r);
  console.log(`${'total'.padEnd(20)} ${total.toFixed(0).padStart(6)} ms   (target ≤ 10,000 ms)`);
  console.log(`peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB   (target ≤ 1,536 MB)`);
  console.log(`expect ${report.expect.ok ? 'ok' : `FAILED: ${report.expect.failures.join('; ')}`}`);
}

void main();
