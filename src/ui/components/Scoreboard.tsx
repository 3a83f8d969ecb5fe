import { eventAtCursor, fmt, truthFor, verdictAt } from '../../state/selectors';
import type { LaneResult } from '../../worker/types';
import { useApp } from './storeContext';
import { BadgeShape } from './VerdictBadge';

/** Brings a lane's column into view (the lanes scroll sideways; the page never does). */
export function scrollToLane(id: string): void {
  const sel = typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(id) : id;
  const el = document.querySelector(`[data-testid="lane-${sel}"]`);
  if (el instanceof HTMLElement) {
    el.scrollIntoView?.({ behavior: 'smooth', block: 'nearest', inline: 'start' });
    el.focus({ preventScroll: true });
  }
}

/** Every lane's verdict at the cursor, at a glance: symbol, colour, words and numbers; a lane's name scrolls to it. */
export function Scoreboard({ lanes, pinned, onPin }: { lanes: LaneResult[]; pinned: string | null; onPin: (id: string | null) => void }) {
  const cursor = useApp((s) => s.cursor);
  const result = useApp((s) => s.result);
  if (!result) return null;
  return (
    <ul className="scoreboard" aria-label="All lanes at the cursor" data-testid="scoreboard">
      {lanes.map((l) => {
        const v = verdictAt(l, cursor, result.ticks);
        const e = eventAtCursor(l, cursor);
        const atEnd = cursor >= result.ticks && l.metrics;
        const rows = atEnd && l.metrics ? l.metrics.rows : (e?.destRows ?? 0);
        const truth = truthFor(result, atEnd ? null : e);
        const isPinned = pinned === l.id;
        return (
          <li key={l.id} className={`scoreboard__lane${isPinned ? ' scoreboard__lane--pinned' : ''}`} data-testid={`score-${l.id}`}>
            <button type="button" className="scoreboard__name" onClick={() => scrollToLane(l.id)} title={`Show the ${l.id} lane`}>
              {l.id}
            </button>
            <BadgeShape kind={v.kind} final={v.final} title={v.description}>
              {/* the rows are beside it: a lane under way says only that it is */}
              <span data-testid={`score-badge-${l.id}`}>{v.kind === 'running' ? 'in progress' : v.text}</span>
            </BadgeShape>
            <span className="scoreboard__rows" data-testid={`score-rows-${l.id}`} title="rows in dest / rows in the truth">
              {fmt(rows)}
              <span className="muted"> / {fmt(truth)}</span>
              <span className="visually-hidden"> rows</span>
            </span>
            <button
              type="button"
              className="scoreboard__pin"
              aria-pressed={isPinned}
              aria-label={`pin ${l.id}`}
              onClick={() => {
                onPin(isPinned ? null : l.id);
                if (!isPinned) scrollToLane(l.id);
              }}
              title={isPinned ? `Unpin ${l.id}` : `Pin ${l.id} first, beside the others, to compare`}
            >
              {isPinned ? 'unpin' : 'pin'}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
