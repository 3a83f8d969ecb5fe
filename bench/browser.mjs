// Browser benchmark for the built app: initial bundle size, first render, step latency (1280×800, and presenter mode at
// 1280×720) and the 1M-row headline, the headline also through the CLI in the same run (interleaved) for the ratio.
// Run `npx vite build` first, then `node bench/browser.mjs [--runs 3] [--quick]` (BENCH_DIST=dist-perf for another
// build directory, BENCH_PORT for another port). It measures and reports; it does not assert.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, process.env.BENCH_DIST ?? 'dist');
const PORT = Number(process.env.BENCH_PORT ?? 4174); // not 4173, so it does not clash with `npm run preview` or the e2e run
const RUNS = Math.max(1, Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3);
const BASE = `http://127.0.0.1:${PORT}/`;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const rows = []; // [metric, value, budget, verdict] for the final table
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1048576).toFixed(0)} MB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const verdict = (v, budget) => (v <= budget ? 'ok' : 'OVER');
const sleep = (t) => new Promise((r) => setTimeout(r, t));
const spread = (a) => { const s = [...a].sort((x, y) => x - y); return { min: s[0], median: median(s), max: s.at(-1) }; };
const fmt = (a, unit, d = 1) => { const { min, median: m, max } = spread(a); return `${m.toFixed(d)}${unit} (${min.toFixed(d)}–${max.toFixed(d)})`; };
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const p95 = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]; };

// The CLI on the same headline, one whole process under GNU time: wall seconds, CPU seconds, peak RSS.
function cliRun() {
  const dir = mkdtempSync(join(tmpdir(), 'rt-cli-'));
  const out = join(dir, 'time.txt');
  try {
    execFileSync('/usr/bin/time', ['-o', out, '-f', '%e %U %S %M', process.execPath, '--import', 'tsx', join(ROOT, 'src/cli/sim.ts'), join(ROOT, 'scenarios/01-seed-800k.json'), '--json'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const [wall, user, sys, kb] = readFileSync(out, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    return { wall, cpu: user + sys, rss: kb * 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- 1. Initial JS + CSS, gzipped: what the browser must fetch before the first render.
function bundleSize() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/index.html missing: run `npx vite build` first');
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const attr = (tag, name) => (new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`).exec(tag) ?? [])[1];
  const files = new Set();
  let entry = null;
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    if (/^<script/i.test(tag) && /type\s*=\s*["']module["']/.test(tag) && attr(tag, 'src')) files.add((entry ??= attr(tag, 'src')));
    if (/^<link/i.test(tag) && /rel\s*=\s*["'](stylesheet|modulepreload)["']/.test(tag)) files.add(attr(tag, 'href'));
  }
  const norm = (p) => posix.normalize(p.replace(/^\.?\//, ''));
  // Follow static imports only: `from"./x.js"`, `import"./x.js"` (rolldown may use backticks). `import(` is lazy and
  // does not match because of the parenthesis between `import` and the quote.
  const queue = entry ? [norm(entry)] : [];
  const seen = new Set(queue);
  while (queue.length) {
    const f = queue.shift();
    const src = readFileSync(join(DIST, f), 'utf8');
    for (const m of src.matchAll(/(?:\bfrom|\bimport)\s*(["'`])(\.{1,2}\/[^"'`]+?\.js)\1/g)) {
      const dep = posix.normalize(posix.join(posix.dirname(f), m[2]));
      if (!seen.has(dep)) { seen.add(dep); queue.push(dep); }
    }
  }
  const all = [...new Set([...[...files].map(norm), ...seen])];
  let total = 0;
  console.log('Initial assets (gzip -9):');
  for (const f of all) {
    const raw = readFileSync(join(DIST, f));
    const gz = gzipSync(raw, { level: 9 }).length;
    total += gz;
    console.log(`  ${f.padEnd(40)} ${kb(raw.length).padStart(10)} raw  ${kb(gz).padStart(9)} gz`);
  }
  rows.push(['Initial JS+CSS (gzip)', kb(total), '150 KB', verdict(total, 150 * 1024)]);
}

// ---- 2. The preview server, in its own process group so the whole npx → vite tree can be killed.
let server = null;
const killServer = () => { if (server?.exitCode === null) try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ } };
async function startServer() {
  server = spawn('npx', ['vite', 'preview', '--outDir', DIST, '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  for (const s of [server.stdout, server.stderr]) s.on('data', (d) => (log += d));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited (${server.exitCode}):\n${log}`);
    // Wait for vite's own "Local: …:4174" line too, so another server already on the port is not mistaken for ours.
    try { if (log.includes(`:${PORT}/`) && (await (await fetch(BASE, { signal: AbortSignal.timeout(1000) })).text()).includes('id="root"')) return; } catch { /* not up yet */ }
    await sleep(200);
  }
  throw new Error(`vite preview did not answer on ${BASE} within 30 s:\n${log}`);
}

// The app is ready when it says its lanes have run (data-sim-status), the counter is visible, no progress panel
// shows and at least one verdict badge exists.
const ready = () => {
  const c = document.querySelector('[data-testid="step-counter"]');
  return !!c && c.checkVisibility() && !!document.querySelector('[data-sim-status="done"]') && !document.querySelector('[data-testid="progress"]') && !!document.querySelector('[data-testid^="badge-"]');
};
const newPage = async (browser, viewport = { width: 1280, height: 800 }) => {
  const context = await browser.newContext({ viewport });
  // a returning visitor: the first-visit introduction would cover the playground
  await context.addInitScript(() => localStorage.getItem('runtwice.learner') ?? localStorage.setItem('runtwice.learner', '{"introSeen":true}'));
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return { context, page };
};

// ---- 3. First render, 5 cold runs, each in a fresh context (no cache, no storage).
async function firstRender(browser) {
  const times = [];
  let counter = '';
  for (let i = 0; i < 5; i++) {
    const { context, page } = await newPage(browser);
    const t0 = performance.now();
    await page.goto(BASE, { waitUntil: 'commit' }); // 'commit' so the wait below, not the load event, decides
    await page.waitForFunction(ready, null, { polling: 'raf', timeout: 60_000 });
    times.push(performance.now() - t0);
    if (i === 4) counter = await page.getByTestId('step-counter').textContent();
    await context.close();
  }
  return { times, counter };
}

// ---- 4. Step cost: the click is sent at the start of a frame (inside requestAnimationFrame), so that frame renders
// the step; the time runs until that frame has been presented. Clicking at a random moment would add up to one
// vsync interval (16.7 ms) of waiting that no code can remove. React renders a click synchronously.
async function stepTimes(page) {
  await page.getByTestId('btn-reset').click();
  await page.waitForFunction(() => /step 0 \//.test(document.querySelector('[data-testid="step-counter"]').textContent));
  return page.evaluate(async (n) => {
    const text = () => document.querySelector('[data-testid="step-counter"]')?.textContent;
    // rAF runs before paint; a message posted from it is handled after that frame has been presented.
    const painted = () => new Promise((r) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => r(); ch.port2.postMessage(0); }));
    const out = [];
    for (let i = 0; i < n; i++) {
      const btn = document.querySelector('[data-testid="btn-step"]');
      if (btn.disabled) { document.querySelector('[data-testid="btn-reset"]').click(); await painted(); await painted(); continue; }
      const before = text();
      const ms = await new Promise((resolve) =>
        requestAnimationFrame(() => {
          const t0 = performance.now();
          btn.click();
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve(performance.now() - t0);
          ch.port2.postMessage(0);
        }),
      );
      if (text() === before) throw new Error(`step ${i}: the click did not change the counter ("${before}")`);
      out.push(ms);
      await painted(); // let the page settle (the step lists scroll in the next frame at the latest)
      await painted();
    }
    return out;
  }, 40);
}

// Sum of RSS of our Chromium's renderer processes (the engine worker runs inside the renderer, wasm heap included).
function rendererRss() {
  const ps = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' });
  const procs = ps.split('\n').map((l) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(l)).filter(Boolean).map((m) => ({ pid: +m[1], ppid: +m[2], rss: +m[3], args: m[4] }));
  const mine = new Set([process.pid]); // only descendants of this node process, not other Chromiums on the machine
  for (let grew = true; grew;) { grew = false; for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) { mine.add(p.pid); grew = true; } }
  return procs.filter((p) => mine.has(p.pid) && p.args.includes('--type=renderer')).reduce((s, p) => s + p.rss * 1024, 0);
}

// ---- 5. The 1M-row scenario end to end, with heap and renderer memory sampled every second.
async function headline(browser) {
  const { context, page } = await newPage(browser);
  // every main-thread task over 50 ms (the Long Tasks API), from the page's start
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration }); }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(BASE);
  await page.waitForFunction(ready, null, { timeout: 60_000 });
  // Remember whether the progress panel ever appeared, so "no progress" right after the select does not count as done.
  await page.evaluate(() => {
    window.__sawProgress = false;
    new MutationObserver(() => { if (document.querySelector('[data-testid="progress"]')) window.__sawProgress = true; }).observe(document.body, { subtree: true, childList: true });
  });
  const before = await page.getByTestId('step-counter').textContent();
  let heap = 0, rss = 0, sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try { heap = Math.max(heap, (await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0)) || 0); } catch { /* page busy or closing */ }
      try { rss = Math.max(rss, rendererRss()); } catch { /* ps failed */ }
      await sleep(1000);
    }
  })();
  const t0 = performance.now();
  const pageT0 = await page.evaluate(() => performance.now());
  try {
    await page.getByTestId('scenario-picker').selectOption('seed-800k');
    await page.waitForFunction((prev) => {
      const c = document.querySelector('[data-testid="step-counter"]');
      return (window.__sawProgress || c?.textContent !== prev) && !!c && c.checkVisibility() && !document.querySelector('[data-testid="progress"]');
    }, before, { polling: 100, timeout: 300_000 });
  } finally { sampling = false; await sampler; }
  const secs = (performance.now() - t0) / 1000;
  const pageT1 = await page.evaluate(() => performance.now());
  const longest = await page.evaluate(([a, b]) => Math.max(0, ...window.__longTasks.filter((t) => t.start >= a && t.start <= b).map((t) => t.ms)), [pageT0, pageT1]);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await page.getByTestId('btn-end').click();
  const want = 'dup 800,000';
  await page.waitForFunction((w) => document.querySelector('[data-testid="badge-naive"]')?.textContent.trim() === w, want, { timeout: 30_000 }).catch(() => {});
  const got = ((await page.getByTestId('badge-naive').textContent()) ?? '').trim();
  await context.close();
  return { secs, heap, rss, longest, got, want, cores };
}

// ---- 6. The headline in Chromium and through the CLI, interleaved, RUNS times each.
async function headlineVsCli(browser) {
  const b = [], c = [];
  console.log(`headline: ${RUNS} runs each, browser and CLI interleaved; load before ${load()}`);
  for (let i = 0; i < RUNS; i++) {
    const r = await headline(browser);
    b.push(r);
    console.log(`  browser run ${i + 1}: ${r.secs.toFixed(1)} s, longest main-thread task ${r.longest.toFixed(0)} ms, renderer RSS ${mb(r.rss)}, badge "${r.got}" (${r.cores} cores seen; load ${load()})`);
    const cli = cliRun();
    c.push(cli);
    console.log(`  CLI run ${i + 1}: ${cli.wall.toFixed(1)} s, cpu ${cli.cpu.toFixed(1)} s, peak RSS ${mb(cli.rss)} (load ${load()})`);
  }
  const ratios = b.map((r, i) => r.secs / c[i].wall);
  const longest = Math.max(...b.map((r) => r.longest));
  rows.push([`1M rows in Chromium: select → ready (${RUNS} runs)`, fmt(b.map((r) => r.secs), ' s'), '-', 'info']);
  rows.push([`1M rows through the CLI (${RUNS} runs)`, fmt(c.map((r) => r.wall), ' s'), '-', 'info']);
  rows.push(['1M rows: Chromium / CLI, pair by pair', fmt(ratios, '×', 2), '1.30×', verdict(median(ratios), 1.3)]);
  rows.push(['1M rows: longest main-thread task', `${longest.toFixed(0)} ms${longest === 0 ? ' (none over 50 ms)' : ''}`, '50 ms', verdict(longest, 50)]);
  rows.push(['1M rows: peak renderer RSS', fmt(b.map((r) => r.rss / 1048576), ' MB', 0), '-', 'info']);
  rows.push(['1M rows: peak main JS heap', fmt(b.map((r) => r.heap / 1048576), ' MB', 0), '-', 'info']);
  rows.push(['1M rows: CLI peak RSS', fmt(c.map((r) => r.rss / 1048576), ' MB', 0), '-', 'info']);
  const wrong = b.filter((r) => r.got !== r.want).length;
  rows.push(['1M rows: badge-naive at end', `"${b[0].got}"`, `"${b[0].want}"`, wrong ? 'WRONG' : 'ok']);
  console.log(`load after ${load()}`);
}

process.on('exit', killServer); // last resort: never leave the preview server behind
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { killServer(); process.exit(130); });

let browser = null, failed = false;
try {
  bundleSize();
  await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...ARGS, '--enable-precise-memory-info'] });
  const { times, counter } = await firstRender(browser);
  rows.push(['First render (median of 5)', ms(median(times)), '1000 ms', verdict(median(times), 1000)]);
  rows.push(['First render (max of 5)', ms(Math.max(...times)), '1000 ms', verdict(Math.max(...times), 1000)]);
  console.log(`first render runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms; counter: ${counter}`);
  // A step, RUNS times in a fresh page each, at 1280×800 and in presenter mode at 1280×720 (three lanes across, larger
  // print, as on a projector), interleaved; each run's median and p95 of its 39 steps, then min/median/max over runs.
  const modes = [
    { name: '1280×800', viewport: { width: 1280, height: 800 }, presenter: false },
    { name: 'presenter 1280×720', viewport: { width: 1280, height: 720 }, presenter: true },
  ];
  const stepRuns = modes.map(() => []);
  for (let r = 0; r < RUNS; r++) {
    for (const [i, m] of modes.entries()) {
      const { context: c, page: p } = await newPage(browser, m.viewport);
      await p.goto(BASE);
      await p.waitForFunction(ready, null, { polling: 'raf', timeout: 60_000 });
      if (m.presenter) {
        await p.getByTestId('btn-presenter').click();
        await p.getByTestId('presenter-bar').waitFor();
      }
      const steps = await stepTimes(p);
      stepRuns[i].push(steps);
      console.log(`step run ${r + 1}, ${m.name}: median ${ms(median(steps))}, p95 ${ms(p95(steps))} (${steps.map((t) => t.toFixed(0)).join(' ')})`);
      await c.close();
    }
  }
  for (const [i, m] of modes.entries()) {
    const medians = stepRuns[i].map(median);
    const p95s = stepRuns[i].map(p95);
    const n = stepRuns[i][0].length;
    rows.push([`Step, ${m.name}: median of ${n} (${RUNS} runs)`, fmt(medians, ' ms'), '16 ms', verdict(median(medians), 16)]);
    rows.push([`Step, ${m.name}: p95 of ${n} (${RUNS} runs)`, fmt(p95s, ' ms'), '25 ms', verdict(median(p95s), 25)]);
  }
  // `--quick` skips the ~30 s 1M-row run (for A/B checks of the step and first-render numbers).
  if (!process.argv.includes('--quick')) await headlineVsCli(browser);
} catch (e) {
  failed = true;
  console.error(`\nbenchmark failed: ${e?.stack ?? e}`);
} finally {
  await browser?.close().catch(() => {});
  killServer();
}

const w = [0, 1, 2, 3].map((i) => Math.max(...[['metric', 'value', 'budget', ''], ...rows].map((r) => String(r[i]).length)));
const line = (r) => r.map((c, i) => String(c)[i === 0 ? 'padEnd' : 'padStart'](w[i])).join('  ');
console.log(`\nRunTwice browser benchmark (${BASE}, Chromium ${browser?.version?.() ?? '?'})`);
console.log([line(['metric', 'value', 'budget', '']), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n'));
process.exitCode = failed ? 1 : 0;
