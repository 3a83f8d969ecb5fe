import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { fmt } from '../../engine/format';
import { exploreDocKey } from '../../state/explorerSlice';
import type { ExploreRun } from '../../state/types';
import { heatmapLayout, heatmapSizes, VERDICT_SYMBOL, VERDICT_WORDS, type HeatmapCell, type HeatmapLayout } from '../charts/heatmapLayout';
import { ExploreHeatmap, cellDescription, type CellRef } from './ExploreHeatmap';
import { ExploreOptionsForm } from './ExploreOptionsForm';
import { useApp } from './storeContext';

const LEGEND = ['exactly-once', 'duplicates', 'lost', 'stale', 'error'] as const;

/** The explorer: every crash and error moment of the scenario, played in every lane, as one heat map. */
export function ExploreView() {
  const status = useApp((s) => s.exploreStatus);
  const latest = useApp((s) => s.exploreReport);
  // A new map is drawn at low priority, in slices: its hundreds of cells never block the page for one long task.
  const report = useDeferredValue(latest);
  const drawing = report !== latest;
  const errors = useApp((s) => s.exploreErrors);
  const meta = useApp((s) => s.exploreMeta);
  const stale = useApp((s) => !!s.exploreMeta && !!s.doc && exploreDocKey(s.doc) !== s.exploreMeta.docKey);
  const title = useApp((s) => s.doc?.title ?? '');
  const closeExplore = useApp((s) => s.closeExplore);
  const runExplore = useApp((s) => s.runExplore);
  const running = status === 'running' || status === 'cancelling';

  return (
    <section className="explore-view" aria-labelledby="explore-title" data-testid="explore-view" data-explore-status={drawing ? 'drawing' : status}>
      <div className="explore-view__bar">
        <button type="button" onClick={closeExplore} data-testid="btn-explore-back" aria-label="Back to the playground (X)">← Playground</button>
        <h2 id="explore-title" className="explore-view__title">
          Explore <span className="muted">· {title}</span>
        </h2>
        <ExploreOptionsForm disabled={running} />
        <button type="button" className="explore-view__run" onClick={() => void runExplore()} disabled={running} data-testid="btn-explore-run">
          {report ? 'Run again' : 'Run'}
        </button>
      </div>
      <ExploreStatusLine />
      {status === 'invalid' || status === 'failed' ? (
        <div className="explore-view__message" role="alert" data-testid="explore-error">
          <p>{status === 'invalid' ? 'The scenario cannot be explored:' : 'The exploration failed:'}</p>
          <ul>{errors.map((e, i) => <li key={i}><code>{e}</code></li>)}</ul>
          <button type="button" onClick={() => void runExplore()}>Try again</button>
        </div>
      ) : report ? (
        <>
          {stale && (
            <p className="explore-view__note" role="status" data-testid="explore-stale">
              The scenario changed since this map was drawn (it shows “{meta?.title}”).{' '}
              <button type="button" onClick={() => void runExplore()}>Run again</button>
            </p>
          )}
          <ExploreReportView report={report} />
        </>
      ) : !running && !latest ? (
        <ExploreEmpty cancelled={status === 'cancelled'} />
      ) : null}
    </section>
  );
}

/** Progress while it runs, with Cancel. */
function ExploreStatusLine() {
  const status = useApp((s) => s.exploreStatus);
  const progress = useApp((s) => s.exploreProgress);
  const cancel = useApp((s) => s.cancelExplore);
  if (status === 'running' || status === 'cancelling') {
    const done = progress?.done ?? 0;
    const total = progress?.total ?? 0;
    const text =
      status === 'cancelling'
        ? 'Stopping: the plays under way finish, and what they found is kept…'
        : progress
          ? `Playing schedules (${progress.phase}): ${fmt(done)} of ${fmt(total)}`
          : 'Starting the play workers and staging the scenario…';
    return (
      <div className="explore-view__progress" role="status" aria-live="polite" data-testid="explore-progress">
        <span>{text}</span>
        <progress max={Math.max(1, total)} value={total > 0 ? done : undefined} aria-label="Exploration progress" />
        <button type="button" onClick={cancel} disabled={status === 'cancelling'} data-testid="btn-explore-cancel">Cancel</button>
      </div>
    );
  }
  return null;
}

/** What the map holds: how many schedules, which options, how long it took and on how many workers. */
function ExploreSummary({ report }: { report: ExploreRun }) {
  const meta = useApp((s) => s.exploreMeta);
  const lanes = Object.keys(report.lanes).length;
  const faulted = report.schedules.filter((s) => s.faults.length > 0).length;
  return (
    <p className={`explore-view__summary${report.complete ? '' : ' explore-view__summary--incomplete'}`} data-testid="explore-summary">
      {report.complete ? '' : 'Cancelled part way: '}
      {fmt(faulted)} fault schedule{faulted === 1 ? '' : 's'} × {lanes} lanes (depth {report.depth}, {report.kinds.join(' and ')})
      {meta ? ` in ${(meta.ms / 1000).toFixed(1)} s on ${meta.workers} workers` : ''}.
      {report.complete ? '' : ' The schedules not played yet are left out.'}
    </p>
  );
}

/** Before the first run: what the explorer does, the options and Run. */
function ExploreEmpty({ cancelled }: { cancelled: boolean }) {
  const runExplore = useApp((s) => s.runExplore);
  return (
    <div className="explore-view__empty" data-testid="explore-empty">
      {cancelled && <p><strong>The exploration was cancelled before any schedule finished.</strong></p>}
      <p>
        Explore plays every crash and error, at every moment that can change an outcome, in every lane, and draws the
        answer as one map: a row per fault schedule, a column per lane, each cell the lane’s verdict under that
        schedule. Depth 2 also adds a second fault in a later attempt or run.
      </p>
      <p className="muted">Your own faults are left as they are: each schedule replaces them only for its play. Open a cell to play that schedule in the playground.</p>
      <button type="button" onClick={() => void runExplore()} data-testid="btn-explore-run-empty">Run the explorer</button>
    </div>
  );
}

/** The heat map with its detail line, legend and the per-lane verdicts in words. */
function ExploreReportView({ report }: { report: ExploreRun }) {
  const presenter = useApp((s) => s.presenter);
  const stored = useApp((s) => s.exploreCell);
  const setExploreCell = useApp((s) => s.setExploreCell);
  const openExploreCell = useApp((s) => s.openExploreCell);
  const layout = useMemo(() => heatmapLayout(report, heatmapSizes(presenter ? 1.5 : 1)), [report, presenter]);
  const [active, setActive] = useState<CellRef>(() => initialCell(layout, stored));
  const [hover, setHover] = useState<CellRef | null>(null);
  const cols = layout.columns.length;
  const at = (c: CellRef) => layout.cells[c.row * cols + c.col] ?? null;
  const shown = at(hover ?? active);

  const onActivate = useCallback(
    (c: CellRef) => {
      setActive((prev) => (prev.row === c.row && prev.col === c.col ? prev : c));
      const cell = layout.cells[c.row * layout.columns.length + c.col];
      if (cell) setExploreCell({ schedule: cell.schedule, lane: cell.lane });
    },
    [layout, setExploreCell],
  );
  const onOpen = useCallback((c: HeatmapCell) => void openExploreCell(c.schedule, c.lane), [openExploreCell]);

  return (
    <div className="explore-view__report">
      <p className="explore-view__detail" data-testid="explore-detail">
        {shown ? cellDescription(layout, shown) : ' '}
      </p>
      <ExploreHeatmap layout={layout} active={active} hover={hover} onActivate={onActivate} onHover={setHover} onOpen={onOpen} />
      <ExploreSummary report={report} />
      <ul className="explore-view__legend" aria-label="Legend">
        {LEGEND.map((v) => (
          <li key={v} className={`explore-view__key explore-view__key--verdict-${v}`}>
            <span aria-hidden="true">{VERDICT_SYMBOL[v]}</span> {VERDICT_WORDS[v]}
          </li>
        ))}
        <li className="explore-view__key"><span aria-hidden="true">★</span> the lane’s counterexample (its smallest breaking schedule)</li>
        <li className="explore-view__key muted">Click a cell (or Enter) to play it in the playground.</li>
      </ul>
      <LaneWords report={report} layout={layout} onOpen={onOpen} />
    </div>
  );
}

/** The cell to start on: the one last opened, else the first counterexample, else the top left. */
function initialCell(layout: HeatmapLayout, stored: { schedule: string; lane: string } | null): CellRef {
  const find = (schedule: string, lane: string) => layout.cells.find((c) => c.schedule === schedule && c.lane === lane);
  const hit = (stored && find(stored.schedule, stored.lane)) ?? layout.cells.find((c) => c.counterexample);
  return hit ? { row: hit.row, col: hit.col } : { row: 0, col: 0 };
}

/** Each lane in one sentence: its certificate, or where it first breaks (with a button to play it). */
function LaneWords({ report, layout, onOpen }: { report: ExploreRun; layout: HeatmapLayout; onOpen(c: HeatmapCell): void }) {
  return (
    <details className="explore-view__words">
      <summary>Every lane in words</summary>
      <ul>
        {layout.columns.map((col) => {
          const lane = report.lanes[col.lane];
          const cell = layout.cells.find((c) => c.lane === col.lane && c.counterexample);
          const row = cell ? layout.rows[cell.row] : undefined;
          return (
            <li key={col.lane} data-testid={`explore-words-${col.lane}`}>
              <code>{col.lane}</code> {col.holdsText}
              {lane?.certificate ? `: ${VERDICT_SYMBOL['exactly-once']} ${lane.certificate}` : ''}
              {cell && row && (
                <>
                  : first breaks under {row.id} ({row.title}) — {VERDICT_SYMBOL[cell.verdict]} {VERDICT_WORDS[cell.verdict]}{' '}
                  <button type="button" onClick={() => onOpen(cell)}>Play it</button>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
