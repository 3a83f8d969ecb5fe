import type { SqlBackend } from '../db/port';
import { explore } from '../engine/explore/explorer';
import { localExecutor } from '../engine/explore/localExecutor';
import { PreparedScenario } from '../engine/simulation';
import { deliveredRowCount, formatIssue, parseScenarioText } from '../engine/validate';
import { parseExploreArgs, type ExploreArgs } from './exploreArgs';
import { renderExploreTable } from './exploreTable';
import { threadExecutor } from './threadExecutor';
import { processIo, type CliIo } from './main';

/**
 * `explore <scenario.json> [--json] [--depth 1|2] [--kinds crash,error] [--lanes a,b]`: 0 ok, 2 bad input (message on
 * stderr only). Progress goes to stderr when it is a terminal.
 */
export async function runExploreCli(argv: string[], backend: () => Promise<SqlBackend>, io: CliIo = processIo, progress?: (text: string) => void): Promise<number> {
  let args: ExploreArgs;
  try {
    args = parseExploreArgs(argv);
  } catch (e) {
    io.err(`${(e as Error).message}\n`);
    return 2;
  }
  let text: string;
  try {
    text = io.readFile(args.file);
  } catch (e) {
    io.err(`${args.file}: cannot read: ${(e as Error).message}\n`);
    return 2;
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok) {
    io.err(`${args.file}: invalid scenario\n${parsed.errors.map((e) => `  ${formatIssue(e)}`).join('\n')}\n`);
    return 2;
  }
  const known = parsed.scenario.lanes.map((l) => l.id);
  const unknown = (args.lanes ?? []).filter((l) => !known.includes(l));
  if (unknown.length > 0) {
    io.err(`--lanes: unknown lane ${unknown.map((u) => `"${u}"`).join(', ')} (this scenario has ${known.join(', ')})\n`);
    return 2;
  }
  const prepared = await PreparedScenario.create(await backend(), parsed.scenario);
  // Plays run on one thread per core once there is enough of them to pay for starting the threads (~0.5 s).
  const threads = args.threads ?? (args.depth === 2 || deliveredRowCount(parsed.scenario) > 20_000 ? undefined : 1);
  const executor = threads === 1 ? localExecutor(prepared) : await threadExecutor(prepared, threads);
  try {
    const { complete: _complete, ...report } = await explore(
      parsed.scenario,
      executor,
      { depth: args.depth, kinds: args.kinds, ...(args.lanes ? { lanes: args.lanes } : {}) },
      { onProgress: (p) => progress?.(`${p.phase}: ${p.done}/${p.total} plays`) },
    );
    io.out(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderExploreTable(report)}\n`);
    return 0;
  } finally {
    if ('close' in executor) await (executor as { close(): Promise<void> }).close();
    await prepared.close();
  }
}
