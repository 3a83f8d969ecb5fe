import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import type { TraceEvent } from '../../engine/trace';
import { rowCount } from '../../engine/format';
import { scheduleKeepInView } from './keepInView';
import { useApp } from './storeContext';
import { useHeldOutOfSight } from './useShownCursor';

const NONE: readonly number[] = [];

const KIND_MARK: Partial<Record<TraceEvent['kind'], string>> = { crash: '✕', error: '!', end: '■', start: '▸', commit: '✓', rollback: '↺' };

/** A lane's steps; the one at the cursor is highlighted and shows its SQL as executed. */
export function StepList({ laneId, trace, current, cited = NONE, away = false }: { laneId: string; trace: TraceEvent[]; current: TraceEvent | null; cited?: readonly number[]; away?: boolean }) {
  const selectStep = useApp((s) => s.selectStep);
  const selected = useApp((s) => s.selected);
  const box = useRef<HTMLOListElement>(null);
  // scrolled out of its column's view (below the fold), the list shows the step it showed last (useHeldOutOfSight)
  const shown = useHeldOutOfSight(box, '.lane-column', { current, cited });
  const currentStep = shown.current?.step ?? -1;

  // also when the column comes back from away: its list was not drawn meanwhile and lost its scroll position
  useEffect(() => {
    const list = box.current;
    if (list && !away) scheduleKeepInView(list, '[aria-current="step"]', 40);
  }, [currentStep, away]);

  // One tab stop per list (the current step); ↑/↓ move between steps. Ten lanes of 30+ buttons each used to stand
  // between a keyboard user and the transport.
  const onKeyDown = (ev: KeyboardEvent<HTMLOListElement>) => {
    if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp') return;
    const buttons = [...ev.currentTarget.querySelectorAll<HTMLButtonElement>('.step-list__button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    buttons[Math.max(0, Math.min(buttons.length - 1, at + (ev.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    ev.preventDefault();
  };

  return (
    <ol className="step-list" ref={box} aria-label={`Steps of ${laneId} (↑/↓ to move, Enter to go there)`} onKeyDown={onKeyDown}>
      {trace.map((e) => (
        <StepItem
          key={e.step}
          laneId={laneId}
          e={e}
          tabbable={e.step === (currentStep < 0 ? 0 : currentStep)}
          isCurrent={e.step === currentStep}
          ahead={e.step > currentStep}
          cited={shown.cited.includes(e.step)}
          isSelected={selected?.lane === laneId && selected.step === e.step}
          onSelect={selectStep}
        />
      ))}
    </ol>
  );
}

interface StepItemProps {
  laneId: string;
  e: TraceEvent;
  /** The list's one tab stop. */
  tabbable: boolean;
  isCurrent: boolean;
  isSelected: boolean;
  /** Not reached yet: its text stays hidden (no spoilers); clicking it moves the cursor there. */
  ahead: boolean;
  /** A step the lane's why sentence cites: lit beside the sentence's step buttons. */
  cited: boolean;
  onSelect: (lane: string, step: number) => void;
}

/** One step; memoised so that moving the cursor re-renders two items per lane, not the whole list. */
const StepItem = memo(function StepItem({ laneId, e, tabbable, isCurrent, isSelected, ahead, cited, onSelect }: StepItemProps) {
  return (
    <li
      className={`step-list__item step-list__item--kind-${ahead ? 'ahead' : e.kind}${isCurrent ? ' step-list__item--current' : ''}${isSelected ? ' step-list__item--selected' : ''}${e.attempt > 1 ? ' step-list__item--retry' : ''}${cited && !ahead ? ' step-list__item--cited' : ''}`}
      aria-current={isCurrent ? 'step' : undefined}
    >
      <button
        type="button"
        className="step-list__button"
        tabIndex={tabbable ? 0 : -1}
        data-testid={`step-${laneId}-${e.step}`}
        onClick={() => onSelect(laneId, e.step)}
        aria-label={ahead ? `Go to ${laneId} step ${e.step} (not run yet)` : `Go to ${laneId} step ${e.step}: ${e.label}`}
      >
        <span className="step-list__mark" aria-hidden="true">{ahead ? '·' : (KIND_MARK[e.kind] ?? '·')}</span>
        {ahead ? (
          <span className="step-list__label step-list__label--ahead">step {e.step} · not run yet</span>
        ) : (
          <span className="step-list__label">
            <span className="step-list__where">r{e.run}·a{e.attempt}</span> {e.label}
          </span>
        )}
      </button>
      {isCurrent && (e.sql.length > 0 || e.error || e.note) && (
        <div className="step-list__detail">
          {e.sql.length > 0 && <pre className="step-list__sql" aria-label="SQL as executed">{e.sql.join(';\n')}</pre>}
          <div className="step-list__facts">
            {e.rows !== null && <span>{rowCount(e.rows)}</span>}
            <span>{e.txOpen ? 'transaction open' : 'no open transaction'}</span>
          </div>
          {e.error && <p className="step-list__error">! {e.error}</p>}
          {e.note && <p className="step-list__note">{e.note}</p>}
        </div>
      )}
    </li>
  );
});
