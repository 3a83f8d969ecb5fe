import { shownResultEngine, type EngineKind } from '../../state/engineChoice';
import { useApp } from './storeContext';

const NAME: Record<EngineKind, string> = { sqlite: 'SQLite (sql.js)', postgres: 'PostgreSQL (PGlite)' };

/**
 * The playground's engine: SQLite (sql.js, in the page from the start) or PostgreSQL (PGlite, downloaded when first
 * chosen). Says which engine produced the result shown, while PGlite starts, and when it fails; the explorer and the
 * challenges stay on SQLite, and says so while one of them is open on PostgreSQL.
 */
export function EngineSwitch() {
  const choice = useApp((s) => s.engineChoice);
  const setChoice = useApp((s) => s.setEngineChoice);
  const shown = useApp(shownResultEngine);
  const status = useApp((s) => s.status);
  const phase = useApp((s) => s.progress?.phase ?? null);
  const error = useApp((s) => (s.status === 'failed' ? (s.errors[0] ?? '') : ''));
  const elsewhere = useApp((s) => s.exploreOpen || s.challengesOpen);

  let note: { text: string; kind: 'busy' | 'error' | 'done' } | null = null;
  if (elsewhere && choice === 'postgres') note = { text: 'Explore and Challenges run on SQLite.', kind: 'done' };
  else if (status === 'running' && choice === 'postgres')
    note = { text: phase === 'run' ? 'Running the lanes on PostgreSQL (PGlite)…' : 'Starting PostgreSQL (PGlite)…', kind: 'busy' };
  else if (status === 'failed' && choice === 'postgres') note = { text: `PostgreSQL (PGlite) failed: ${error}`, kind: 'error' };
  else if (shown && status !== 'running') note = { text: `Result from ${NAME[shown]}`, kind: 'done' };

  return (
    <div className="engine-switch">
      <label className="engine-switch__label" htmlFor="engine-select">
        Engine
      </label>
      <select
        id="engine-select"
        data-testid="engine-select"
        value={choice}
        onChange={(e) => setChoice(e.target.value as EngineKind)}
        aria-describedby="engine-note engine-races"
      >
        <option value="sqlite">{NAME.sqlite}</option>
        <option value="postgres">{NAME.postgres}</option>
      </select>
      <span id="engine-note" className={
          note?.kind === 'busy' ? 'engine-switch__note engine-switch__note--busy' : note?.kind === 'error' ? 'engine-switch__note engine-switch__note--error' : 'engine-switch__note'
        } role="status" data-testid="engine-note">
        {note?.text ?? ''}
      </span>
      <span id="engine-races" className="visually-hidden">
        {choice === 'postgres' ? 'Races need two connections and PGlite has one: they run in the command line on a PostgreSQL server.' : ''}
      </span>
    </div>
  );
}
