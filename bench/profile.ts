import { readFileSync } from 'node:fs';
import { nodeBackend } from '../src/db/nodeBackend';
import { parseScenarioText } from '../src/engine/validate';
import { Simulation } from '../src/engine/simulation';
const p = parseScenarioText(readFileSync('/tmp/sc/headline.json','utf8'));
if (!p.ok) throw 1;
const b = await nodeBackend();
let t = Date.now();
const ids = process.argv.slice(2); const sim = await Simulation.create(b, p.scenario, ids.length ? ids : undefined);
console.log('seed', Date.now()-t);
for (const lane of sim.lanes) {
  t = Date.now(); let last = t;
  await lane.runToEnd((e) => { const now = Date.now(); if (now-last > (process.env.MIN ? +process.env.MIN : 150)) console.log('  ', lane.spec.id, e.kind, e.label.slice(0,60), now-last); last = now; });
  console.log(lane.spec.id, Date.now()-t);
  await lane.release();
}
