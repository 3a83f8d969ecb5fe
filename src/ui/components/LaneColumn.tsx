import { asTick, cursorShowing, tickShownAt } from '../../engine/positions';
import { LaneChart } from '../charts/LaneChart';
import { eventAtCursor, fmt, truthFor, verdictAt } from '../../state/selectors';
import type { LaneResult } from '../../worker/types';
import { ExportLaneButton } from './ExportLaneDialog';
import { LaneEditorActions } from './LaneEditorActions';
import { LaneProgram } from './LaneProgram';
import { SqlConsoleButton } from './SqlConsole';
import { StepList } from './StepList';
import { rowCount } from '../../engine/format';
import { useApp } from './storeContext';
import { VerdictBadge } from './VerdictBadge';
import { explainLane } from '../../engine/explain';
import { useMemo, useRef } from 'react';
import { useShownCursor } from './useShownCursor';

/** One lane: verdict at the cursor, row counts against the truth, the chart, the steps and a SQL console. */
export function LaneColumn({ lane, readOnly, pinned }: { lane: LaneResult; readOnly?: boolean; pinned?: boolean }) {
  const box = useRef<HTMLElement>(null);
  // a column scrolled out of the lanes view does not follow the steps until it is back; one far from it does not draw
  // its chart, program and steps (useShownCursor)
  const { cursor, away } = useShownCursor(box);
  const result = useApp((s) => s.result);
  const setCursor = useApp((s) => s.setCursor);
  const selectStep = useApp((s) => s.selectStep);
  // The engine's sentence: shipped for the end; at another cursor the pure engine function reads the trace up to this
  // lane's step, recomputed only when that step changes (most ticks of the shared cursor leave it where it is).
  const atEndNow = !!result && cursor >= result.ticks && !!lane.metrics;
  const stepNow = result && !atEndNow ? (eventAtCursor(lane, cursor)?.step ?? -1) : undefined;
  const truthKeys = result?.truthKeys;
  const why = useMemo(
    () => (atEndNow && lane.why ? lane.why : explainLane(lane.trace, lane.metrics, truthKeys ?? [], stepNow)),
    [lane, atEndNow, stepNow, truthKeys],
  );
  if (!result) return null;
  const ticks = result.ticks;
  const e = eventAtCursor(lane, cursor);
  const verdict = verdictAt(lane, cursor, ticks);
  const atEnd = cursor >= ticks && lane.metrics;
  const rows = atEnd && lane.metrics ? lane.metrics.rows : (e?.destRows ?? 0);
  const truth = truthFor(result, e);
  const finalTruth = truthFor(result, null);
  return (
    <section ref={box} className={`lane-column${pinned ? ' lane-column--pinned' : ''}${away ? ' lane-column--away' : ''}`} tabIndex={-1} data-testid={`lane-${lane.id}`} data-cursor={Math.min(cursor, ticks)} aria-labelledby={`lane-title-${lane.id}`}>
      <header className="lane-column__head">
        <h2 id={`lane-title-${lane.id}`} className="lane-column__title">{lane.id}</h2>
        <VerdictBadge laneId={lane.id} verdict={verdict} />
        {lane.pattern === 'custom' && !readOnly && <LaneEditorActions laneId={lane.id} />}
        {lane.description && <p className="lane-column__description">{lane.description}</p>}
        <p className="lane-column__summary">{lane.summary}</p>
      </header>
      <p className="lane-column__why" data-testid={`why-${lane.id}`}>
        <span className="lane-column__why-label">Why: </span>
        {why.sentence}
        {why.steps.length > 0 && (
          <span className="lane-column__why-steps">
            {' '}
            {why.steps.map((s) => (
              <button key={s} type="button" className="lane-column__why-step" data-testid={`why-step-${lane.id}-${s}`} onClick={() => selectStep(lane.id, s)} aria-label={`Go to ${lane.id} step ${s}`}>
                step {s}
              </button>
            ))}
          </span>
        )}
      </p>
      <dl className="lane-column__counts">
        <div>
          <dt>dest rows</dt>
          <dd>
            <span data-testid={`rows-${lane.id}`}>{fmt(rows)}</span>
            <span className="muted"> / truth {fmt(truth)}</span>
          </dd>
        </div>
        {lane.metaTable && (
          <div>
            <dt>{lane.metaTable}</dt>
            <dd>{rowCount(e?.metaRows ?? 0)}</dd>
          </div>
        )}
        {e?.txOpen && (
          <div data-testid={`tx-${lane.id}`}>
            <dt>transaction</dt>
            <dd>
              open <span className="muted" title="What another connection reading dest sees: nothing of an open transaction is visible.">(others see {fmt(e.committedRows)})</span>
            </dd>
          </div>
        )}
      </dl>
      <div className="lane-column__chart">
        <LaneChart
          trace={lane.trace}
          ticks={ticks}
          truthRows={finalTruth}
          firstDuplicateStep={lane.firstDuplicateStep}
          cursorTick={tickShownAt(cursor) ?? asTick(0)}
          width={300}
          height={130}
          laneLabel={lane.id}
          onSelectTick={readOnly ? undefined : (t) => setCursor(cursorShowing(t))}
        />
      </div>
      <LaneProgram laneId={lane.id} pattern={lane.pattern} current={e} away={away} />
      <StepList laneId={lane.id} trace={lane.trace} current={e} cited={why.steps} away={away} />
      {!readOnly && (
        <div className="lane-column__tools">
          <SqlConsoleButton laneId={lane.id} />
          {lane.pattern !== 'custom' && <ExportLaneButton laneId={lane.id} />}
        </div>
      )}
    </section>
  );
}
