import { fmt, oneLine } from '../engine/format';
import type { SimulationReport } from '../engine/simulation';

const n = fmt;

/** The readable table: one line per lane. */
export function renderTable(report: SimulationReport): string {
  const header = ['lane', 'verdict', 'rows', 'duplicates', 'lost', 'stale', 'attempts', 'error'];
  const rows = Object.entries(report.lanes).map(([id, m]) => [
    id,
    m.verdict,
    n(m.rows),
    n(m.duplicates),
    n(m.lost),
    n(m.stale),
    m.attempts.map((a) => `${a.run}.${a.attempt}:${a.outcome}`).join(' '),
    oneLine(m.error ?? ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  const out = [`scenario ${report.scenario}`, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  out.push(report.expect.ok ? 'expect: ok' : `expect: FAILED\n${report.expect.failures.map((f) => `  ${f}`).join('\n')}`);
  return out.join('\n');
}
