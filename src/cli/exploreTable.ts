import type { ExploreReport } from '../engine/explore/types';

/** The readable form: lanes × summary, then each lane's counterexample. */
export function renderExploreTable(report: ExploreReport): string {
  const schedules = new Map(report.schedules.map((s) => [s.id, s]));
  const faulted = report.schedules.length - 1;
  const header = ['lane', 'clean', 'holds', 'breaks', 'first break'];
  const rows = Object.entries(report.lanes).map(([id, l]) => {
    const first = l.results.find((r) => r.verdict !== 'exactly-once' && r.schedule !== 's0');
    return [id, report.clean[id]?.verdict ?? '', `${l.holds}/${faulted}`, String(l.breaks), first ? `${first.schedule}: ${first.verdict}` : '—'];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  const out = [
    `scenario ${report.scenario}: ${faulted} schedules (depth ${report.depth}, ${report.kinds.join(' and ')})`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ];
  for (const [id, l] of Object.entries(report.lanes)) {
    if (l.certificate) out.push(`${id}: ${l.certificate}`);
    else if (l.counterexample) {
      const s = schedules.get(l.counterexample);
      const r = l.results.find((x) => x.schedule === l.counterexample);
      const numbers = r ? `${r.verdict}: ${r.rows} rows, ${r.duplicates} dup, ${r.lost} lost, ${r.stale} stale${r.error ? `, error ${r.error}` : ''}` : '';
      out.push(`${id}: smallest counterexample ${l.counterexample} (${s?.label ?? ''}) → ${numbers}`);
    } else out.push(`${id}: held under every schedule explored`);
  }
  return out.join('\n');
}
