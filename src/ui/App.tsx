import { lazy, Suspense } from 'react';
import type { CatalogEntry } from '../state/catalog';
import { ChallengeLinkOpener } from './components/ChallengeLinkOpener';
import { ChartLegend } from './components/ChartLegend';
import { BannerMessage } from './components/BannerMessage';
import { EditorDialog } from './components/EditorDialog';
import { EmbedBar } from './components/EmbedBar';
import { ExploreView } from './components/ExploreView';
import { FaultPanel } from './components/FaultPanel';
import { FilesPanel } from './components/FilesPanel';
import { Header } from './components/Header';
import { HelpDialog } from './components/HelpDialog';
import { IntroDialog } from './components/IntroDialog';
import { LaneChooser } from './components/LaneChooser';
import { LanesView } from './components/LanesView';
import { Narration } from './components/Narration';
import { FrameworkDialog } from './components/FrameworkDialog';
import { PracticePanel } from './components/PracticePanel';
import { PresenterBar } from './components/PresenterBar';
import { ProgressPanel } from './components/ProgressPanel';
import { ReplaceDialog } from './components/ReplaceDialog';
import { SqlConsoleDrawer } from './components/SqlConsole';
import { StoryPanel } from './components/StoryPanel';
import { Transport } from './components/Transport';
import { useApp, useAppStore } from './components/storeContext';
import { useKeyboard } from './components/useKeyboard';
import { useThemeClass } from './components/useThemeClass';

const ChallengeView = lazy(() => import('./components/ChallengeView'));
const LaneEditorDialog = lazy(() => import('./components/LaneEditorDialog'));

/** The one screen: header, story and faults beside the lanes, the transport at the bottom. */
export function App({ catalog }: { catalog: CatalogEntry[] }) {
  const store = useAppStore();
  const embed = useApp((s) => s.embed);
  const presenter = useApp((s) => s.presenter);
  const compact = useApp((s) => s.presenter && !s.presenterChrome);
  const theme = useApp((s) => s.theme);
  const exploring = useApp((s) => s.exploreOpen && !s.embed);
  const challenging = useApp((s) => s.challengesOpen && !s.embed);
  const laneEditing = useApp((s) => s.laneEditor !== null);
  // Exposed for tests and scripts: 'done' once the current scenario's lanes have all run.
  const status = useApp((s) => s.status);
  useKeyboard(store);
  useThemeClass(theme, presenter);

  if (embed)
    return (
      <div className="app app--embed" data-sim-status={status}>
        <EmbedBar />
        <BannerMessage />
        <ProgressPanel />
        <main className="app__embed-main">
          <LanesView readOnly />
        </main>
        <footer className="app__footer">
          <Narration />
          <Transport />
        </footer>
      </div>
    );

  return (
    <div className={`app${presenter ? ' app--presenter' : ''}${compact ? ' app--compact' : ''}`} data-sim-status={status}>
      <a className="app__skip-link" href={challenging ? '#challenge-view-title' : exploring ? '#explore-title' : '#lanes-area'}>
        {challenging ? 'Skip to the challenges' : exploring ? 'Skip to the explorer' : 'Skip to the lanes'}
      </a>
      {compact ? <PresenterBar /> : <Header catalog={catalog} />}
      <BannerMessage />
      <ProgressPanel />
      {challenging ? (
        <main className="app__explore app__challenge">
          <Suspense fallback={<p className="muted">Loading the challenges…</p>}>
            <ChallengeView />
          </Suspense>
        </main>
      ) : exploring ? (
        <main className="app__explore">
          <ExploreView />
        </main>
      ) : (
        <PlaygroundMain presenter={presenter} compact={compact} />
      )}
      <HelpDialog />
      <IntroDialog />
      <FrameworkDialog catalog={catalog} />
      <EditorDialog />
      {laneEditing && (
        <Suspense fallback={null}>
          <LaneEditorDialog />
        </Suspense>
      )}
      <ChallengeLinkOpener />
      <ReplaceDialog />
    </div>
  );
}

/** Story and faults beside the lanes, the transport at the bottom. */
function PlaygroundMain({ presenter, compact }: { presenter: boolean; compact: boolean }) {
  return (
    <>
      <main className="app__main">
        {!presenter && (
          <aside className="app__side" aria-label="Story and faults">
            <StoryPanel />
            <FaultPanel />
            <FilesPanel />
          </aside>
        )}
        <div className="app__lanes-area" id="lanes-area">
          {!compact && (
            <div className="app__lanes-bar">
              <LaneChooser />
              <details className="app__legend">
                <summary>Chart legend</summary>
                <ChartLegend />
              </details>
            </div>
          )}
          <LanesView />
        </div>
        <SqlConsoleDrawer />
      </main>
      <footer className="app__footer">
        <PracticePanel />
        <Narration />
        <Transport />
      </footer>
    </>
  );
}
