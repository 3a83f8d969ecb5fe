import { asTick, cursorShowing, tickShownAt } from '../../engine/positions';
import { LaneChart } from '../charts/LaneChart';
import { eventAtCursor, fmt, truthFor, verdictAt } from '../../state/selectors';
import type { LaneResult } from '../../worker/types';
import { SqlConsole } from './SqlConsole';
import { StepList } from './StepList';
import { rowCount } from '../../engine/format';
import { useApp } from './storeContext';
import { VerdictBadge } from './VerdictBadge';

/** One lane: verdict at the cursor, row counts against the truth, the chart, the steps and a SQL console. */
export function LaneColumn({ lane, readOnly }: { lane: LaneResult; readOnly?: boolean }) {
  const cursor = useApp((s) => s.cursor);
  const result = useApp((s) => s.result);
  const setCursor = useApp((s) => s.setCursor);
  if (!result) return null;
  const ticks = result.ticks;
  const e = eventAtCursor(lane, cursor);
  const verdict = verdictAt(lane, cursor, ticks);
  const atEnd = cursor >= ticks && lane.metrics;
  const rows = atEnd && lane.metrics ? lane.metrics.rows : (e?.destRows ?? 0);
  const truth = truthFor(result, e);
  const finalTruth = truthFor(result, null);
  return (
    <section className="lane-column" data-testid={`lane-${lane.id}`} aria-labelledby={`lane-title-${lane.id}`}>
      <header className="lane-column__head">
        <h2 id={`lane-title-${lane.id}`} className="lane-column__title">{lane.id}</h2>
        <VerdictBadge laneId={lane.id} verdict={verdict} />
        <p className="lane-column__summary">{lane.summary}</p>
      </header>
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
      <StepList laneId={lane.id} trace={lane.trace} current={e} />
      {!readOnly && <SqlConsole laneId={lane.id} metaTable={lane.metaTable} />}
    </section>
  );
}
