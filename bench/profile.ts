/**
 * Where a lane's time goes (a development aid, not a test): runs each lane of a scenario in this thread, one after the
 * other, and prints every step that took longer than MIN ms (default 150).
 * Run: `npx tsx bench/profile.ts [scenario.json] [lane,lane…]` (default: the headline scenario, all lanes).
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
let t = performance.now();
const sim = await Simulation.create(await nodeBackend(), parsed.scenario, lanes, { interactive: false });
console.log(`seed ${(performance.now() - t).toFixed(0)} ms`);
for (const lane of sim.lanes) {
  t = performance.now();
  let last = t;
  await lane.runToEnd((e) => {
    const now = performance.now();
    if (now - last > min) console.log(`   ${lane.spec.id} ${e.kind} ${e.label.slice(0, 70)}: ${(now - last).toFixed(0)} ms`);
    last = now;
  });
  console.log(`${lane.spec.id} ${(performance.now() - t).toFixed(0)} ms`);
  await lane.release();
}
