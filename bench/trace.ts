import { readFileSync } from 'node:fs';
import { nodeBackend } from '../src/db/nodeBackend';
import { parseScenarioText } from '../src/engine/validate';
import { Simulation } from '../src/engine/simulation';
async function main() {
const p = parseScenarioText(readFileSync(process.argv[2]!,'utf8'));
if (!p.ok) { console.log(p.errors); return; }
const sim = await Simulation.create(await nodeBackend(), p.scenario, process.argv[3] ? process.argv[3].split(',') : undefined);
await sim.runToEnd();
for (const l of sim.lanes) { console.log('==', l.spec.id); for (const e of l.trace) console.log(e.tick, e.step, e.run+'.'+e.attempt, e.kind, e.label, e.error ?? '', e.destRows, e.txOpen?'TX':'', e.counts ? JSON.stringify(e.counts):''); console.log(JSON.stringify(l.metrics)); }
}
main();
