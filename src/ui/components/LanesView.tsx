import { useState } from 'react';
import { visibleLanes } from '../../state/selectors';
import { Scoreboard } from './Scoreboard';
import { LaneColumn } from './LaneColumn';
import { useApp } from './storeContext';

/** The chosen lanes side by side; they scroll horizontally beyond the window. */
export function LanesView({ readOnly }: { readOnly?: boolean }) {
  const result = useApp((s) => s.result);
  const choice = useApp((s) => s.laneChoice);
  const status = useApp((s) => s.status);
  const errors = useApp((s) => s.errors);
  const runSimulation = useApp((s) => s.runSimulation);
  const [pinned, setPinned] = useState<string | null>(null);
  if (!result) {
    if (status === 'invalid' || status === 'failed')
      return (
        <div className="lanes-view__empty" role="alert">
          <p>The scenario cannot run:</p>
          <ul>{errors.map((e, i) => <li key={i}><code>{e}</code></li>)}</ul>
        </div>
      );
    if (status === 'cancelled')
      return (
        <div className="lanes-view__empty">
          <p>The simulation was cancelled.</p>
          <button type="button" data-testid="btn-run-again" onClick={() => void runSimulation()}>Run it again</button>{' '}
          <span className="muted">or pick another scenario.</span>
        </div>
      );
    return <div className="lanes-view__empty" aria-busy="true">Preparing the lanes… (a 1M-row scenario takes a while: every lane runs real SQL)</div>;
  }
  const lanes = visibleLanes(result, choice);
  // a pinned lane's column comes first, so it sits beside whichever lane is scrolled to
  const pin = lanes.find((l) => l.id === pinned);
  const ordered = pin ? [pin, ...lanes.filter((l) => l !== pin)] : lanes;
  return (
    <>
      <Scoreboard lanes={lanes} pinned={pin ? pin.id : null} onPin={setPinned} />
      <div className="lanes-view" role="region" aria-label="Lanes" tabIndex={0}>
        {ordered.map((l) => (
          <LaneColumn key={l.id} lane={l} readOnly={readOnly} pinned={l === pin} />
        ))}
      </div>
    </>
  );
}
