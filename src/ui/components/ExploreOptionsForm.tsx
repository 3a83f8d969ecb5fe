import type { Fault } from '../../state/types';
import { useApp } from './storeContext';

const KINDS: Fault['kind'][] = ['crash', 'error'];

/** The explorer's options: depth (one fault, or a second one in a later attempt or run) and the fault kinds. */
export function ExploreOptionsForm({ disabled }: { disabled: boolean }) {
  const options = useApp((s) => s.exploreOptions);
  const setOptions = useApp((s) => s.setExploreOptions);
  const toggle = (kind: Fault['kind']) => {
    const kinds = options.kinds.includes(kind) ? options.kinds.filter((k) => k !== kind) : KINDS.filter((k) => k === kind || options.kinds.includes(k));
    // at least one kind: unticking the last one is refused
    if (kinds.length > 0) setOptions({ kinds });
  };
  return (
    <fieldset className="explore-options" disabled={disabled}>
      <legend className="visually-hidden">Explorer options</legend>
      <span className="explore-options__group" role="radiogroup" aria-label="Depth">
        <span className="explore-options__name">Depth</span>
        {([1, 2] as const).map((d) => (
          <label key={d} className="explore-options__choice">
            <input type="radio" name="explore-depth" checked={options.depth === d} onChange={() => setOptions({ depth: d })} data-testid={`explore-depth-${d}`} />
            {d === 1 ? '1 fault' : '2 faults'}
          </label>
        ))}
      </span>
      <span className="explore-options__group" role="group" aria-label="Fault kinds">
        <span className="explore-options__name">Kinds</span>
        {KINDS.map((k) => (
          <label key={k} className="explore-options__choice">
            <input type="checkbox" checked={options.kinds.includes(k)} onChange={() => toggle(k)} data-testid={`explore-kind-${k}`} />
            {k === 'crash' ? '✕ crash' : '! error'}
          </label>
        ))}
      </span>
    </fieldset>
  );
}
