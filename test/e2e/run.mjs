// Browser tests: serve the built app with `vite preview` on 127.0.0.1, run every *.e2e.mjs against it in Debian's
// Chromium (playwright-core), print one closing line "e2e: N passed, M failed". `npm run test:e2e` builds first.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const root = join(import.meta.dirname, '../..');
// E2E_PORT, E2E_DIST and E2E_ONLY let several checkouts or sessions run browser tests side by side on one machine.
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = process.env.E2E_DIST ?? 'dist';
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
};
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on 127.0.0.1:${port}`);
}

await waitForServer();
process.env.BASE_URL = `http://127.0.0.1:${port}/`;
const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.e2e.mjs') && f.includes(process.env.E2E_ONLY ?? '')).map((f) => join(import.meta.dirname, f));
let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1, timeout: 240_000 });
stream.on('test:pass', (e) => {
  if (e.details?.type !== 'suite') passed += 1;
});
stream.on('test:fail', (e) => {
  if (e.details?.type !== 'suite') failed += 1;
});
stream.compose(spec).pipe(process.stdout);
await new Promise((resolve) => stream.on('end', resolve));
stop();
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
