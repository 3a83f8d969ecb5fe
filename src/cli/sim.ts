import { readFileSync } from 'node:fs';
import { nodeBackend } from '../db/nodeBackend';
import { parseScenarioText } from '../engine/validate';
import { parseArgs } from './args';
import { runScenario } from './runScenario';
import { renderTable } from './table';

/** `npm run -s sim -- <scenario.json> [--json] [--lanes a,b]`: exit 0 ok, 1 expectation failed, 2 bad input. */
async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (e) {
    process.stderr.write(`${args.file}: cannot read: ${(e as Error).message}\n`);
    return 2;
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok) {
    process.stderr.write(`${args.file}: invalid scenario\n${parsed.errors.map((e) => `  ${e}`).join('\n')}\n`);
    return 2;
  }
  const known = parsed.scenario.lanes.map((l) => l.id);
  const unknown = (args.lanes ?? []).filter((l) => !known.includes(l));
  if (unknown.length > 0) {
    process.stderr.write(`--lanes: unknown lane ${unknown.map((u) => `"${u}"`).join(', ')} (this scenario has ${known.join(', ')})\n`);
    return 2;
  }
  const report = await runScenario(await nodeBackend(), parsed.scenario, args.lanes);
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderTable(report)}\n`);
  return report.expect.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 3;
  },
);
