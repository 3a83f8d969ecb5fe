import { fmt } from '../format';
import { compileModel } from '../model';
import { describeMoment } from '../moments';
import type { FaultDoc, FaultMoment } from '../schema';
import type { TraceEvent } from '../trace';
import type { Scenario } from '../validate';
import { afterRowsClasses, rowClassBreaks, type RowsClass } from './classes';
import type { ExploreLane, ExploreOptions, ExploreProgress, ExploreReport, ExploreResult, ExploreSchedule, PlayExecutor, PlayOutcome } from './types';

type Outcomes = Record<string, PlayOutcome>;

/** One schedule to play: a fault after the faults of `prefix`, and the lanes it can change. */
interface Candidate {
  prefix: FaultDoc[];
  fault: FaultDoc;
  /** Where the moment sits in its attempt, for the order: the input position of its file (the commit after all). */
  position: number;
  /** For afterRows: the class of N it stands for (`fault.at.afterRows` = its first N). */
  range?: RowsClass;
  /** Lanes whose play this fault can change; the others keep the outcome of `prefix`. */
  affected: string[];
  outcomes?: Outcomes;
}

/** The order of moments at one position: a partition delete, the first write, rows, the last write, the commit. */
const MOMENT_RANK = (at: FaultMoment): number =>
  'afterRows' in at ? 2 : 'before' in at ? (at.before === 'commit' ? 4 : 1) : at.after === 'delete' ? 0 : 3;

const segmentKey = (run: number, attempt: number): string => `${run}:${attempt}`;

/** A lane's events, by (run, attempt). */
function segmentsOf(trace: readonly TraceEvent[]): Map<string, TraceEvent[]> {
  const out = new Map<string, TraceEvent[]>();
  for (const e of trace) {
    const k = segmentKey(e.run, e.attempt);
    if (!out.has(k)) out.set(k, []);
    (out.get(k) as TraceEvent[]).push(e);
  }
  return out;
}

const isAfter = (run: number, attempt: number, than: FaultDoc | undefined): boolean =>
  !than || run > than.run || (run === than.run && attempt > than.attempt);

/**
 * Every fault that can change an outcome after `prefix`, read off the lanes' traces under `prefix`: the file and
 * commit moments some lane offers, and the afterRows classes, in segments after the last fault of the prefix.
 */
function candidatesAfter(
  scenario: Scenario,
  prefix: FaultDoc[],
  traces: Record<string, TraceEvent[]>,
  kinds: readonly FaultDoc['kind'][],
  breaks: Map<string, Set<number>>,
): Candidate[] {
  const last = prefix[prefix.length - 1];
  const bySegment = new Map<string, { run: number; attempt: number; lanes: Map<string, TraceEvent[]> }>();
  for (const [lane, trace] of Object.entries(traces))
    for (const [k, events] of segmentsOf(trace)) {
      const first = events[0] as TraceEvent;
      if (!isAfter(first.run, first.attempt, last)) continue;
      if (!bySegment.has(k)) bySegment.set(k, { run: first.run, attempt: first.attempt, lanes: new Map() });
      bySegment.get(k)?.lanes.set(lane, events);
    }
  const out: Candidate[] = [];
  for (const { run, attempt, lanes } of bySegment.values()) {
    const input = scenario.runs[run - 1]?.input ?? [];
    const filePosition = (file: string | null | undefined): number => (file ? Math.max(0, input.indexOf(file)) : input.length);
    // file and commit moments, and the lanes that offer each
    const moments = new Map<string, { at: FaultMoment; position: number; lanes: string[] }>();
    for (const [lane, events] of lanes)
      for (const e of events)
        for (const o of e.offers) {
          if ('afterRows' in o.at) continue;
          const k = JSON.stringify(o.at);
          const m = moments.get(k);
          if (m) {
            if (!m.lanes.includes(lane)) m.lanes.push(lane);
          } else moments.set(k, { at: o.at, position: filePosition('file' in o.at ? o.at.file : null), lanes: [lane] });
        }
    for (const m of moments.values())
      for (const kind of kinds) out.push({ prefix, fault: { run, attempt, kind, at: m.at }, position: m.position, affected: m.lanes });
    // afterRows: one candidate per class, played at its first N
    for (const range of afterRowsClasses([...lanes.values()], breaks)) {
      let position = Infinity;
      const affected: string[] = [];
      for (const [lane, events] of lanes) {
        const step = events.find((e) => e.offers.some((o) => o.rows && o.rows.from <= range.from && range.from <= o.rows.to));
        if (!step) continue;
        affected.push(lane);
        position = Math.min(position, filePosition(step.file));
      }
      if (affected.length === 0) continue;
      for (const kind of kinds) out.push({ prefix, fault: { run, attempt, kind, at: { afterRows: range.from } }, position, range, affected });
    }
  }
  return out;
}

/** Deterministic order: run, attempt, position (file), moment (delete, first write, rows, last write, commit), N, kind. */
function byTime(kinds: readonly FaultDoc['kind'][]) {
  return (a: Candidate, b: Candidate): number =>
    a.fault.run - b.fault.run ||
    a.fault.attempt - b.fault.attempt ||
    a.position - b.position ||
    MOMENT_RANK(a.fault.at) - MOMENT_RANK(b.fault.at) ||
    ('afterRows' in a.fault.at && 'afterRows' in b.fault.at ? a.fault.at.afterRows - b.fault.at.afterRows : 0) ||
    JSON.stringify(a.fault.at).localeCompare(JSON.stringify(b.fault.at)) ||
    kinds.indexOf(a.fault.kind) - kinds.indexOf(b.fault.kind);
}

/** Merges afterRows classes next to each other that give the same verdict in every lane (same prefix, attempt, kind). */
function mergeClasses(list: Candidate[], lanes: readonly string[], verdictOf: (c: Candidate, lane: string) => string): Candidate[] {
  const out: Candidate[] = [];
  const groups = new Map<string, Candidate[]>();
  for (const c of list) {
    if (!c.range) {
      out.push(c);
      continue;
    }
    const k = `${JSON.stringify(c.prefix)}|${c.fault.run}:${c.fault.attempt}:${c.fault.kind}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)?.push(c);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => (a.range as RowsClass).from - (b.range as RowsClass).from);
    let cur: Candidate | null = null;
    for (const c of group) {
      const same = cur && (cur.range as RowsClass).to + 1 === (c.range as RowsClass).from && lanes.every((l) => verdictOf(cur as Candidate, l) === verdictOf(c, l));
      if (cur && same) {
        const prev: Candidate = cur;
        cur = { ...prev, range: { from: (prev.range as RowsClass).from, to: (c.range as RowsClass).to }, position: Math.min(prev.position, c.position) };
      }
      else {
        if (cur) out.push(cur);
        cur = c;
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

const resultOf = (schedule: string, o: PlayOutcome): ExploreResult => ({
  schedule,
  verdict: o.metrics.verdict,
  rows: o.metrics.rows,
  duplicates: o.metrics.duplicates,
  lost: o.metrics.lost,
  stale: o.metrics.stale,
  error: o.metrics.error,
});

function faultLabel(f: FaultDoc, range?: RowsClass): string {
  const where = range && range.to > range.from ? `after ${fmt(range.from)}–${fmt(range.to)} rows` : describeMoment(f.at);
  return `run ${f.run} · attempt ${f.attempt} · ${f.kind} ${where}`;
}

function certificate(count: number, opts: ExploreOptions): string {
  const kinds = opts.kinds.length === 2 ? 'crashes and errors' : opts.kinds[0] === 'crash' ? 'crashes' : 'errors';
  return opts.depth === 1 ? `exactly-once under all ${fmt(count)} single ${kinds}` : `exactly-once under all ${fmt(count)} schedules of one or two ${kinds}`;
}

/** Runs `fn` over `items` with at most `limit` under way, in any order; stops launching once `stop()` says so. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>, stop: () => boolean): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/**
 * The crash-point explorer: plays the scenario (its own faults replaced) under every single fault that can change an
 * outcome — every moment a clean play offers, in each run and attempt, for each kind, afterRows in classes of N — and
 * with `depth: 2` under every second fault in a later attempt or run of each. A lane is replayed only where the fault
 * can change it. Cancelling keeps what was computed (`complete: false`).
 */
export async function explore(
  scenario: Scenario,
  executor: PlayExecutor,
  opts: ExploreOptions,
  hooks: { onProgress?: (p: ExploreProgress) => void; cancelled?: () => boolean } = {},
): Promise<ExploreReport & { complete: boolean }> {
  const lanes = opts.lanes ? scenario.lanes.map((l) => l.id).filter((id) => opts.lanes?.includes(id)) : scenario.lanes.map((l) => l.id);
  const kinds = (['crash', 'error'] as const).filter((k) => opts.kinds.includes(k));
  const breaks = rowClassBreaks(compileModel(scenario));
  const stop = (): boolean => hooks.cancelled?.() ?? false;
  const progress = { done: 0, total: 1, phase: 'clean' as ExploreProgress['phase'] };
  const tick = (): void => hooks.onProgress?.({ ...progress });
  tick();

  const clean = await executor.play([], lanes, true);
  progress.done = 1;
  tick();
  const cleanTraces = Object.fromEntries(lanes.map((l) => [l, (clean[l] as PlayOutcome).trace]));
  const withTrace = opts.depth === 2;

  const playAll = async (list: Candidate[], base: (c: Candidate) => Outcomes): Promise<void> => {
    progress.total += list.length;
    tick();
    await pool(
      list,
      executor.concurrency,
      async (c) => {
        let played: Outcomes;
        try {
          played = await executor.play([...c.prefix, c.fault], c.affected, withTrace);
        } catch (e) {
          // a play stopped by a cancel (its worker terminated) is left out; the rest of the report stands
          if (stop()) return;
          throw e;
        }
        c.outcomes = { ...base(c), ...played };
        progress.done += 1;
        tick();
      },
      stop,
    );
  };
  const verdictOf = (c: Candidate, lane: string): string => c.outcomes?.[lane]?.metrics.verdict ?? '?';

  // depth 1
  progress.phase = 'depth 1';
  const firsts = candidatesAfter(scenario, [], cleanTraces, kinds, breaks).sort(byTime(kinds));
  await playAll(firsts, () => clean);
  const level1 = mergeClasses(firsts.filter((c) => c.outcomes), lanes, verdictOf).sort(byTime(kinds));

  // depth 2: a second fault after each first one, read off the first one's traces
  const level2: Candidate[][] = [];
  if (opts.depth === 2 && !stop()) {
    progress.phase = 'depth 2';
    for (const first of level1) {
      if (stop()) break;
      const under = first.outcomes as Outcomes;
      const traces = Object.fromEntries(lanes.map((l) => [l, (under[l] as PlayOutcome).trace]));
      const seconds = candidatesAfter(scenario, [first.fault], traces, kinds, breaks).sort(byTime(kinds));
      await playAll(seconds, () => under);
      level2.push(mergeClasses(seconds.filter((c) => c.outcomes), lanes, verdictOf).sort(byTime(kinds)));
    }
  }

  // the report: s0 is the play without faults, then depth 1 in time order, each first fault's pairs after all of them
  const ordered: Candidate[] = [...level1, ...level2.flat()];
  const schedules: ExploreSchedule[] = [{ id: 's0', faults: [], label: 'no fault' }];
  ordered.forEach((c, i) => {
    const faults = [...c.prefix, c.fault];
    const label = faults.map((f, j) => (j === faults.length - 1 ? faultLabel(f, c.range) : faultLabel(f))).join(', then ');
    schedules.push({ id: `s${i + 1}`, faults, label, ...(c.range ? { afterRowsRange: [c.range.from, c.range.to] as [number, number] } : {}) });
  });
  const cleanResults: Record<string, ExploreResult> = {};
  const laneReports: Record<string, ExploreLane> = {};
  for (const lane of lanes) {
    const base = resultOf('s0', clean[lane] as PlayOutcome);
    cleanResults[lane] = base;
    const results = [base, ...ordered.map((c, i) => resultOf(`s${i + 1}`, (c.outcomes as Outcomes)[lane] as PlayOutcome))];
    const faulted = results.slice(1);
    const holds = faulted.filter((r) => r.verdict === 'exactly-once').length;
    const broken = results.find((r) => r.verdict !== 'exactly-once');
    const complete = !stop();
    laneReports[lane] = {
      results,
      holds,
      breaks: faulted.length - holds,
      counterexample: broken?.schedule ?? null,
      certificate: !broken && complete ? certificate(faulted.length, opts) : null,
    };
  }
  return { scenario: scenario.id, depth: opts.depth, kinds: [...kinds], clean: cleanResults, schedules, lanes: laneReports, complete: !stop() };
}
