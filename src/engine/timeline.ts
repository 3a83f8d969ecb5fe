import { asTick, type Tick } from './positions';
import type { TraceEvent } from './trace';

/** Where each (run, attempt) segment sits on the shared timeline. */
export interface TimelineSegment {
  run: number;
  attempt: number;
  startTick: Tick;
  length: number;
  /** Offset of the aligned fault (crash/error) inside the segment, when a lane has one. */
  anchor: number | null;
}

const segKey = (e: TraceEvent): string => `${e.run}:${e.attempt}`;
const isFault = (e: TraceEvent): boolean => e.kind === 'crash' || (e.kind === 'error' && e.sql.length === 0);

/**
 * Assigns `tick` to every event so that all lanes share one cursor: segments of (run, attempt) start together,
 * a fault falls on the same tick in every lane that meets it, and every attempt ends on the same tick.
 * Returns the segments and the number of ticks.
 */
export function alignTimeline(traces: TraceEvent[][]): { segments: TimelineSegment[]; ticks: number } {
  const keys = new Map<string, { run: number; attempt: number }>();
  for (const t of traces) for (const e of t) keys.set(segKey(e), { run: e.run, attempt: e.attempt });
  const ordered = [...keys.values()].sort((a, b) => a.run - b.run || a.attempt - b.attempt);
  const segments: TimelineSegment[] = [];
  let tick = 0;
  for (const { run, attempt } of ordered) {
    const parts = traces.map((t) => t.filter((e) => e.run === run && e.attempt === attempt));
    const anchors = parts.map((p) => p.findIndex(isFault));
    const anchor = Math.max(-1, ...anchors);
    let length = 0;
    parts.forEach((p, i) => {
      const a = anchors[i] as number;
      // pre-fault events, the fault at the shared anchor, the rest after it, the end event last
      const needed = a >= 0 ? anchor + (p.length - a) : p.length;
      length = Math.max(length, needed);
    });
    parts.forEach((p, i) => {
      const a = anchors[i] as number;
      p.forEach((e, j) => {
        let offset = j;
        if (a >= 0 && j >= a) offset = anchor + (j - a);
        if (e.kind === 'end') offset = length - 1;
        e.tick = asTick(tick + offset);
      });
    });
    segments.push({ run, attempt, startTick: asTick(tick), length, anchor: anchor >= 0 ? anchor : null });
    tick += length;
  }
  return { segments, ticks: tick };
}

/** The last event of a lane at or before a tick (null before the lane's first event). */
export function eventAtTick(trace: TraceEvent[], tick: Tick): TraceEvent | null {
  let lo = 0;
  let hi = trace.length - 1;
  let found: TraceEvent | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = trace[mid] as TraceEvent;
    if (e.tick <= tick) {
      found = e;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
