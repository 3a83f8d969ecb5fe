/** Parsed command line of `npm run sim`. */
export interface SimArgs {
  file: string;
  json: boolean;
  lanes: string[] | null;
}

/** Parses `<scenario.json> [--json] [--lanes a,b]`; throws a readable message on bad usage. */
export function parseArgs(argv: string[]): SimArgs {
  let file: string | null = null;
  let json = false;
  let lanes: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--lanes' || arg.startsWith('--lanes=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value) throw new Error('--lanes needs a comma-separated list of lane ids');
      lanes = value.split(',').map((s) => s.trim()).filter(Boolean);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else if (file === null) file = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (file === null) throw new Error('usage: npm run -s sim -- <scenario.json> [--json] [--lanes a,b]');
  return { file, json, lanes };
}
