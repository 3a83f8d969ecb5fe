import { narration, visibleLanes } from '../../state/selectors';
import { useApp } from './storeContext';

/** One sentence about the current step, announced politely to screen readers. */
export function Narration() {
  const result = useApp((s) => s.result);
  const choice = useApp((s) => s.laneChoice);
  const cursor = useApp((s) => s.cursor);
  const running = useApp((s) => s.pendingLanes.length > 0);
  const said = narration(result, visibleLanes(result, choice), cursor);
  // while lanes still run, the end of the lanes done is not the end of the simulation
  const text = running ? said.replace(/^(Step \d+) \(end\)/, '$1 (end of the lanes done so far; others still run)') : said;
  return (
    <p className="narration" aria-live="polite" data-testid="narration">
      {text}
    </p>
  );
}
