import type { Counts } from './metrics';
import type { LaneMetrics } from './metrics';
import { counted, fmt, rowCount } from './format';
import { firstDuplicate, type TraceEvent } from './trace';

/** Why a lane's verdict is what it is, in one plain sentence, with the steps it cites (indices into the trace). */
export interface Why {
  sentence: string;
  steps: number[];
}

type Ev = Pick<
  TraceEvent,
  'step' | 'run' | 'attempt' | 'kind' | 'label' | 'file' | 'rows' | 'error' | 'errorClass' | 'txOpen' | 'destRows' | 'committedRows' | 'written' | 'counts' | 'outcome'
>;

interface AttemptView<E extends Ev> {
  run: number;
  attempt: number;
  events: E[];
  start: E;
  end: E | null;
  /** The step that raised what ended the attempt (a crash, an injected error, a failed statement). */
  failure: E | null;
}

function attemptsOf<E extends Ev>(events: readonly E[]): AttemptView<E>[] {
  const out: AttemptView<E>[] = [];
  for (const e of events) {
    let a = out[out.length - 1];
    if (!a || a.run !== e.run || a.attempt !== e.attempt) {
      a = { run: e.run, attempt: e.attempt, events: [], start: e, end: null, failure: null };
      out.push(a);
    }
    a.events.push(e);
    if (e.kind === 'end') a.end = e;
    if (!a.failure && (e.kind === 'crash' || e.kind === 'error' || e.error !== null)) a.failure = e;
  }
  return out;
}

/** A file's name as the lane read it ("landing/x.csv"), from its read step; else its id. */
function fileName(events: readonly Ev[], file: string | null): string {
  if (!file) return 'the file';
  for (const e of events) {
    if (e.file !== file) continue;
    const m = /^(?:read|check|claim|skip|mark|write) (?:content hash of )?(.+?)(?: into the batch|:| rows \d| SUCCESS| \()/.exec(e.label);
    if (m?.[1]) return m[1];
  }
  return file;
}

/** "step 4", "steps 4–9", "steps 3, 7". */
function stepRef(steps: number[]): string {
  const s = [...new Set(steps)].sort((a, b) => a - b);
  if (s.length === 0) return '';
  if (s.length === 1) return `step ${s[0]}`;
  if (s.length === 2 && s[1] === (s[0] as number) + 1) return `steps ${s[0]}–${s[1]}`;
  return `steps ${s.join(', ')}`;
}

/** A range of write steps "(steps a–b)": first and last. */
function rangeRef(steps: number[]): { text: string; steps: number[] } {
  if (steps.length === 0) return { text: '', steps: [] };
  const a = Math.min(...steps);
  const b = Math.max(...steps);
  return a === b ? { text: `step ${a}`, steps: [a] } : { text: `steps ${a}–${b}`, steps: [a, b] };
}

const failWord = (f: Ev | null, end: Ev | null): string => {
  const cls = f?.errorClass ?? end?.errorClass;
  if (f?.kind === 'crash' || cls === 'crash' || end?.outcome === 'crash') return 'crash';
  if (cls === 'injected') return 'injected error';
  return 'error';
};

const tail = (label: string): string => label.slice(label.indexOf(':') + 1).trim();

const NUM_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const numWord = (n: number): string => NUM_WORDS[n] ?? fmt(n);

/** What a failed lane left in dest: "1,100 rows, dup 100, lost 3". */
export function leftBehind(c: Pick<Counts, 'rows' | 'duplicates' | 'lost' | 'stale'>): string {
  const parts = [rowCount(c.rows)];
  if (c.duplicates > 0) parts.push(`dup ${fmt(c.duplicates)}`);
  if (c.lost > 0) parts.push(`lost ${fmt(c.lost)}`);
  if (c.stale > 0) parts.push(`stale ${fmt(c.stale)}`);
  return parts.join(', ');
}

/** Writes of `file` in an attempt (up to `before`, when given). */
const writesOf = <E extends Ev>(a: AttemptView<E>, file: string | null, before = Infinity): E[] =>
  a.events.filter((e) => e.kind === 'write' && e.step < before && (file === null || e.file === file));

/**
 * The cause of a lane's verdict at a step (the whole trace when `upToStep` is omitted), built from the trace's facts
 * only: kinds, counts, row counters, outcomes, error classes, files and labels. `truthKeys[r-1]`: the truth's keys after
 * runs 1..r. `metrics` (the final numbers) are used when the explanation covers the whole trace.
 */
export function explainLane<E extends Ev>(trace: readonly E[], metrics: LaneMetrics | null, truthKeys: readonly number[], upToStep?: number): Why {
  const events = upToStep === undefined ? trace : trace.slice(0, upToStep + 1);
  if (events.length === 0) return { sentence: 'nothing has run yet.', steps: [] };
  const atEnd = events.length === trace.length;
  const last = events[events.length - 1] as E;
  const counts: Counts | null = atEnd && metrics ? metrics : ([...events].reverse().find((e) => e.counts)?.counts ?? null);
  const attempts = attemptsOf(events);
  const finalError = atEnd && metrics ? metrics.error !== null : false;
  const dup = counts?.duplicates ?? 0;
  const lost = counts?.lost ?? 0;
  const stale = counts?.stale ?? 0;
  const truth = truthKeys[last.run - 1] ?? truthKeys[truthKeys.length - 1] ?? 0;

  if (finalError && metrics) return explainError(events, attempts, metrics);

  const firstDup = firstDuplicate(events, truthKeys);
  if (dup > 0 || firstDup) return explainDuplicates(events, attempts, firstDup ?? last, dup);
  // Rows still to be written are not lost yet: mid-attempt, lost and stale are judged only where an attempt ended or a
  // fault struck (as the interim badge does).
  const settled = atEnd || last.kind === 'end' || last.kind === 'crash' || last.kind === 'error';
  if (settled && lost > 0) return explainLost(events, attempts, lost);
  if (settled && stale > 0) return explainStale(events, attempts, stale);
  const held = explainHeld(events, attempts);
  if (!atEnd && (!last.counts || last.kind !== 'end')) {
    const so = `so far ${rowCount(last.destRows)} in dest (truth ${fmt(truth)})`;
    return held.steps.length > 0 ? { sentence: `${held.sentence}; ${so}.`, steps: held.steps } : { sentence: `${so}, nothing has gone wrong yet.`, steps: [] };
  }
  return { sentence: `${held.sentence}.`, steps: held.steps };
}

function explainError<E extends Ev>(events: readonly E[], attempts: AttemptView<E>[], m: LaneMetrics): Why {
  const failed = attempts.filter((a) => a.end && a.end.outcome !== 'ok');
  const lastFailed = failed[failed.length - 1];
  const run = lastFailed?.run ?? 0;
  const inRun = failed.filter((a) => a.run === run);
  const f = lastFailed?.failure ?? lastFailed?.end ?? null;
  const steps: number[] = inRun.map((a) => (a.failure ?? a.end) as E).map((e) => e.step);
  const every = inRun.length > 1 ? `all ${numWord(inRun.length)} attempts of run ${run}` : `the only attempt of run ${run}`;
  const left = `it left ${leftBehind(m)}`;
  let cause: string;
  switch (m.errorClass) {
    case 'multi-match': {
      const check = lastFailed?.events.find((e) => e.kind === 'check' && /matched by \d+/.test(e.label));
      const n = Number(/matched by (\d+)/.exec(check?.label ?? '')?.[1] ?? 2);
      if (check) steps.splice(0, steps.length, ...inRun.map((a) => a.events.find((e) => e.kind === 'check' && /matched by/.test(e.label))?.step ?? a.start.step));
      cause = `the MERGE was refused: ${numWord(n)} source rows matched one target row (Delta's multiple-match error) in ${every}`;
      break;
    }
    case 'syntax':
      cause = `the string-built SQL for ${fileName(events, f?.file ?? null)} was not valid SQL (a syntax error) in ${every}`;
      break;
    case 'crash':
      cause = `${every} crashed and no retry was left`;
      break;
    case 'injected':
      cause = `an error was raised in ${every} and no retry was left`;
      break;
    case 'constraint':
      cause = `a statement broke a constraint in ${every}`;
      break;
    default:
      cause = `${every} failed (${m.error ?? 'error'})`;
  }
  const causeRef = stepRef(steps);
  let more = '';
  if (m.duplicates > 0 && inRun.length > 1) {
    const rewritten = inRun.slice(1).flatMap((a) => writesOf(a, null).map((e) => e.step));
    if (rewritten.length > 0) {
      const r = rangeRef(rewritten);
      more = `; each retry wrote the same rows again before failing (${r.text})`;
      steps.push(...r.steps);
    }
  }
  return { sentence: `${cause} (${causeRef})${more}: ${left}.`, steps: [...new Set(steps)].sort((a, b) => a - b) };
}

function explainDuplicates<E extends Ev>(events: readonly E[], attempts: AttemptView<E>[], d: E, dup: number): Why {
  const a = attempts.find((x) => x.run === d.run && x.attempt === d.attempt) as AttemptView<E>;
  const prev = attempts[attempts.indexOf(a) - 1];
  const file = d.file;
  const name = fileName(events, file);
  const dupText = dup > 0 ? counted(dup, 'duplicate row') : 'duplicate rows';
  // a retry after a failed attempt that left rows behind
  if (prev && prev.run === a.run && prev.end && prev.end.outcome !== 'ok' && prev.end.destRows > prev.start.destRows) {
    const f = prev.failure ?? prev.end;
    const what = failWord(prev.failure, prev.end);
    const again = writesOf(a, file);
    const rows = again.reduce((n, e) => n + (e.rows ?? 0), 0);
    const r = rangeRef(again.map((e) => e.step));
    const handler = prev.events.find((e) => e.kind === 'handler' && (file === null || e.file === file) && /FAILED/.test(e.label));
    const marked = prev.events.some((e) => e.kind === 'mark' && e.error === null && (file === null || e.file === file));
    if (handler) {
      return {
        sentence: `the handler marked ${name} FAILED (step ${handler.step}) and the retry loaded it again: ${rowCount(rows)} written twice (${r.text}), ${dupText}.`,
        steps: [handler.step, ...r.steps],
      };
    }
    if (!marked) {
      const left = prev.end.destRows - prev.start.destRows;
      const all = rows >= left ? 'all ' : '';
      return {
        sentence: `nothing marked ${name} done before the ${what} (step ${f.step}), so the retry loaded ${all}${rowCount(rows)} again (${r.text}): ${dupText}.`,
        steps: [f.step, ...r.steps],
      };
    }
    return {
      sentence: `the ${what} (step ${f.step}) left ${rowCount(prev.end.destRows - prev.start.destRows)} behind and the retry wrote ${name} again (${r.text}): ${dupText}.`,
      steps: [f.step, ...r.steps],
    };
  }
  const writes = writesOf(a, file, d.step + 1);
  const r = rangeRef(writes.map((e) => e.step).filter((s) => s <= d.step));
  const earlier = events.some((e) => e.run < d.run && e.kind === 'write');
  if (earlier) {
    const check = [...a.events].reverse().find((e) => e.kind === 'check' && e.step < d.step && (e.file === file || e.file === null));
    const why = !check
      ? 'nothing checks what earlier runs loaded'
      : check.file === file
        ? `its check said "${tail(check.label)}" (step ${check.step})`
        : `its check ("${check.label}", step ${check.step}) did not recognise it`;
    return {
      sentence: `run ${d.run} wrote ${name} (${r.text}) though its keys were already in dest from an earlier run, because ${why}: ${dupText}.`,
      steps: [...(check ? [check.step] : []), ...r.steps],
    };
  }
  return {
    sentence: `the batch itself holds some keys more than once and every copy was written (${r.text}): ${dupText}.`,
    steps: r.steps,
  };
}

function explainLost<E extends Ev>(events: readonly E[], attempts: AttemptView<E>[], lost: number): Why {
  const lostText = `${counted(lost, 'row')} never arrived`;
  const skip = events.find((e) => e.kind === 'skip' && !events.some((w) => w.kind === 'write' && w.file === e.file && w.step > e.step));
  if (skip) {
    const name = fileName(events, skip.file);
    const handler = [...events].reverse().find((e) => e.kind === 'handler' && e.step < skip.step && e.file === skip.file && /FAILED/.test(e.label));
    if (handler)
      return {
        sentence: `the handler marked ${name} FAILED (step ${handler.step}) and the next run skipped it (step ${skip.step}): ${lostText}.`,
        steps: [handler.step, skip.step],
      };
    const a = attempts.find((x) => x.run === skip.run && x.attempt === skip.attempt);
    const prev = a ? attempts[attempts.indexOf(a) - 1] : undefined;
    const claim = prev?.events.find((e) => e.kind === 'claim' && e.file === skip.file);
    if (prev && prev.end && prev.end.outcome !== 'ok' && claim) {
      const f = prev.failure ?? prev.end;
      return {
        sentence: `the ${failWord(prev.failure, prev.end)} (step ${f.step}) left ${name} claimed as ${tail(claim.label)} (step ${claim.step}), so the retry skipped it (step ${skip.step}): ${lostText}.`,
        steps: [claim.step, f.step, skip.step],
      };
    }
    return { sentence: `the lane skipped ${name} (step ${skip.step}: ${tail(skip.label)}) before all its rows were in dest: ${lostText}.`, steps: [skip.step] };
  }
  const del = events.find((e) => e.kind === 'delete' && (e.rows ?? 0) > 0 && e.run > 1);
  if (del)
    return {
      sentence: `run ${del.run} deleted a whole partition (${rowCount(del.rows ?? 0)}, step ${del.step}) and wrote back only what its own batch held: ${counted(lost, 'row')} from earlier runs are gone.`,
      steps: [del.step],
    };
  return { sentence: `${lostText}.`, steps: [] };
}

function explainStale<E extends Ev>(events: readonly E[], attempts: AttemptView<E>[], stale: number): Why {
  const staleText = `${counted(stale, 'key')} ${stale === 1 ? 'keeps' : 'keep'} old values`;
  const laterRun = events.filter((e) => e.run > 1);
  const skip = laterRun.find((e) => e.kind === 'skip');
  if (skip)
    return {
      sentence: `run ${skip.run} skipped ${fileName(events, skip.file)} (step ${skip.step}: ${tail(skip.label)}), so its corrected rows never replaced the old ones: ${staleText}.`,
      steps: [skip.step],
    };
  const updates = laterRun.filter((e) => e.kind === 'write' && Number(/(\d+) updated/.exec(e.label)?.[1] ?? 0) > 0);
  const upd = updates[updates.length - 1];
  if (upd)
    return {
      sentence: `run ${upd.run} updated keys with whatever its batch held (step ${upd.step}), even when that was older than what dest had: ${staleText}.`,
      steps: [upd.step],
    };
  const short = laterRun.find((e) => e.kind === 'write' && e.rows !== null && e.destRows === (events[e.step - 1]?.destRows ?? 0));
  if (short)
    return {
      sentence: `run ${short.run} wrote only keys not yet in dest (step ${short.step}), so the corrected rows of keys already there were never written: ${staleText}.`,
      steps: [short.step],
    };
  void attempts;
  return { sentence: `a later delivery's rows did not replace older ones: ${staleText}.`, steps: [] };
}

/** Why nothing went wrong (yet): what the lane did at its failures and re-deliveries. */
function explainHeld<E extends Ev>(events: readonly E[], attempts: AttemptView<E>[]): Why {
  for (let i = 1; i < attempts.length; i++) {
    const prev = attempts[i - 1] as AttemptView<E>;
    const a = attempts[i] as AttemptView<E>;
    if (prev.run !== a.run || !prev.end || prev.end.outcome === 'ok') continue;
    const f = prev.failure ?? prev.end;
    const what = failWord(prev.failure, prev.end);
    if (prev.end.destRows === prev.start.destRows) {
      const from = prev.start.destRows === 0 ? 'a clean table' : 'the table as the last commit left it';
      const rolled = f.txOpen ? `the ${what} rolled back the open transaction` : `the ${what} came before anything was written`;
      return { sentence: `${rolled} (step ${f.step}), so the retry started from ${from} (step ${a.start.step})`, steps: [f.step, a.start.step] };
    }
    const skip = a.events.find((e) => e.kind === 'skip');
    if (skip)
      return {
        sentence: `the retry found ${fileName(events, skip.file)} already recorded and skipped it (step ${skip.step}), so the rows the ${what} left (step ${f.step}) were not loaded twice`,
        steps: [f.step, skip.step],
      };
    const del = a.events.find((e) => e.kind === 'delete' && (e.rows ?? 0) > 0);
    if (del)
      return {
        sentence: `the retry deleted the partition first (step ${del.step}), so the ${rowCount(del.rows ?? 0)} the ${what} left (step ${f.step}) were replaced, not doubled`,
        steps: [f.step, del.step],
      };
    const matched = a.events.filter((e) => e.kind === 'write' && (e.rows ?? 0) > 0 && e.destRows === (events[e.step - 1]?.destRows ?? -1));
    if (matched.length > 0) {
      const r = rangeRef(matched.map((e) => e.step));
      return {
        sentence: `the retry matched the rows the ${what} left (step ${f.step}) by key and updated them instead of adding them again (${r.text})`,
        steps: [f.step, ...r.steps],
      };
    }
    const few = a.events.filter((e) => e.kind === 'write');
    const r = rangeRef(few.map((e) => e.step));
    return { sentence: `after the ${what} (step ${f.step}) the retry wrote only what was not in dest yet${r.text ? ` (${r.text})` : ''}`, steps: [f.step, ...r.steps] };
  }
  const skip = events.find((e) => e.kind === 'skip' && e.run > 1);
  if (skip)
    return {
      sentence: `run ${skip.run} recognised ${fileName(events, skip.file)} as already loaded and skipped it (step ${skip.step}), so every key is in dest once`,
      steps: [skip.step],
    };
  const del = events.find((e) => e.kind === 'delete' && (e.rows ?? 0) > 0 && e.run > 1);
  if (del)
    return { sentence: `run ${del.run} deleted the partition before writing it again (step ${del.step}), so rows delivered again replaced their old copies`, steps: [del.step] };
  const upd = events.find((e) => e.kind === 'write' && e.run > 1 && (e.rows ?? 0) > 0 && e.destRows === (events[e.step - 1]?.destRows ?? -1));
  if (upd)
    return { sentence: `run ${upd.run} matched rows already in dest by key and updated them instead of adding them again (step ${upd.step})`, steps: [upd.step] };
  if (events.some((e) => e.run > 1 && e.kind === 'write'))
    return { sentence: 'each run delivered new keys only, so every row was written once', steps: [] };
  return { sentence: 'nothing failed and no key arrived twice, so every row was written once', steps: [] };
}
