/**
 * Where a lane's time goes (a development aid, not a test): runs each lane of a scenario in this thread, one after the
 * other, and prints every step that took longer than MIN ms (default 150).
 * Run: `npx tsx bench/profile.ts [scenario.json] [lane,lane…]` (default: the headline scenario, all lanes); on native
 * SQLite: `RUNTWICE_BENCH_SQLITE=native npx tsx bench/profile.ts`. Each line gives wall and CPU (user+sys) time: on
 * a busy machine the CPU time is the steadier figure. For where the time goes inside, add `node --cpu-prof`:
 * `node --cpu-prof --import tsx bench/profile.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeBackend } from '../src/db/nodeBackend';
import { Simulation } from '../src/engine/simulation';
import { formatIssue, parseScenarioText } from '../src/engine/validate';

const file = process.argv[2] ?? join(import.meta.dirname, '../scenarios/01-seed-800k.json');
const lanes = process.argv[3]?.split(',');
const min = Number(process.env.MIN ?? 150);

const parsed = parseScenarioText(readFileSync(file, 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.map(formatIssue).join('\n'));
const cpu = (from: NodeJS.CpuUsage): string => {
  const u = process.cpuUsage(from);
  return `cpu ${((u.user + u.system) / 1000).toFixed(0)} ms`;
};
let t = performance.now();
let c = process.cpuUsage();
const sim = await Simulation.create(await nodeBackend(), parsed.scenario, lanes, { interactive: false });
console.log(`seed ${(performance.now() - t).toFixed(0)} ms, ${cpu(c)}`);
{
  // what every lane pays first: a database cloned from the seed image
  t = performance.now();
  c = process.cpuUsage();
  const db = await sim.prepared.backend.clone(sim.prepared.seed.template);
  await db.close();
  console.log(`clone of the seed ${(performance.now() - t).toFixed(0)} ms, ${cpu(c)}`);
}
for (const lane of sim.lanes) {
  t = performance.now();
  c = process.cpuUsage();
  let last = t;
  await lane.runToEnd((e) => {
    const now = performance.now();
    if (now - last > min) console.log(`   ${lane.spec.id} ${e.kind} ${e.label.slice(0, 70)}: ${(now - last).toFixed(0)} ms`);
    last = now;
  });
  console.log(`${lane.spec.id} ${(performance.now() - t).toFixed(0)} ms, ${cpu(c)}`);
  await lane.release();
}
