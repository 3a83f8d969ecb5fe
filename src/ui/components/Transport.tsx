import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { cursorShowing } from '../../engine/positions';
import { SPEEDS } from '../../state/playbackSlice';
import { eventMarks, nextMark, visibleLanes } from '../../state/selectors';
import { Icon } from './Icon';
import { Scrubber } from './Scrubber';
import { useApp } from './storeContext';

/** Reset, back, play/pause, step, end, speed, the scrubber and "next event". */
export function Transport() {
  // only what the transport shows: progress updates, banners and edits do not re-render it
  const s = useApp(
    useShallow((x) => ({
      ticks: x.result?.ticks ?? null,
      cursor: x.cursor,
      playing: x.playing,
      speed: x.speed,
      reset: x.reset,
      stepBy: x.stepBy,
      togglePlay: x.togglePlay,
      toEnd: x.toEnd,
      setSpeed: x.setSpeed,
      nextEvent: x.nextEvent,
    })),
  );
  const result = useApp((x) => x.result);
  const laneChoice = useApp((x) => x.laneChoice);
  // the marks of the shown lanes, as "next event" jumps through them
  const marks = useMemo(() => eventMarks(result, visibleLanes(result, laneChoice).map((l) => l.id)), [result, laneChoice]);
  const next = nextMark(marks, s.cursor);
  const ticks = s.ticks ?? 0;
  const none = s.ticks === null;
  const nextName = next
    ? `Jump to the next event: ${next.label} (step ${cursorShowing(next.tick)})`
    : 'No event left (crash, error, retry, first duplicate) after this step';
  return (
    <div className="transport" role="group" aria-label="Playback">
      <div className="transport__buttons">
        <button type="button" data-testid="btn-reset" onClick={s.reset} disabled={none} aria-label="Reset to step 0 (Home)" title="Reset (Home)"><Icon name="reset" /></button>
        <button type="button" data-testid="btn-back" onClick={() => s.stepBy(-1)} disabled={none || s.cursor <= 0} aria-label="Step back (←)" title="Step back (←)"><Icon name="back" /></button>
        <button type="button" data-testid="btn-play" onClick={s.togglePlay} disabled={none} aria-label={s.playing ? 'Pause (Space)' : 'Play (Space)'} aria-pressed={s.playing} title="Play/pause (Space)">
          {s.playing ? <Icon name="pause" /> : <Icon name="play" />}
        </button>
        <button type="button" data-testid="btn-step" onClick={() => s.stepBy(1)} disabled={none || s.cursor >= ticks} aria-label="Step forward (→)" title="Step (→)"><Icon name="step" /></button>
        <button type="button" data-testid="btn-end" onClick={s.toEnd} disabled={none} aria-label="Jump to the end (End)" title="End (End)"><Icon name="end" /></button>
        <label className="transport__speed">
          <span>speed</span>
          <select value={s.speed} onChange={(e) => s.setSpeed(Number(e.target.value))} aria-label="Playback speed">
            {SPEEDS.map((v) => <option key={v} value={v}>{v}×</option>)}
          </select>
        </label>
      </div>
      <Scrubber />
      <div className="transport__tail">
        <span className="transport__counter" data-testid="step-counter" aria-label={none ? `step ${s.cursor}, the lanes are still running` : `step ${s.cursor} of ${ticks}`}>
          step {s.cursor} / {none ? '…' : ticks}
        </span>
        <button type="button" data-testid="btn-next-event" onClick={s.nextEvent} disabled={none || !next} aria-label={nextName} title={nextName}>
          next event ▸
        </button>
      </div>
    </div>
  );
}
