/**
 * Benchmark (not a test): the CLI on the 1M headline (scenario 01), sql.js against native SQLite (better-sqlite3) on
 * the same engine code, then the same at 10k, 100k, 1M and 2M rows. Each figure is a whole `sim` process measured by
 * GNU time, over interleaved runs (sql.js, native, sql.js, native …), shown as median (min–max), with the ratio
 * sql.js / native taken pair by pair. Both engines' JSON reports must be identical.
 *
 * Run: `npm run bench [-- --runs 3] [--sizes 10k,100k,1m,2m] [--headline-only] [--scaling-only]`
 * (`node bench/browser.mjs` measures the playground in Chromium.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_BACKEND_ENV } from '../src/db/nodeBackend';
import { fmt, load, measure, spread, type Run } from './measure';

const root = join(import.meta.dirname, '..');
const HEADLINE = join(root, 'scenarios/01-seed-800k.json');
const SIM = [process.execPath, '--import', 'tsx', join(root, 'src/cli/sim.ts')];
const ENGINES = { 'sql.js': {}, native: { [BENCH_BACKEND_ENV]: 'native' } } as const;
type Engine = keyof typeof ENGINES;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const runs = Math.max(1, Number(option('--runs') ?? 3));
const sizes = (option('--sizes') ?? '10k,100k,1m,2m').split(',').map((s) => s.trim().toLowerCase());

/** Scenario 01 scaled to `rows` rows, the crash at the same fraction (80%). */
function scaled(rows: number): string {
  const doc = JSON.parse(readFileSync(HEADLINE, 'utf8'));
  const crash = Math.round(rows * 0.8);
  doc.id = `seed-800k-x${rows}`;
  doc.files.f1.rows[0].ids = [1, rows];
  doc.faults[0].at.afterRows = crash;
  for (const e of Object.values(doc.expect as Record<string, Record<string, unknown>>)) {
    const m = e as { rows: number; duplicates: number; lost: number; attempts?: { rows: number }[] };
    const scale = (n: number): number => Math.round((n / 1_000_000) * rows);
    m.rows = scale(m.rows);
    m.duplicates = scale(m.duplicates);
    m.lost = scale(m.lost);
    for (const a of m.attempts ?? []) a.rows = scale(a.rows);
  }
  return JSON.stringify(doc);
}

const rowsOf = (size: string): number => {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/.exec(size);
  if (!m) throw new Error(`--sizes: cannot read "${size}" (e.g. 10k, 1m)`);
  return Math.round(Number(m[1]) * (m[2] === 'k' ? 1e3 : m[2] === 'm' ? 1e6 : 1));
};

/** `runs` interleaved runs of each engine on `file`; checks that every run passed and both engines agree. */
async function compare(file: string, label: string): Promise<Record<Engine, Run[]>> {
  const out: Record<Engine, Run[]> = { 'sql.js': [], native: [] };
  for (let i = 0; i < runs; i++)
    for (const engine of Object.keys(ENGINES) as Engine[]) {
      const r = await measure([...SIM, file, '--json'], ENGINES[engine]);
      if (r.code !== 0) throw new Error(`${label} on ${engine}: sim exited ${r.code}\n${r.stdout}`);
      out[engine].push(r);
      process.stderr.write(`  ${label} ${engine} run ${i + 1}: ${r.wall.toFixed(2)} s, cpu ${r.cpu.toFixed(2)} s, ${r.rssMb.toFixed(0)} MB  (load ${load()})\n`);
    }
  const [a, b] = [out['sql.js'][0], out.native[0]];
  if (a && b && a.stdout !== b.stdout) throw new Error(`${label}: sql.js and native reports differ`);
  return out;
}

const ratio = (res: Record<Engine, Run[]>, key: 'wall' | 'cpu' | 'sys' | 'rssMb') =>
  spread(res['sql.js'].map((r, i) => r[key] / (res.native[i]?.[key] ?? NaN)));

async function headline(): Promise<void> {
  console.log(`\n## CLI headline (scenario 01, 1M rows, 2 worker threads): ${runs} interleaved runs per engine, load before ${load()}`);
  const res = await compare(HEADLINE, 'headline');
  const row = (name: string, cells: string[]): string => `${name.padEnd(14)} ${cells.map((c) => c.padEnd(26)).join('')}`;
  console.log(row('', ['sql.js', 'native', 'sql.js / native']));
  for (const [name, key, unit, digits] of [
    ['wall s', 'wall', '', 2],
    ['cpu s (u+s)', 'cpu', '', 2],
    ['user s', 'user', '', 2],
    ['sys s', 'sys', '', 2],
    ['peak RSS MB', 'rssMb', '', 0],
  ] as const) {
    const cells = (Object.keys(ENGINES) as Engine[]).map((e) => fmt(spread(res[e].map((r) => r[key])), digits, unit));
    cells.push(key === 'user' ? '' : `${fmt(ratio(res, key), 2)}×`);
    console.log(row(name, cells));
  }
  const wall = ratio(res, 'wall').median;
  const rss = spread(res['sql.js'].map((r) => r.rssMb)).median;
  console.log(`targets: wall ratio ≤ 1.50× (now ${wall.toFixed(2)}×), sql.js peak RSS ≤ 1024 MB (now ${rss.toFixed(0)} MB); load after ${load()}`);
}

async function scaling(): Promise<void> {
  console.log(`\n## Scaling (scenario 01 scaled, crash at 80% of the rows): ${runs} interleaved runs per engine, load before ${load()}`);
  const dir = mkdtempSync(join(tmpdir(), 'rt-scaling-'));
  try {
    const row = (cells: string[]): string => cells.map((c, i) => c.padEnd(i === 0 ? 10 : 24)).join('');
    console.log(row(['rows', 'sql.js wall s', 'native wall s', 'wall ratio', 'sql.js cpu s', 'native cpu s', 'cpu ratio', 'sql.js RSS MB', 'native RSS MB']));
    for (const size of sizes) {
      const rows = rowsOf(size);
      const file = join(dir, `${size}.json`);
      writeFileSync(file, scaled(rows));
      const res = await compare(file, size);
      const s = (e: Engine, k: 'wall' | 'cpu' | 'rssMb', d: number): string => fmt(spread(res[e].map((r) => r[k])), d);
      console.log(
        row([
          rows.toLocaleString('en-US'),
          s('sql.js', 'wall', 2),
          s('native', 'wall', 2),
          `${fmt(ratio(res, 'wall'))}×`,
          s('sql.js', 'cpu', 2),
          s('native', 'cpu', 2),
          `${fmt(ratio(res, 'cpu'))}×`,
          s('sql.js', 'rssMb', 0),
          s('native', 'rssMb', 0),
        ]),
      );
    }
    console.log(`load after ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!process.argv.includes('--scaling-only')) await headline();
if (!process.argv.includes('--headline-only')) await scaling();
