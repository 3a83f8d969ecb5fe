/**
 * Prints every lane's trace of a scenario, one line per step, then its final metrics (a development aid for checking
 * a scenario by hand against PATTERNS.md).
 * Run: `npx tsx bench/trace.ts <scenario.json> [lane,lane…]`.
 */
import { readFileSync } from 'node:fs';
import { nodeBackend } from '../src/db/nodeBackend';
import { Simulation } from '../src/engine/simulation';
import { formatIssue, parseScenarioText } from '../src/engine/validate';

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx bench/trace.ts <scenario.json> [lane,lane…]');
const parsed = parseScenarioText(readFileSync(file, 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.map(formatIssue).join('\n'));
const sim = await Simulation.create(await nodeBackend(), parsed.scenario, process.argv[3]?.split(','));
await sim.runToEnd();
for (const lane of sim.lanes) {
  console.log(`== ${lane.spec.id}`);
  for (const e of lane.trace) {
    const counts = e.counts ? JSON.stringify(e.counts) : '';
    console.log(e.tick, e.step, `${e.run}.${e.attempt}`, e.kind, e.label, e.error ?? '', e.destRows, e.txOpen ? 'TX' : '', counts);
  }
  console.log(JSON.stringify(lane.metrics));
}
await sim.close();
