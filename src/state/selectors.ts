import { cursorShowing, tickShownAt, type Cursor, type Tick } from '../engine/positions';
import { eventAtTick } from '../engine/timeline';
import type { TraceEvent } from '../engine/trace';
import type { LaneResult, SimResult } from '../worker/types';
import type { AppState } from './types';
import { counted, fmt, plural, rowCount } from '../engine/format';

/** Formats a count the way every badge and label shows it: 800,000. */
export { fmt };

export type VerdictKind = 'exactly-once' | 'duplicates' | 'lost' | 'stale' | 'error' | 'running' | 'pending';

/** What a lane's badge says at the cursor. */
export interface VerdictView {
  kind: VerdictKind;
  /** The badge's text: "exactly-once", "dup 800,000", "lost 200,000", "stale 3", "error", … */
  text: string;
  /** A sentence for assistive technology and tooltips. */
  description: string;
  final: boolean;
}

/** The lane's event at the cursor (the last one with tick < cursor), or null before its first. */
export function eventAtCursor(lane: LaneResult, cursor: Cursor): TraceEvent | null {
  const tick = tickShownAt(cursor);
  return tick === null ? null : eventAtTick(lane.trace, tick);
}

/** The symbol of each verdict kind (the badge draws the first part's with CSS; later parts carry theirs in the text). */
export const VERDICT_SYMBOL: Record<VerdictKind, string> = {
  'exactly-once': '✓',
  duplicates: '✗',
  lost: '▽',
  stale: '~',
  error: '!',
  running: '…',
  pending: '·',
};

type Problem = { kind: 'duplicates' | 'lost' | 'stale'; text: string; description: string };

/** Every problem counts show, the verdict's own first: dup and lost together, never only one of them. */
function problemsOf(c: { duplicates: number; lost: number; stale: number }, first: VerdictKind | null, suffix: string): Problem[] {
  const all: Problem[] = [];
  if (c.duplicates > 0) all.push({ kind: 'duplicates', text: `dup ${fmt(c.duplicates)}`, description: `${counted(c.duplicates, 'duplicate row')}${suffix}` });
  if (c.lost > 0) all.push({ kind: 'lost', text: `lost ${fmt(c.lost)}`, description: `${counted(c.lost, 'key')} lost${suffix}` });
  if (c.stale > 0) all.push({ kind: 'stale', text: `stale ${fmt(c.stale)}`, description: `${counted(c.stale, 'key')} ${plural(c.stale, 'holds', 'hold')} stale values${suffix}` });
  return all.sort((a, b) => (a.kind === first ? -1 : b.kind === first ? 1 : 0));
}

/** "dup 1,000 · ▽ lost 3": the first part's symbol is the badge's own. */
const joinParts = (parts: Problem[]): string => parts.map((p, i) => (i === 0 ? p.text : `${VERDICT_SYMBOL[p.kind]} ${p.text}`)).join(' · ');

/** The lane's verdict at the cursor: final metrics at the end, the event's counts on the way. */
export function verdictAt(lane: LaneResult, cursor: Cursor, ticks: number): VerdictView {
  const m = lane.metrics;
  if (cursor >= ticks && m) {
    if (m.verdict === 'exactly-once') return { kind: m.verdict, text: 'exactly-once', description: `exactly once: ${rowCount(m.rows)}, all correct`, final: true };
    if (m.verdict === 'error') {
      const left = problemsOf(m, null, '');
      return {
        kind: 'error',
        text: `error · ${[rowCount(m.rows), ...left.map((p) => p.text)].join(', ')}`,
        description: `a run failed, its retries used up: ${m.error ?? 'error'}; it left ${[rowCount(m.rows), ...left.map((p) => p.description)].join(', ')}`,
        final: true,
      };
    }
    const parts = problemsOf(m, m.verdict, '');
    return { kind: m.verdict, text: joinParts(parts), description: parts.map((p) => p.description).join(', '), final: true };
  }
  const e = eventAtCursor(lane, cursor);
  if (!e) return { kind: 'pending', text: 'not started', description: 'the lane has not started yet', final: false };
  const c = e.counts;
  if (c) {
    // Lost and stale are judged only where a run is over (its attempt ended and no retry follows): between attempts
    // the retry may still write the missing rows, so the badge says "in progress", not "lost". Duplicates are sure.
    const next = lane.trace[e.step + 1];
    const retryFollows = next?.kind === 'start' && next.run === e.run && next.attempt > e.attempt;
    const settled = e.kind === 'end' && !retryFollows;
    const shown = settled ? c : { duplicates: c.duplicates, lost: 0, stale: 0 };
    const parts = problemsOf(shown, 'duplicates', settled ? ' right now' : ' so far');
    const first = parts[0];
    if (first) return { kind: first.kind, text: joinParts(parts), description: parts.map((p) => p.description).join(', '), final: false };
    if (settled) return { kind: 'exactly-once', text: 'exactly-once', description: 'exactly once so far', final: false };
  }
  return { kind: 'running', text: `in progress · ${rowCount(e.destRows)}`, description: `in progress: ${rowCount(e.destRows)} in dest`, final: false };
}

/** Truth key count for the run an event belongs to (the final truth when no event). */
export function truthFor(result: SimResult, e: TraceEvent | null): number {
  const t = result.truthKeys;
  if (!e) return t[t.length - 1] ?? 0;
  return t[e.run - 1] ?? t[t.length - 1] ?? 0;
}

export type MarkKind = 'crash' | 'error' | 'retry' | 'duplicate';

/** A moment worth jumping to on the scrubber. */
export interface EventMark {
  tick: Tick;
  kind: MarkKind;
  lane: string;
  label: string;
}

/** Crashes, injected errors, retries and each lane's first duplicate, in timeline order (one mark per tick and kind). */
export function eventMarks(result: SimResult | null, laneIds?: string[] | null): EventMark[] {
  if (!result) return [];
  const seen = new Set<string>();
  const marks: EventMark[] = [];
  const add = (m: EventMark) => {
    const k = `${m.tick}:${m.kind}`;
    if (!seen.has(k)) {
      seen.add(k);
      marks.push(m);
    }
  };
  for (const lane of result.lanes) {
    if (laneIds && !laneIds.includes(lane.id)) continue;
    for (const e of lane.trace) {
      if (e.kind === 'crash') add({ tick: e.tick, kind: 'crash', lane: lane.id, label: `crash (run ${e.run}, attempt ${e.attempt})` });
      else if (e.kind === 'error') add({ tick: e.tick, kind: 'error', lane: lane.id, label: `error in ${lane.id}: ${e.error ?? e.label}` });
      else if (e.kind === 'start' && e.attempt > 1) add({ tick: e.tick, kind: 'retry', lane: lane.id, label: `retry: run ${e.run}, attempt ${e.attempt}` });
      if (e.step === lane.firstDuplicateStep) add({ tick: e.tick, kind: 'duplicate', lane: lane.id, label: `first duplicate in ${lane.id}` });
    }
  }
  return marks.sort((a, b) => a.tick - b.tick);
}

/** The next mark after the cursor (the first one not yet shown), or null when none is left. */
export function nextMark(marks: EventMark[], cursor: Cursor): EventMark | null {
  return marks.find((x) => cursorShowing(x.tick) > cursor) ?? null;
}

/** The cursor after the next mark (so that the marked event is the one shown), or null when none is left. */
export function nextMarkCursor(marks: EventMark[], cursor: Cursor): Cursor | null {
  const m = nextMark(marks, cursor);
  return m ? cursorShowing(m.tick) : null;
}

/** Lanes shown, in the scenario's order. */
export function visibleLanes(result: SimResult | null, choice: string[] | null): LaneResult[] {
  if (!result) return [];
  const lanes = choice ? result.lanes.filter((l) => choice.includes(l.id)) : result.lanes;
  return lanes.length > 0 ? lanes : result.lanes;
}

/** The aria-live sentence for the cursor: "Step 23: naive — write … rows 701–800 …". */
export function narration(result: SimResult | null, lanes: LaneResult[], cursor: Cursor): string {
  if (!result) return '';
  const tick = tickShownAt(cursor);
  if (tick === null) return 'Step 0: nothing has run yet. Press Space to play or → to step.';
  // lanes doing the same thing are named together: "naive, tracking — The process dies …"
  const byLabel = new Map<string, string[]>();
  for (const lane of lanes) {
    const e = lane.trace.find((x) => x.tick === tick);
    // joined with "; " below: a label's own closing full stop would read ".;"
    const label = e?.label.replace(/\.$/, '');
    if (e && label !== undefined) byLabel.set(label, [...(byLabel.get(label) ?? []), lane.id]);
  }
  const head = `Step ${cursor}${cursor >= result.ticks ? ' (end)' : ''}: `;
  if (byLabel.size === 0) return `${head}the shown lanes wait for the others.`;
  const parts = [...byLabel.entries()].map(([label, ids]) => {
    const who = ids.length > 3 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : ids.join(', ');
    return `${who} — ${label}`;
  });
  const more = parts.length > 2 ? ` (+${parts.length - 2} other steps)` : '';
  return head + parts.slice(0, 2).join('; ') + more;
}

/** The step the fault buttons act on: the selected one, else the current step of the first shown lane. */
export function selectedEvent(s: Pick<AppState, 'result' | 'selected' | 'laneChoice' | 'cursor'>): { lane: LaneResult; event: TraceEvent } | null {
  const lanes = visibleLanes(s.result, s.laneChoice);
  if (s.selected) {
    const lane = lanes.find((l) => l.id === s.selected?.lane);
    const event = lane?.trace[s.selected.step];
    if (lane && event) return { lane, event };
  }
  const lane = lanes[0];
  if (!lane) return null;
  const event = eventAtCursor(lane, s.cursor) ?? lane.trace[0];
  return event ? { lane, event } : null;
}
