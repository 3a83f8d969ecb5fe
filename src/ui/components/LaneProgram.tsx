import { useEffect, useRef } from 'react';
import { listingFor } from '../../engine/listings';
import type { TraceEvent } from '../../engine/trace';
import { scheduleKeepInView } from './keepInView';
import { useApp } from './storeContext';

/**
 * The lane's program as the interview note writes it, with the line the current step executes lit (Python Tutor
 * style). The listing and the step-to-line mapping are the engine's (src/engine/listings.ts).
 */
export function LaneProgram({ laneId, pattern, current, away = false }: { laneId: string; pattern: string; current: TraceEvent | null; away?: boolean }) {
  const open = useApp((s) => s.programOpen);
  const setOpen = useApp((s) => s.setProgramOpen);
  const box = useRef<HTMLOListElement>(null);
  const listing = listingFor(pattern);
  const line = listing && current ? listing.lineFor(current) : -1;

  // keep the lit line in view inside the listing (its own scroller only: the page and the lane stay put); also when
  // the column comes back from away (the listing was not drawn meanwhile and lost its scroll position)
  useEffect(() => {
    const list = box.current;
    if (list && open && line >= 0 && !away) scheduleKeepInView(list, '[aria-current="true"]', 16);
  }, [line, open, away]);

  if (!listing) return null;
  const fault = current?.kind === 'crash' || current?.kind === 'error';
  return (
    <details className="lane-program" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={`program-${laneId}`}>
      <summary>
        Program <span className="muted">(Python, as the note writes it{line >= 0 ? `; line ${line + 1} lit` : ''})</span>
      </summary>
      <ol className="lane-program__lines" ref={box} aria-label={`Program of ${laneId}`} tabIndex={0}>
        {listing.lines.map((text, i) => (
          <li
            key={i}
            className={`lane-program__line${i === line ? (fault ? ' lane-program__line--fault' : ' lane-program__line--current') : ''}`}
            aria-current={i === line ? 'true' : undefined}
            data-testid={i === line ? `program-line-${laneId}` : undefined}
          >
            <span className="lane-program__number" aria-hidden="true">{i + 1}</span>
            <code className="lane-program__code">{text}</code>
            {i === line && <span className="visually-hidden"> (the current step{fault ? `: ${current?.kind} here` : ''})</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}
