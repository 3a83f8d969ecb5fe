import { useApp } from './storeContext';

const PHASE = { wasm: 'Loading the SQL engine (wasm)…', seed: 'Staging the landing zone…', run: 'Running' } as const;

/** The simulation's overall progress, how many lanes are done (lanes running side by side) or the lane being run, and Cancel. */
export function ProgressPanel() {
  const status = useApp((s) => s.status);
  const progress = useApp((s) => s.progress);
  const result = useApp((s) => s.result);
  const cancel = useApp((s) => s.cancelSimulation);
  if (status !== 'running') return null;
  const pct = Math.round((progress?.fraction ?? 0) * 100);
  // lanes run side by side (the pool): a partial result holds the lanes done; otherwise one lane runs after another
  const done = result?.allLanes ? result.lanes.length : 0;
  const what =
    progress?.phase === 'run' && progress.laneFractions
      ? `Running the lanes: ${done} of ${progress.lanes} ${progress.lanes === 1 ? 'lane' : 'lanes'} done${done > 0 ? ', ready to step through' : ''}`
      : progress?.phase === 'run' && progress.lane
        ? `Running lane ${progress.lane} (${progress.laneIndex + 1} of ${progress.lanes})`
        : PHASE[progress?.phase ?? 'wasm'];
  return (
    <div className="progress-panel" data-testid="progress" role="status" aria-live="polite">
      <span className="progress-panel__text" data-testid="progress-text">{what} — {pct}%</span>
      <progress max={100} value={pct} aria-label="Simulation progress" />
      <button type="button" onClick={cancel} aria-label="Cancel the simulation">Cancel</button>
    </div>
  );
}
