import { eventAtCursor, fmt, truthFor, verdictAt } from '../../state/selectors';
import type { LaneResult } from '../../worker/types';
import { useApp } from './storeContext';
import { BadgeShape } from './VerdictBadge';

/** One lane on the scoreboard: finished (its result), or still running while others are done (its progress, 0..99), or waiting for a worker. */
export interface ScoreEntry {
  id: string;
  lane?: LaneResult;
  pct?: number;
  waiting?: boolean;
}

/** Brings a lane's column (or its placeholder while it runs) into view (the lanes scroll sideways; the page never does). */
export function scrollToLane(id: string): void {
  const sel = typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(id) : id;
  const el = document.querySelector(`[data-testid="lane-${sel}"], [data-testid="lane-pending-${sel}"]`);
  if (el instanceof HTMLElement) {
    el.scrollIntoView?.({ behavior: 'smooth', block: 'nearest', inline: 'start' });
    el.focus({ preventScroll: true });
  }
}

/**
 * Every lane's verdict at the cursor, at a glance: symbol, colour, words and numbers; a lane's name scrolls to it.
 * A lane still running says so with its progress, never a verdict. Names wrap: a long custom lane's is read whole.
 */
export function Scoreboard({ entries, pinned, onPin }: { entries: ScoreEntry[]; pinned: string | null; onPin: (id: string | null) => void }) {
  const cursor = useApp((s) => s.cursor);
  const result = useApp((s) => s.result);
  return (
    <ul className="scoreboard" aria-label="All lanes at the cursor" data-testid="scoreboard">
      {entries.map(({ id, lane: l, pct, waiting }) => {
        const isPinned = pinned === id;
        const name = (
          <button type="button" className="scoreboard__name" onClick={() => scrollToLane(id)} title={`Show the ${id} lane`}>
            {id}
          </button>
        );
        const pin = (
          <button
            type="button"
            className="scoreboard__pin"
            aria-pressed={isPinned}
            aria-label={`pin ${id}`}
            onClick={() => {
              onPin(isPinned ? null : id);
              if (!isPinned) scrollToLane(id);
            }}
            title={isPinned ? `Unpin ${id}` : `Pin ${id} first, beside the others, to compare`}
          >
            {isPinned ? 'unpin' : 'pin'}
          </button>
        );
        if (!l || !result)
          return (
            <li key={id} className={`scoreboard__lane scoreboard__lane--running${isPinned ? ' scoreboard__lane--pinned' : ''}`} data-testid={`score-${id}`}>
              {name}
              <BadgeShape kind={waiting ? 'pending' : 'running'} title={waiting ? `${id} waits for a free worker` : `${id} is still running: ${pct ?? 0}% done`}>
                <span data-testid={`score-badge-${id}`}>{waiting ? 'waiting' : `running ${pct ?? 0}%`}</span>
              </BadgeShape>
              <span className="scoreboard__rows muted" data-testid={`score-rows-${id}`}>
                <span aria-hidden="true">–</span>
                <span className="visually-hidden">no rows yet</span>
              </span>
              {pin}
            </li>
          );
        const v = verdictAt(l, cursor, result.ticks);
        const e = eventAtCursor(l, cursor);
        const atEnd = cursor >= result.ticks && l.metrics;
        const rows = atEnd && l.metrics ? l.metrics.rows : (e?.destRows ?? 0);
        const truth = truthFor(result, atEnd ? null : e);
        return (
          <li key={id} className={`scoreboard__lane${isPinned ? ' scoreboard__lane--pinned' : ''}`} data-testid={`score-${id}`}>
            {name}
            <BadgeShape kind={v.kind} final={v.final} title={v.description}>
              {/* the rows are beside it: a lane under way says only that it is */}
              <span data-testid={`score-badge-${id}`}>{v.kind === 'running' ? 'in progress' : v.text}</span>
            </BadgeShape>
            <span className="scoreboard__rows" data-testid={`score-rows-${id}`} title="rows in dest / rows in the truth">
              {fmt(rows)}
              <span className="muted"> / {fmt(truth)}</span>
              <span className="visually-hidden"> rows</span>
            </span>
            {pin}
          </li>
        );
      })}
    </ul>
  );
}
