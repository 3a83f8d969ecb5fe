import { explore } from '../engine/explore/explorer';
import { localExecutor } from '../engine/explore/localExecutor';
import type { PlayExecutor } from '../engine/explore/types';
import { PreparedScenario } from '../engine/simulation';
import { deliveredRowCount } from '../engine/validate';
import { parseExploreArgs, type ExploreArgs } from './exploreArgs';
import { renderExploreTable } from './exploreTable';
import { threadExecutor } from './threadExecutor';
import { openEngine, processIo, racesPossible, readScenario, type CliIo } from './main';
import { closeBackend, isPostgres, type BackendFactory } from './engine';

/** Plays under way at once on a PostgreSQL server from one thread: the work is the server's, the thread only waits. */
export const PG_CONCURRENT_PLAYS = 4;

/**
 * `explore <scenario.json> [--json] [--depth 1|2] [--kinds crash,error] [--lanes a,b] [--threads N] [--engine url]`:
 * 0 ok, 2 bad input (message on stderr only). Progress goes to stderr when it is a terminal.
 */
export async function runExploreCli(argv: string[], backend: BackendFactory, io: CliIo = processIo, progress?: (text: string) => void): Promise<number> {
  let args: ExploreArgs;
  try {
    args = parseExploreArgs(argv);
  } catch (e) {
    io.err(`${(e as Error).message}\n`);
    return 2;
  }
  const scenario = readScenario(args.file, args.lanes, io);
  if (!scenario) return 2;
  const b = await openEngine(backend, args.engine, io);
  if (!b) return 2;
  if (!racesPossible(scenario, b, io)) {
    await closeBackend(b);
    return 2;
  }
  let prepared: PreparedScenario | null = null;
  let executor: PlayExecutor | null = null;
  try {
    prepared = await PreparedScenario.create(b, scenario);
    // Plays run on one thread per core once there is enough of them to pay for starting the threads (~0.5 s). On a
    // PostgreSQL server the server does the work: one thread keeps several plays under way, unless --threads says.
    const threads = args.threads ?? (isPostgres(b) || !(args.depth === 2 || deliveredRowCount(scenario) > 20_000) ? 1 : undefined);
    executor = threads === 1 ? localExecutor(prepared, isPostgres(b) ? PG_CONCURRENT_PLAYS : 1) : await threadExecutor(prepared, threads);
    const { complete: _complete, ...report } = await explore(
      scenario,
      executor,
      { depth: args.depth, kinds: args.kinds, ...(args.lanes ? { lanes: args.lanes } : {}) },
      { onProgress: (p) => progress?.(`${p.phase}: ${p.done}/${p.total} plays`) },
    );
    io.out(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderExploreTable(report)}\n`);
    return 0;
  } finally {
    if (executor && 'close' in executor) await (executor as { close(): Promise<void> }).close();
    await prepared?.close();
    await closeBackend(b);
  }
}
