/**
 * The headline (1,000,000 rows, crash after 800,000, ten lanes) on PostgreSQL next to sql.js: whole `sim` processes,
 * the two engines interleaved, `--runs N` each (default 3), min / median / max wall seconds, and the reports checked
 * equal (the same numbers on both engines, or the benchmark fails).
 *
 *   npx tsx bench/postgres.ts [--runs N]
 *
 * Uses the server in RUNTWICE_PG_URL, or starts a throwaway one (scripts/pg-cluster.sh) and stops it afterwards.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, spread, type Run } from './measure';

const root = join(import.meta.dirname, '..');
const SIM = [process.execPath, '--import', 'tsx', join(root, 'src/cli/sim.ts')];
const SCENARIO = join(root, 'scenarios/01-seed-800k.json');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs takes a whole number');

let url = process.env.RUNTWICE_PG_URL ?? '';
let clusterDir: string | null = null;
const cluster = join(root, 'scripts/pg-cluster.sh');
if (!url) {
  clusterDir = mkdtempSync(join(tmpdir(), 'runtwice-pg.'));
  url = execFileSync('bash', [cluster, 'start', clusterDir], { encoding: 'utf8' }).trim();
}

/** A report's numbers without the engine's own error texts. */
const numbers = (stdout: string): unknown => {
  const doc = JSON.parse(stdout) as { lanes: Record<string, { error: unknown; errorClass: unknown }> };
  return Object.fromEntries(Object.entries(doc.lanes).map(([id, m]) => [id, { ...m, error: m.errorClass === 'crash' || m.errorClass === 'injected' ? m.error : m.errorClass }]));
};

try {
  const runs: Record<'sql.js' | 'postgres', Run[]> = { 'sql.js': [], postgres: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const engine of ['sql.js', 'postgres'] as const) {
      const r = await measure([...SIM, SCENARIO, '--json', ...(engine === 'postgres' ? ['--engine', url] : [])]);
      if (r.code !== 0) throw new Error(`${engine} run ${i + 1} exited with ${r.code}`);
      runs[engine].push(r);
      process.stderr.write(`run ${i + 1}/${RUNS} ${engine}: ${r.wall.toFixed(1)} s\n`);
    }
  }
  const [lite, post] = [runs['sql.js'], runs.postgres];
  for (const r of post) if (JSON.stringify(numbers(r.stdout)) !== JSON.stringify(numbers(lite[0]?.stdout ?? '{}'))) throw new Error('PostgreSQL and sql.js reports differ');
  const fmt = (xs: number[]): string => {
    const s = spread(xs);
    return `${s.min.toFixed(1)} / ${s.median.toFixed(1)} / ${s.max.toFixed(1)}`;
  };
  const version = execFileSync('psql', [url, '-tAc', 'SHOW server_version'], { encoding: 'utf8' }).trim().split(' ')[0] ?? '';
  console.log(`headline (1M rows, crash after 800k, 10 lanes), whole sim process, ${RUNS} runs each, min / median / max`);
  console.log(`engine          wall s               cpu s (this process)   peak RSS MB`);
  for (const [name, rs] of [['sql.js', lite], [`PostgreSQL ${version}`, post]] as const)
    console.log(`${name.padEnd(15)} ${fmt(rs.map((r) => r.wall)).padEnd(20)} ${fmt(rs.map((r) => r.cpu)).padEnd(22)} ${fmt(rs.map((r) => r.rssMb))}`);
  console.log('(PostgreSQL does its work in server processes, not counted in cpu s; reports equal on both engines)');
} finally {
  if (clusterDir) execFileSync('bash', [cluster, 'stop', clusterDir]);
}
