import { asTick, cursorShowing, type Cursor } from '../engine/positions';
import type { TraceEvent } from '../engine/trace';
import type { LaneResult, SimResult } from '../worker/types';
import { fmt, truthFor, verdictAt, visibleLanes } from './selectors';

/** A question practice mode asks where playback stops (after a crash, before the retry; before the end). */
export interface PracticeQuestion {
  id: string;
  /** Playback stops here to ask: the crash shown and the retry not yet; or the last step before the end. */
  cursor: Cursor;
  kind: 'rows' | 'exactly-once';
  prompt: string;
  /** Several may be right for 'exactly-once' (pick all); one for 'rows'. */
  choices: string[];
  answer: string[];
  /** What happened, shown once answered. */
  reveal: string;
}

/** The end of the attempt after `crash` (the retry), or null when none follows. */
function retryEnd(lane: LaneResult, crash: TraceEvent): TraceEvent | null {
  return lane.trace.find((e) => e.step > crash.step && e.kind === 'end' && e.run === crash.run && e.attempt === crash.attempt + 1) ?? null;
}

function rowsQuestion(result: SimResult, lane: LaneResult, crash: TraceEvent, retry: TraceEvent): PracticeQuestion {
  const own = lane.trace.find((e) => e.step > crash.step && e.kind === 'end') ?? crash;
  const truth = truthFor(result, crash);
  const after = own.destRows;
  const answer = retry.destRows;
  const options = [...new Set([answer, truth, after + truth, after, 0])].sort((a, b) => a - b);
  // four at most, the answer always among them
  const choices = (options.length > 4 ? [answer, ...options.filter((n) => n !== answer).slice(0, 3)].sort((a, b) => a - b) : options).map(fmt);
  const what = crash.kind === 'crash' ? 'crashed' : 'failed with an error';
  return {
    id: `rows:${lane.id}:${crash.tick}`,
    cursor: cursorShowing(crash.tick),
    kind: 'rows',
    prompt: `${lane.id} ${what} in run ${crash.run}, attempt ${crash.attempt}, and the scheduler retries. How many rows will ${lane.id} hold when attempt ${crash.attempt + 1} ends?`,
    choices,
    answer: [fmt(answer)],
    reveal: `${lane.id} holds ${fmt(answer)} rows when attempt ${crash.attempt + 1} ends (${fmt(after)} were left when attempt ${crash.attempt} ended; the truth is ${fmt(truth)}).`,
  };
}

/**
 * The questions of a played simulation for the shown lanes, in cursor order: at each crash or error a retry
 * follows, how many rows a lane will hold after the retry (one lane that will hold the truth and one that will not,
 * when both exist); before the end, which lanes end exactly-once. Read from the traces and metrics the engine sent.
 */
export function practiceQuestions(result: SimResult | null, laneChoice: string[] | null): PracticeQuestion[] {
  if (!result || result.ticks < 2) return [];
  const lanes = visibleLanes(result, laneChoice);
  const out: PracticeQuestion[] = [];
  const ticks = [...new Set(lanes.flatMap((l) => l.trace.filter((e) => e.kind === 'crash' || e.kind === 'error').map((e) => e.tick)))].sort((a, b) => a - b);
  for (const tick of ticks.slice(0, 3)) {
    let right: PracticeQuestion | null = null;
    let wrong: PracticeQuestion | null = null;
    for (const lane of lanes) {
      const crash = lane.trace.find((e) => e.tick === tick && (e.kind === 'crash' || e.kind === 'error'));
      const retry = crash ? retryEnd(lane, crash) : null;
      if (!crash || !retry) continue;
      const q = rowsQuestion(result, lane, crash, retry);
      if (retry.destRows === truthFor(result, crash)) right ??= q;
      else wrong ??= q;
    }
    for (const q of [wrong, right]) if (q) out.push(q);
  }
  if (lanes.every((l) => l.metrics)) {
    const once = lanes.filter((l) => l.metrics?.verdict === 'exactly-once').map((l) => l.id);
    const others = lanes.filter((l) => !once.includes(l.id)).map((l) => `${l.id} (${verdictAt(l, cursorShowing(asTick(result.ticks)), result.ticks).text})`);
    out.push({
      id: 'exactly-once',
      cursor: cursorShowing(asTick(Math.max(0, result.ticks - 2))),
      kind: 'exactly-once',
      prompt: 'The lanes are about to finish. Which lanes will end exactly-once? Pick every one.',
      choices: lanes.map((l) => l.id),
      answer: once,
      reveal: `Exactly-once: ${once.length ? once.join(', ') : 'none'}.${others.length ? ` The others: ${others.join(', ')}.` : ''}`,
    });
  }
  return out.sort((a, b) => a.cursor - b.cursor);
}

/** Whether a set of picked choices is the answer (order does not matter). */
export function isRight(q: PracticeQuestion, picked: readonly string[]): boolean {
  return picked.length === q.answer.length && q.answer.every((a) => picked.includes(a));
}

const cache = new WeakMap<SimResult, Map<string, PracticeQuestion[]>>();

/** practiceQuestions, computed once per simulation and lane choice. */
export function questionsOf(result: SimResult | null, laneChoice: string[] | null): PracticeQuestion[] {
  if (!result) return [];
  const byChoice = cache.get(result) ?? new Map<string, PracticeQuestion[]>();
  cache.set(result, byChoice);
  const key = laneChoice ? laneChoice.join(',') : '*';
  const hit = byChoice.get(key);
  if (hit) return hit;
  const qs = practiceQuestions(result, laneChoice);
  byChoice.set(key, qs);
  return qs;
}

/** Where answers are kept: per scenario (its id and title) and question. */
export const answerKey = (result: SimResult, q: PracticeQuestion): string => `${result.scenarioId}:${q.id}`;
