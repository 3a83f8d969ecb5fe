import { useApp } from './storeContext';

/** Chips that choose which lanes are shown. */
export function LaneChooser() {
  const result = useApp((s) => s.result);
  const choice = useApp((s) => s.laneChoice);
  const toggleLane = useApp((s) => s.toggleLane);
  const setLaneChoice = useApp((s) => s.setLaneChoice);
  if (!result) return null;
  return (
    <fieldset className="lane-chooser">
      <legend>Lanes</legend>
      {/* every lane of the run, those still running included */}
      {(result.allLanes ?? result.lanes.map((l) => l.id)).map((id) => {
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
  );
}
