import { cliBackend } from './engine';
import { runCli } from './main';

runCli(process.argv.slice(2), cliBackend).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 3;
  },
);
