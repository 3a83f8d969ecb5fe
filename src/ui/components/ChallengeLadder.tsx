import { useApp } from './storeContext';

/** The levels in order, each with its state in words and symbols (never colour alone). */
export function ChallengeLadder() {
  const entries = useApp((s) => s.challenges);
  const current = useApp((s) => s.challengeId);
  const progress = useApp((s) => s.challengeProgress);
  const select = useApp((s) => s.selectChallenge);
  const solved = entries.filter((e) => progress[e.id]?.solved).length;
  return (
    <nav className="challenge-ladder" aria-label="Challenge ladder">
      <p className="challenge-ladder__count" data-testid="ladder-count">{solved} of {entries.length} solved</p>
      <ol>
        {entries.map((e) => {
          const p = progress[e.id];
          const state = p?.solved ? (p.solutionSeen ? 'solved (solution seen)' : 'solved') : p?.solutionSeen ? 'solution seen' : p?.draft ? 'started' : 'not started';
          return (
            <li key={e.id}>
              <button
                type="button"
                className={`challenge-ladder__item${e.id === current ? ' challenge-ladder__item--current' : ''}${p?.solved ? ' challenge-ladder__item--solved' : ''}`}
                aria-current={e.id === current ? 'true' : undefined}
                onClick={() => select(e.id)}
                data-testid={`ladder-${e.id}`}
                data-solved={p?.solved ? 'true' : 'false'}
              >
                <span className="challenge-ladder__mark" aria-hidden="true">{p?.solved ? '✓' : e.level}</span>
                <span className="challenge-ladder__name">{e.title}</span>
                <span className="challenge-ladder__state muted">{state}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
