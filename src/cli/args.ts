import { parseEngine, type Engine } from './engineArg';

/** Parsed command line of `npm run sim`. */
export interface SimArgs {
  file: string;
  json: boolean;
  lanes: string[] | null;
  /** `--engine postgres://…`: run the lanes on a PostgreSQL server (null: sql.js). */
  engine: Engine;
}

export const SIM_USAGE = 'usage: npm run -s sim -- <scenario.json> [--json] [--lanes a,b] [--engine postgres://user@host:port/db]';

/** Parses `<scenario.json> [--json] [--lanes a,b] [--engine url]`; throws a readable message on bad usage. */
export function parseArgs(argv: string[]): SimArgs {
  let file: string | null = null;
  let json = false;
  let lanes: string[] | null = null;
  let engine: Engine = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--lanes' || arg.startsWith('--lanes=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value) throw new Error('--lanes needs a comma-separated list of lane ids');
      lanes = value.split(',').map((s) => s.trim()).filter(Boolean);
    } else if (arg === '--engine' || arg.startsWith('--engine=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value) throw new Error(`--engine needs a value\n${SIM_USAGE}`);
      engine = parseEngine(value);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else if (file === null) file = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (file === null) throw new Error(SIM_USAGE);
  return { file, json, lanes, engine };
}
