import { format } from 'd3-format';
import { fmt, rowCount } from '../../engine/format';
import type { ChartEvent } from './laneChartLayout';

const siFormat = format('.2~s');

/** Compact axis numbers: 1800000 → "1.8M", 950 → "950" (integers only; fractions of a row make no sense). */
export function compactNumber(n: number): string {
  if (Math.abs(n) < 1000) return String(Math.round(n));
  return siFormat(n).replace('G', 'B');
}

/** Full numbers with thousands separators, fixed to en-US so screen readers and tests agree. */
export const fullNumber = fmt;

const ticksText = (what: string, ticks: number[]): string =>
  ticks.length === 1 ? `${what} at tick ${ticks[0]}` : `${what}es at ticks ${ticks.join(', ')}`;

/**
 * One sentence for screen readers, e.g.
 * "naive: 1,800,000 rows at the end against 1,000,000 expected; crash at tick 12; retried".
 */
export function laneSummary(label: string, trace: readonly ChartEvent[], truthRows: number, firstDuplicateStep: number | null = null): string {
  const last = trace[trace.length - 1];
  if (!last) return `${label}: no steps yet; ${rowCount(truthRows)} expected`;
  const when = last.kind === 'end' ? 'at the end' : `at tick ${last.tick}`;
  const parts = [`${label}: ${rowCount(last.destRows)} ${when} against ${fullNumber(truthRows)} expected`];
  const crashes = trace.filter((e) => e.kind === 'crash').map((e) => e.tick);
  if (crashes.length) parts.push(ticksText('crash', crashes));
  const errors = trace.filter((e) => e.kind === 'error').map((e) => e.tick);
  if (errors.length) parts.push(errors.length === 1 ? `error at tick ${errors[0]}` : `errors at ticks ${errors.join(', ')}`);
  const retries = trace.filter((e) => e.kind === 'start' && e.attempt > 1).length;
  if (retries) parts.push(retries === 1 ? 'retried' : `retried ${retries} times`);
  const dup = firstDuplicateStep === null ? null : trace.find((e) => e.step === firstDuplicateStep);
  if (dup) parts.push(`first duplicate at tick ${dup.tick}`);
  return parts.join('; ');
}
