import { narration, visibleLanes } from '../../state/selectors';
import { useApp } from './storeContext';

/** One sentence about the current step, announced politely to screen readers. */
export function Narration() {
  const result = useApp((s) => s.result);
  const choice = useApp((s) => s.laneChoice);
  const cursor = useApp((s) => s.cursor);
  const text = narration(result, visibleLanes(result, choice), cursor);
  return (
    <p className="narration" aria-live="polite" data-testid="narration">
      {text}
    </p>
  );
}
