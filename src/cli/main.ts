import { readFileSync } from 'node:fs';
import type { SqlBackend } from '../db/port';
import { RacesNeedConnections } from '../engine/race';
import { oneLine } from '../engine/format';
import { formatIssue, parseScenarioText, type Scenario } from '../engine/validate';
import { parseArgs, type SimArgs } from './args';
import { closeBackend, type BackendFactory } from './engine';
import { runScenario } from './runScenario';
import { renderTable } from './table';

/** Where the CLI writes; injectable so tests run it in-process. */
export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  readFile: (path: string) => string;
}

export const processIo: CliIo = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  readFile: (p) => readFileSync(p, 'utf8'),
};

/**
 * Reads and validates the scenario file a command was given, and checks `--lanes` against it; on bad input writes
 * what is wrong (JSON paths for an invalid scenario) to stderr and returns null (exit 2).
 */
export function readScenario(file: string, lanes: readonly string[] | null, io: CliIo): Scenario | null {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    io.err(`${file}: cannot read: ${(e as Error).message}\n`);
    return null;
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok) {
    io.err(`${file}: invalid scenario\n${parsed.errors.map((e) => `  ${oneLine(formatIssue(e))}`).join('\n')}\n`);
    return null;
  }
  const known = parsed.scenario.lanes.map((l) => l.id);
  const unknown = (lanes ?? []).filter((l) => !known.includes(l));
  if (unknown.length > 0) {
    io.err(`--lanes: unknown lane ${unknown.map((u) => `"${oneLine(u)}"`).join(', ')} (this scenario has ${known.join(', ')})\n`);
    return null;
  }
  return parsed.scenario;
}

/**
 * Opens the backend a command was given (`--engine`); on failure (no server there, refused) writes why to stderr and
 * returns null (exit 2: the command's input cannot be used).
 */
export async function openEngine(factory: BackendFactory, engine: string | null, io: CliIo): Promise<SqlBackend | null> {
  try {
    return await factory(engine);
  } catch (e) {
    io.err(`--engine: cannot use ${engine ? redactUrl(engine) : 'sql.js'}: ${oneLine((e as Error).message)}\n`);
    return null;
  }
}

/** A scenario with races needs an engine with several connections per database (PostgreSQL); says so when not. */
export function racesPossible(scenario: Scenario, b: SqlBackend, io: CliIo): boolean {
  const at = scenario.runs.findIndex((r) => r.race);
  if (at < 0 || b.dialect.sessionIdSql) return true;
  io.err(`runs[${at}].race: ${new RacesNeedConnections().message}\n`);
  return false;
}

/** A server URL without its password, for messages. */
export const redactUrl = (url: string): string => url.replace(/^([a-z]+:\/\/[^:/@]*):[^@]*@/i, '$1:***@');

/** `sim <scenario.json> [--json] [--lanes a,b] [--engine url]`: 0 ok, 1 an expectation failed, 2 bad input (message on stderr only). */
export async function runCli(argv: string[], backend: BackendFactory, io: CliIo = processIo): Promise<number> {
  let args: SimArgs;
  try {
    args = parseArgs(argv);
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
  try {
    const report = await runScenario(b, scenario, args.lanes);
    io.out(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderTable(report)}\n`);
    return report.expect.ok ? 0 : 1;
  } finally {
    await closeBackend(b);
  }
}
