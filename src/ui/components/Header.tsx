import type { CatalogEntry } from '../../state/catalog';
import { EngineSwitch } from './EngineSwitch';
import { ImportExport } from './ImportExport';
import { ScenarioPicker } from './ScenarioPicker';
import { ShareControls } from './ShareControls';
import { useApp } from './storeContext';

const THEME_LABEL = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' } as const;
const THEME_ICON = { system: '◐', light: '☀', dark: '☾' } as const;

/** Title, scenario picker and the page's commands. */
export function Header({ catalog }: { catalog: CatalogEntry[] }) {
  const theme = useApp((s) => s.theme);
  const cycleTheme = useApp((s) => s.cycleTheme);
  const presenter = useApp((s) => s.presenter);
  const setPresenter = useApp((s) => s.setPresenter);
  const setPresenterChrome = useApp((s) => s.setPresenterChrome);
  const practiceOn = useApp((s) => s.practiceOn);
  const setPractice = useApp((s) => s.setPractice);
  const setHelpOpen = useApp((s) => s.setHelpOpen);
  const setEditorOpen = useApp((s) => s.setEditorOpen);
  const hasDoc = useApp((s) => s.doc !== null);
  const exploring = useApp((s) => s.exploreOpen);
  const openExplore = useApp((s) => s.openExplore);
  const closeExplore = useApp((s) => s.closeExplore);
  const challenging = useApp((s) => s.challengesOpen);
  const openChallenges = useApp((s) => s.openChallenges);
  const closeChallenges = useApp((s) => s.closeChallenges);
  const openLaneEditor = useApp((s) => s.openLaneEditor);
  return (
    <header className="header">
      <h1 className="header__brand">
        Run<span>Twice</span>
      </h1>
      <ScenarioPicker catalog={catalog} />
      <EngineSwitch />
      <nav className="header__commands" aria-label="Commands">
        <button
          type="button"
          data-testid="btn-explore"
          aria-pressed={exploring && !challenging}
          onClick={() => (exploring && !challenging ? closeExplore() : (closeChallenges(), openExplore()))}
          disabled={!hasDoc}
          aria-label={exploring ? 'Back to the playground (X)' : 'Explore every crash and error moment (X)'}
        >
          Explore
        </button>
        <button type="button" data-testid="btn-challenges" aria-pressed={challenging} onClick={() => (challenging ? closeChallenges() : openChallenges())} aria-label={challenging ? 'Back to the playground (C)' : 'Challenges: write a lane that survives every crash (C)'}>
          Challenges
        </button>
        <button type="button" onClick={() => openLaneEditor()} disabled={!hasDoc} data-testid="btn-new-lane" aria-label="New lane: write your own lane in SQL">New lane</button>
        <button type="button" onClick={() => setEditorOpen(true)} disabled={!hasDoc} data-testid="btn-edit" aria-label="Edit the scenario as JSON">Edit</button>
        <ShareControls />
        <ImportExport />
        <button type="button" data-testid="btn-practice" aria-pressed={practiceOn} onClick={() => setPractice(!practiceOn)} disabled={!hasDoc} aria-label="Practice: playback stops to ask you to predict, then shows">
          Practice
        </button>
        {presenter && (
          <button type="button" data-testid="btn-presenter-chrome" aria-expanded={true} onClick={() => setPresenterChrome(false)}>
            Hide header
          </button>
        )}
        <button type="button" data-testid="btn-presenter" aria-pressed={presenter} onClick={() => setPresenter(!presenter)} aria-label="Presenter mode: larger text, story hidden (Esc leaves)">
          Presenter
        </button>
        <button type="button" data-testid="btn-theme" onClick={cycleTheme} aria-label={`${THEME_LABEL[theme]} (click to change)`} title={THEME_LABEL[theme]}>
          {THEME_ICON[theme]}
        </button>
        <button type="button" data-testid="btn-help" onClick={() => setHelpOpen(true)} aria-label="Help and keyboard shortcuts (?)">?</button>
      </nav>
    </header>
  );
}
