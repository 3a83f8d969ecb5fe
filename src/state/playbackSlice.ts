import { asCursor, type Cursor } from '../engine/positions';
import { answerKey, questionsOf } from './practice';
import { eventMarks, nextMarkCursor, visibleLanes } from './selectors';
import type { PlaybackSlice, SliceCreator, StoreDeps, Timers } from './types';

/** Speeds offered by the transport. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;
/** Steps per second at 1×. */
const BASE_RATE = 2;

/** The shared cursor and the play loop; pure UI over the precomputed trace. */
export const createPlaybackSlice = (deps: StoreDeps): SliceCreator<PlaybackSlice> => (set, get) => {
  // Called through wrappers: a browser's setInterval called as a method of another object throws "Illegal invocation".
  const timers: Timers = deps.timers ?? {
    setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
    clearInterval: (id) => globalThis.clearInterval(id as ReturnType<typeof setInterval>),
  };
  let timer: unknown = null;
  const ticks = () => get().result?.ticks ?? 0;
  // the one place a number becomes the cursor: whole ticks, within the timeline
  const clamp = (c: number): Cursor => asCursor(Math.max(0, Math.min(Math.round(c), ticks())));
  /**
   * In practice mode a move forward stops at the first unanswered question it would pass (playback pauses there and
   * the question is asked); anything else moves as asked.
   */
  const gate = (from: Cursor, to: Cursor): Cursor => {
    const s = get();
    // a partial result (lanes still running) asks nothing: the questions are read from every lane
    if (!s.practiceOn || to <= from || !s.result || s.pendingLanes.length > 0) return to;
    const result = s.result;
    const questions = questionsOf(result, s.laneChoice);
    if (s.practiceAsk) {
      // a question asked is answered before the lanes go on; answered, the next move goes on past it
      const asked = questions.find((x) => x.id === s.practiceAsk);
      if (asked && !s.practiceAnswers[answerKey(result, asked)]) return from;
      set({ practiceAsk: null });
    }
    // a question still open where the cursor is (several may be asked at one moment) comes first
    const q = questions.find((x) => x.cursor >= from && x.cursor <= to && x.id !== s.practiceAsk && !s.practiceAnswers[answerKey(result, x)]);
    if (!q) return to;
    stopTimer();
    set({ practiceAsk: q.id, playing: false });
    return q.cursor;
  };
  const stopTimer = () => {
    if (timer !== null) timers.clearInterval(timer);
    timer = null;
  };
  const startTimer = () => {
    stopTimer();
    timer = timers.setInterval(() => {
      const s = get();
      if (s.cursor >= ticks()) {
        s.pause();
        return;
      }
      if (s.practiceAsk) {
        s.pause();
        return;
      }
      const next = gate(s.cursor, clamp(s.cursor + 1));
      set({ cursor: next });
      // stop on the last step itself: the play button shows "play" as soon as the end is on screen
      if (next >= ticks()) s.pause();
    }, 1000 / (BASE_RATE * get().speed));
  };
  return {
    cursor: asCursor(0),
    playing: false,
    speed: 1,
    setCursor(c) {
      set({ cursor: gate(get().cursor, clamp(c)), selected: null });
    },
    stepBy(delta) {
      get().pause();
      set({ cursor: gate(get().cursor, clamp(get().cursor + delta)), selected: null });
    },
    reset() {
      get().pause();
      set({ cursor: asCursor(0), selected: null, practiceAsk: null });
    },
    toEnd() {
      get().pause();
      set({ cursor: gate(get().cursor, clamp(ticks())), selected: null });
    },
    play() {
      if (!get().result) return;
      if (get().cursor >= ticks()) set({ cursor: asCursor(0) });
      set({ playing: true });
      startTimer();
    },
    pause() {
      stopTimer();
      if (get().playing) set({ playing: false });
    },
    togglePlay() {
      if (get().playing) get().pause();
      else get().play();
    },
    setSpeed(speed) {
      set({ speed });
      if (get().playing) startTimer();
    },
    nextEvent() {
      const s = get();
      const lanes = visibleLanes(s.result, s.laneChoice).map((l) => l.id);
      const next = nextMarkCursor(eventMarks(s.result, lanes), s.cursor);
      s.pause();
      set({ cursor: gate(s.cursor, next ?? clamp(ticks())), selected: null });
    },
  };
};
