import type { FaultDoc } from '../engine/schema';
import { parseEngine, type Engine } from './engineArg';

/** Parsed command line of `npm run explore`. */
export interface ExploreArgs {
  file: string;
  json: boolean;
  depth: 1 | 2;
  kinds: FaultDoc['kind'][];
  lanes: string[] | null;
  /** Play threads (`--threads N`); by default one per core for depth 2 and large scenarios, else in process. */
  threads?: number;
  /** `--engine postgres://…`: play on a PostgreSQL server (null: sql.js). */
  engine: Engine;
}

export const EXPLORE_USAGE =
  'usage: npm run -s explore -- <scenario.json> [--json] [--depth 1|2] [--kinds crash,error] [--lanes a,b] [--threads N] [--engine postgres://user@host:port/db]';

/** Parses `<scenario.json> [--json] [--depth 1|2] [--kinds crash,error] [--lanes a,b] [--threads N] [--engine url]`; throws a readable message on bad usage. */
export function parseExploreArgs(argv: string[]): ExploreArgs {
  const out: ExploreArgs = { file: '', json: false, depth: 1, kinds: ['crash', 'error'], lanes: null, engine: null };
  let file: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${name} needs a value\n${EXPLORE_USAGE}`);
      return v;
    };
    if (name === '--json') out.json = true;
    else if (name === '--depth') {
      const d = value();
      if (d !== '1' && d !== '2') throw new Error(`--depth must be 1 or 2, not "${d}"`);
      out.depth = Number(d) as 1 | 2;
    } else if (name === '--kinds') {
      const kinds = value().split(',').map((s) => s.trim()).filter(Boolean);
      const bad = kinds.filter((k) => k !== 'crash' && k !== 'error');
      if (bad.length > 0 || kinds.length === 0) throw new Error(`--kinds takes crash, error or both (comma-separated), not "${bad.join(',')}"`);
      out.kinds = (['crash', 'error'] as const).filter((k) => kinds.includes(k));
    } else if (name === '--threads') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error('--threads must be a whole number from 1 to 16');
      out.threads = n;
    } else if (name === '--engine') out.engine = parseEngine(value());
    else if (name === '--lanes') out.lanes = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (name.startsWith('--')) throw new Error(`unknown option ${name}\n${EXPLORE_USAGE}`);
    else if (file === null) file = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (file === null) throw new Error(EXPLORE_USAGE);
  out.file = file;
  return out;
}
