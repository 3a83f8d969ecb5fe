import type { SqlBackend } from '../db/port';
import { explore } from '../engine/explore/explorer';
import { localExecutor } from '../engine/explore/localExecutor';
import { PreparedScenario } from '../engine/simulation';
import { deliveredRowCount } from '../engine/validate';
import { parseExploreArgs, type ExploreArgs } from './exploreArgs';
import { renderExploreTable } from './exploreTable';
import { threadExecutor } from './threadExecutor';
import { processIo, readScenario, type CliIo } from './main';

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
  const scenario = readScenario(args.file, args.lanes, io);
  if (!scenario) return 2;
  const prepared = await PreparedScenario.create(await backend(), scenario);
  // Plays run on one thread per core once there is enough of them to pay for starting the threads (~0.5 s).
  const threads = args.threads ?? (args.depth === 2 || deliveredRowCount(scenario) > 20_000 ? undefined : 1);
  const executor = threads === 1 ? localExecutor(prepared) : await threadExecutor(prepared, threads);
  try {
    const { complete: _complete, ...report } = await explore(
      scenario,
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
