import { asCursor, type Cursor } from '../engine/positions';
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
      const next = clamp(s.cursor + 1);
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
      set({ cursor: clamp(c), selected: null });
    },
    stepBy(delta) {
      get().pause();
      set({ cursor: clamp(get().cursor + delta), selected: null });
    },
    reset() {
      get().pause();
      set({ cursor: asCursor(0), selected: null });
    },
    toEnd() {
      get().pause();
      set({ cursor: clamp(ticks()), selected: null });
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
      set({ cursor: next ?? clamp(ticks()), selected: null });
    },
  };
};
