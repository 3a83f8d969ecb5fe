import { asCursor } from '../../src/engine/positions';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/engine/trace';
import { traceEvent, type Loose } from '../traceEvent';
import { eventMarks, narration, nextMarkCursor, verdictAt } from '../../src/state/selectors';
import type { LaneResult, SimResult } from '../../src/worker/types';

const ev = (p: Loose<TraceEvent>): TraceEvent => traceEvent({ label: '', ...p });

describe('selectors', () => {
  const trace = [
    ev({ kind: 'start', step: 0, tick: 0 }),
    ev({ kind: 'write', step: 1, tick: 1, rows: 100, file: 'f1', label: 'write rows 1–100; 100 written this attempt', destRows: 100, counts: { rows: 100, duplicates: 0, lost: 900, stale: 0 } }),
    ev({ kind: 'write', step: 2, tick: 2, rows: 100, file: 'f1', label: 'write rows', destRows: 200 }),
    ev({ kind: 'mark', step: 3, tick: 3, file: 'f1' }),
    ev({ kind: 'crash', step: 4, tick: 4, error: 'crash', counts: { rows: 200, duplicates: 0, lost: 0, stale: 0 } }),
    ev({ kind: 'start', step: 5, tick: 5, attempt: 2 }),
    ev({ kind: 'write', step: 6, tick: 6, attempt: 2, rows: 100, destRows: 300, counts: { rows: 300, duplicates: 100, lost: 800, stale: 0 } }),
    ev({ kind: 'commit', step: 7, tick: 7, attempt: 2 }),
  ];
  const lane: LaneResult = { id: 'naive', pattern: 'naive', summary: '', metaTable: null, trace, firstDuplicateStep: 6, metrics: { rows: 300, duplicates: 100, lost: 800, stale: 0, error: null, errorClass: null, verdict: 'lost', problems: ['lost', 'duplicates'], attempts: [] } };
  const result: SimResult = { scenarioId: 's', lanes: [lane], segments: [], ticks: 8, truthKeys: [1000], deliveredRows: 1000, runRows: [1000], maxAttempts: 3, elapsedMs: 1 };

  it('badges: interim counts, final metrics', () => {
    expect(verdictAt(lane, asCursor(2), 8).kind).toBe('running');
    // at a crash a retry follows: in progress, not a verdict (issue 10: no "lost" or "exactly-once" between attempts)
    expect(verdictAt(lane, asCursor(5), 8)).toMatchObject({ kind: 'running', text: 'in progress · 0 rows' });
    expect(verdictAt(lane, asCursor(7), 8).text).toBe('dup 100');
    // every problem that applies, the verdict's first
    expect(verdictAt(lane, asCursor(8), 8)).toMatchObject({ kind: 'lost', text: 'lost 800 · ✗ dup 100', description: '800 keys lost, 100 duplicate rows', final: true });
    const failed = { ...lane, metrics: { ...lane.metrics!, rows: 1100, lost: 0, error: 'crash', errorClass: 'crash' as const, verdict: 'error' as const, problems: ['error' as const, 'duplicates' as const] } };
    expect(verdictAt(failed, asCursor(8), 8)).toMatchObject({ kind: 'error', text: 'error · 1,100 rows, dup 100' });
  });

  it('marks crashes, retries and the first duplicate', () => {
    const marks = eventMarks(result);
    expect(marks.map((m) => m.kind)).toEqual(['crash', 'retry', 'duplicate']);
    expect(nextMarkCursor(marks, asCursor(0))).toBe(5);
    expect(nextMarkCursor(marks, asCursor(5))).toBe(6);
    expect(nextMarkCursor(marks, asCursor(7))).toBeNull();
  });

  it('narrates the step', () => {
    expect(narration(result, [lane], asCursor(0))).toMatch(/^Step 0/);
    expect(narration(result, [lane], asCursor(2))).toBe('Step 2: naive — write rows 1–100; 100 written this attempt');
  });
});
