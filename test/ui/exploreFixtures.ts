import type { ExploreReport, ExploreResult, ExploreSchedule } from '../../src/engine/explore/types';
import type { FaultDoc, Verdict } from '../../src/engine/schema';
import type { ExploreRun } from '../../src/state/types';

const crash = (run: number, attempt: number, at: FaultDoc['at']): FaultDoc => ({ run, attempt, kind: 'crash', at });
const error = (run: number, attempt: number, at: FaultDoc['at']): FaultDoc => ({ run, attempt, kind: 'error', at });

/** Schedules as the explorer orders them: no fault, then run 1 · attempt 1, run 2 · attempt 1, and one depth-2 pair. */
export const SCHEDULES: ExploreSchedule[] = [
  { id: 's0', faults: [], label: 'no fault' },
  { id: 's1', faults: [crash(1, 1, { before: 'write', file: 'f1' })], label: 'run 1 · attempt 1 · crash before the first write of f1' },
  { id: 's2', faults: [crash(1, 1, { afterRows: 1 })], label: 'run 1 · attempt 1 · crash after 1–799 rows', afterRowsRange: [1, 799] },
  { id: 's3', faults: [error(1, 1, { after: 'write', file: 'f1' })], label: 'run 1 · attempt 1 · error after the last write of f1' },
  { id: 's4', faults: [crash(2, 1, { before: 'commit' })], label: 'run 2 · attempt 1 · crash before the commit' },
  {
    id: 's5',
    faults: [crash(2, 1, { before: 'commit' }), crash(2, 2, { before: 'commit' })],
    label: 'run 2 · attempt 1 · crash before the commit, then run 2 · attempt 2 · crash before the commit',
  },
];

const res = (schedule: string, verdict: Verdict, n: Partial<ExploreResult> = {}): ExploreResult => ({
  schedule, verdict, rows: 1000, duplicates: 0, lost: 0, stale: 0, error: null, ...n,
});

/** Verdicts per lane, one per schedule (s0…s5). */
const VERDICTS: Record<string, [Verdict, Partial<ExploreResult>?][]> = {
  naive: [['exactly-once'], ['exactly-once'], ['duplicates', { rows: 1001, duplicates: 1 }], ['duplicates', { rows: 2000, duplicates: 1000 }], ['exactly-once'], ['duplicates', { rows: 1_800_000, duplicates: 800_000 }]],
  'ingestor-lock': [['exactly-once'], ['lost', { rows: 0, lost: 1000 }], ['lost', { rows: 1, lost: 999 }], ['exactly-once'], ['stale', { stale: 3 }], ['error', { error: 'injected error at before commit' }]],
  'tracking-atomic': [['exactly-once'], ['exactly-once'], ['exactly-once'], ['exactly-once'], ['exactly-once'], ['exactly-once']],
};

/** A small report in the explorer's shape (counterexamples: naive s2, ingestor-lock s1; tracking-atomic certified). */
export function fixtureReport(complete = true): ExploreRun {
  const lanes: ExploreReport['lanes'] = {};
  for (const [lane, list] of Object.entries(VERDICTS)) {
    const results = list.map(([v, n], i) => res(`s${i}`, v, n));
    const faulted = results.slice(1);
    const holds = faulted.filter((r) => r.verdict === 'exactly-once').length;
    const broken = results.find((r) => r.verdict !== 'exactly-once');
    lanes[lane] = {
      results,
      holds,
      breaks: faulted.length - holds,
      counterexample: broken?.schedule ?? null,
      certificate: broken ? null : `exactly-once under all ${faulted.length} schedules of one or two crashes and errors`,
    };
  }
  const clean = Object.fromEntries(Object.entries(lanes).map(([id, l]) => [id, l.results[0] as ExploreResult]));
  return { scenario: 'small', depth: 2, kinds: ['crash', 'error'], clean, schedules: SCHEDULES, lanes, complete };
}
