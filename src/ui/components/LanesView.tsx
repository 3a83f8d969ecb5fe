import { memo, useState } from 'react';
import { visibleLanes } from '../../state/selectors';
import type { LaneResult } from '../../worker/types';
import { Scoreboard, type ScoreEntry } from './Scoreboard';
import { LaneColumn } from './LaneColumn';
import { useApp } from './storeContext';

/** A finished lane's column, not rendered again for a progress report of the lanes still running (10 a second). */
const FinishedColumn = memo(LaneColumn);

/** How far a lane still running has got, as its bar shows it: 0..99 (it says 100% only once finished). */
export const runningPct = (fraction: number | undefined): number => Math.min(99, Math.round((fraction ?? 0) * 100));

/** A lane still running while others are done (or waiting for a free worker): its name, its own progress, no verdict yet. */
function PendingColumn({ id, pct, waiting, pinned }: { id: string; pct: number; waiting: boolean; pinned: boolean }) {
  return (
    <section
      className={`lane-pending${pinned ? ' lane-pending--pinned' : ''}`}
      tabIndex={-1}
      data-testid={`lane-pending-${id}`}
      aria-labelledby={`lane-title-${id}`}
      aria-busy="true"
    >
      <h2 id={`lane-title-${id}`} className="lane-pending__title">{id}</h2>
      <progress className="lane-pending__progress" max={100} value={pct} aria-label={`${id}: progress`} />
      <p className="lane-pending__running muted">{waiting ? 'waiting for a free worker…' : `running… ${pct}%`}</p>
    </section>
  );
}

/** The chosen lanes side by side; they scroll horizontally beyond the window. While lanes run, the finished ones show. */
export function LanesView({ readOnly }: { readOnly?: boolean }) {
  const result = useApp((s) => s.result);
  const choice = useApp((s) => s.laneChoice);
  const status = useApp((s) => s.status);
  const errors = useApp((s) => s.errors);
  const pendingLanes = useApp((s) => s.pendingLanes);
  const fractions = useApp((s) => (s.status === 'running' ? s.progress?.laneFractions : undefined));
  const started = useApp((s) => (s.status === 'running' ? s.progress?.lanesStarted : undefined));
  const runSimulation = useApp((s) => s.runSimulation);
  const [pinned, setPinned] = useState<string | null>(null);
  // every lane of the run in the scenario's order: a partial result names them; before the first lane is done, the
  // progress does (lanes running side by side)
  const order = result?.allLanes ?? (result ? null : fractions ? Object.keys(fractions) : null);
  if (!result && !order) {
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
  const finished = new Map((result?.lanes ?? []).map((l) => [l.id, l]));
  const waiting = new Set(result ? pendingLanes : (order ?? []));
  let ids = order ?? (result ? visibleLanes(result, choice).map((l) => l.id) : []);
  if (order && choice) {
    const chosen = order.filter((id) => choice.includes(id));
    if (chosen.length > 0) ids = chosen;
  }
  const entries: ScoreEntry[] = ids.flatMap((id): ScoreEntry[] => {
    const lane = finished.get(id);
    if (lane) return [{ id, lane }];
    return waiting.has(id) ? [{ id, pct: runningPct(fractions?.[id]), waiting: !!started && !started.includes(id) }] : [];
  });
  // a pinned lane's column comes first, so it sits beside whichever lane is scrolled to
  const pin = entries.find((e) => e.id === pinned);
  const ordered = pin ? [pin, ...entries.filter((e) => e !== pin)] : entries;
  return (
    <>
      <Scoreboard entries={entries} pinned={pin ? pin.id : null} onPin={setPinned} />
      <div className="lanes-view" role="region" aria-label="Lanes" tabIndex={0}>
        {ordered.map((e) =>
          e.lane ? (
            <FinishedColumn key={e.id} lane={e.lane as LaneResult} readOnly={readOnly} pinned={e === pin} />
          ) : (
            <PendingColumn key={e.id} id={e.id} pct={e.pct ?? 0} waiting={!!e.waiting} pinned={e === pin} />
          ),
        )}
      </div>
    </>
  );
}
