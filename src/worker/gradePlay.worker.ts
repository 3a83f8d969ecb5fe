import * as Comlink from 'comlink';
import { browserBackend } from '../db/browserBackend';
import { setStatementProbe } from '../engine/custom/probe';
import type { Seed } from '../engine/seed';
import type { Scenario } from '../engine/validate';
import { PlayCore, type OpenOutcome } from './playCore';
import { HEARTBEAT_MS, type ProbeMessage } from './gradeProbe';

const core = new PlayCore(browserBackend);
void browserBackend();

// The page cannot look inside a statement (sql.js runs it synchronously here): before each statement of the custom
// lane this worker tells the page its name, so a statement that never ends is named when the page stops the worker.
// Only a new name is posted at once; the same name at most every HEARTBEAT_MS (a row-by-row statement runs thousands
// of times).
let lastName = '';
let lastAt = 0;
setStatementProbe((statement) => {
  const now = performance.now();
  if (statement === lastName && now - lastAt < HEARTBEAT_MS) return;
  lastName = statement;
  lastAt = now;
  const msg: ProbeMessage = { runtwiceProbe: statement };
  self.postMessage(msg);
});

/** A grading play worker: the explorer's play worker (PlayCore behind comlink) that names the statement it runs. */
const api = {
  async open(doc: unknown): Promise<OpenOutcome> {
    const out = await core.open(doc);
    if (!out.ok || out.seed.template.kind !== 'image') return out;
    const bytes = out.seed.template.bytes.slice();
    return Comlink.transfer({ ...out, seed: { ...out.seed, template: { kind: 'image', bytes } } }, [bytes.buffer]);
  },
  async prepare(scenario: Scenario, seed: Seed): Promise<void> {
    await core.prepare(scenario, seed);
  },
  play: core.play.bind(core),
};

export type GradePlayWorkerApi = typeof api;

Comlink.expose(api);
