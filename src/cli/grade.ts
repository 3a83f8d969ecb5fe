import { runGradeCli } from './gradeMain';
import { processIo } from './main';

const progress = process.stderr.isTTY ? (text: string): void => void process.stderr.write(`\r${text}   `) : undefined;

runGradeCli(process.argv.slice(2), processIo, progress).then(
  (code) => {
    if (progress) process.stderr.write('\r\x1b[K');
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 3;
  },
);
