// Keeping the current item of a scroller in view (the step lists, the lit program lines) with ten lanes on screen.
// Reading offsetTop in each lane's effect, between other lanes' scrollTop writes, forced a full layout per list
// (~11 ms a step for the step lists, as much again for the program listings). Instead every list that asked is
// checked at once at the start of the next frame: one layout that the frame then reuses, all reads before all
// writes, and the scroll lands in the same frame as the step.

interface Request {
  /** Which child is the current one. */
  selector: string;
  /** How much of what comes before the current item stays visible above it, in pixels. */
  margin: number;
}

const pending = new Map<HTMLElement, Request>();

function keepCurrentInView(): void {
  const moves: [HTMLElement, number][] = [];
  for (const [list, { selector, margin }] of pending) {
    if (!list.isConnected) continue;
    const el = list.querySelector<HTMLElement>(selector);
    // a list inside a closed <details> or a skipped (content-visibility) column has no box: nothing to scroll
    if (!el || list.clientHeight === 0) continue;
    const top = el.offsetTop;
    if (top < list.scrollTop || top + el.offsetHeight > list.scrollTop + list.clientHeight) moves.push([list, Math.max(0, top - margin)]);
  }
  pending.clear();
  for (const [list, top] of moves) list.scrollTop = top;
}

/** Scrolls `list` (its own scroller only: the page and the lane stay put) so that its `selector` child shows. */
export function scheduleKeepInView(list: HTMLElement, selector: string, margin: number): void {
  if (pending.size === 0) requestAnimationFrame(keepCurrentInView);
  pending.set(list, { selector, margin });
}
