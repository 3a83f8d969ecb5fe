import { useRef } from 'react';
import { useApp } from './storeContext';

/**
 * Which lanes are shown: one line ("Lanes · 10 of 10 shown") that opens the chips over the lanes. Every lane's
 * verdict is on the scoreboard already; two rows of chips (three at 1024 px) above it cost the lane columns their
 * step lists on a 720 px screen.
 */
export function LaneChooser() {
  const result = useApp((s) => s.result);
  const choice = useApp((s) => s.laneChoice);
  const toggleLane = useApp((s) => s.toggleLane);
  const setLaneChoice = useApp((s) => s.setLaneChoice);
  const box = useRef<HTMLDetailsElement>(null);
  if (!result) return null;
  // every lane of the run, those still running included
  const all = result.allLanes ?? result.lanes.map((l) => l.id);
  const shown = all.filter((id) => !choice || choice.includes(id)).length;
  return (
    <details
      className="lane-chooser"
      ref={box}
      data-testid="lane-chooser"
      onKeyDown={(e) => {
        // Esc closes the chips (and goes no further: it does not also leave presenter mode)
        if (e.key === 'Escape' && box.current?.open) {
          e.stopPropagation();
          box.current.open = false;
          box.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className="lane-chooser__summary">
        Lanes <span className="muted">· {shown} of {all.length} shown</span>
      </summary>
      <fieldset className="lane-chooser__chips">
        <legend className="visually-hidden">Lanes shown</legend>
        {all.map((id) => {
          const on = !choice || choice.includes(id);
          return (
            <label key={id} className={`lane-chooser__chip${on ? ' lane-chooser__chip--on' : ''}`}>
              <input type="checkbox" checked={on} onChange={() => toggleLane(id)} aria-label={`Show lane ${id}`} data-testid={`chip-${id}`} />
              {id}
            </label>
          );
        })}
        {choice && (
          <button type="button" className="lane-chooser__show-all" onClick={() => setLaneChoice(null)} aria-label="Show all lanes">
            all
          </button>
        )}
      </fieldset>
    </details>
  );
}
