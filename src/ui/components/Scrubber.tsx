import { cursorShowing } from '../../engine/positions';
import { useMemo } from 'react';
import { eventMarks, visibleLanes } from '../../state/selectors';
import { useApp } from './storeContext';

const MARK_SYMBOL = { crash: '✕', error: '!', retry: '↻', duplicate: '✗' } as const;

/** A range input over the timeline with the event marks drawn under it. */
export function Scrubber() {
  const result = useApp((s) => s.result);
  const choice = useApp((s) => s.laneChoice);
  const cursor = useApp((s) => s.cursor);
  const setCursor = useApp((s) => s.setCursor);
  const pause = useApp((s) => s.pause);
  const ticks = result?.ticks ?? 0;
  const marks = useMemo(() => eventMarks(result, visibleLanes(result, choice).map((l) => l.id)), [result, choice]);
  return (
    <div className="scrubber">
      <input
        type="range"
        min={0}
        max={ticks}
        step={1}
        value={Math.min(cursor, ticks)}
        disabled={!result}
        data-testid="scrubber"
        aria-label="Timeline position"
        aria-valuetext={`step ${cursor} of ${ticks}`}
        onChange={(e) => {
          pause();
          setCursor(Number(e.target.value));
        }}
      />
      <div className="scrubber__marks" aria-hidden="true">
        {ticks > 0 &&
          marks.map((m) => (
            <span key={`${m.tick}-${m.kind}`} className={`scrubber__mark scrubber__mark--kind-${m.kind}`} style={{ left: `${(cursorShowing(m.tick) / ticks) * 100}%` }} title={m.label}>
              {MARK_SYMBOL[m.kind]}
            </span>
          ))}
      </div>
    </div>
  );
}
