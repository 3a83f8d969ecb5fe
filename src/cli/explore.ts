import { cliBackend } from './engine';
import { runExploreCli } from './exploreMain';

// Progress on a terminal only, on one line that rewrites itself; never on stdout (the JSON document goes there).
let last = 0;
const progress = process.stderr.isTTY
  ? (text: string): void => {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      process.stderr.write(`\r${text}   `);
    }
  : undefined;

runExploreCli(process.argv.slice(2), cliBackend, undefined, progress).then(
  (code) => {
    if (progress) process.stderr.write('\r\x1b[K');
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 3;
  },
);
