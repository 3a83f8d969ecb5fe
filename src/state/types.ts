import type { Cursor } from '../engine/positions';
import type { StateCreator } from 'zustand/vanilla';
import type { ValidationIssue } from '../engine/issues';
import type { ExploreOptions, ExploreProgress, ExploreReport, PlayExecutor } from '../engine/explore/types';
import type { FaultDoc } from '../engine/schema';
import type { Scenario } from '../engine/validate';
import type { EngineClient } from '../worker/client';
import type { SimResult, StatementOutcome, WorkerProgress } from '../worker/types';
import type { CatalogEntry, ScenarioDocument } from './catalog';
import type { ChallengeDeps, ChallengeSlice } from './challengeSlice';
import type { CustomLaneSlice } from './customLanesSlice';
import type { EngineChoiceSlice, EngineSwitch } from './engineChoice';

export type Fault = FaultDoc;

/**
 * The document as the store holds it: its defaults applied (every fault has its attempt, `retry` its maxAttempts),
 * without the share link's `view`. Components read these values and never re-apply a default.
 */
export type WorkspaceDoc = Omit<ScenarioDocument, 'faults' | 'retry' | 'view'> & { faults: Fault[]; retry: { maxAttempts: number } };

/** The ways a document arrives that may replace the user's work ('other-tab': another tab saved another scenario). */
export type ReplaceSource = 'import' | 'picker' | 'share' | 'editor' | 'other-tab';

/** Where the cursor and the lane choice go once a document replaces the workspace. */
export interface ReplaceView {
  step?: number;
  lanes?: string[] | null;
}

/** A document on its way in: JSON text (import, editor), a parsed value (share link) or a catalogue id (picker, preset). */
export interface ReplaceRequest {
  source: ReplaceSource;
  text?: string;
  doc?: unknown;
  catalogId?: string;
  /** What messages call it (a file name); the scenario's title when absent. */
  name?: string;
  view?: ReplaceView;
}

/** A valid document waiting for the user's answer before it replaces edited work. */
export interface PendingReplace {
  source: ReplaceSource;
  doc: WorkspaceDoc;
  /** Set when the document is a catalogue entry (it then opens as that entry, not as edited work). */
  catalogId: string | null;
  name: string;
  view: ReplaceView;
  /** 'other-tab': how that tab holds the document (loading it keeps its base and its edited flag). */
  saved?: { edited: boolean; baseId: string | null };
}

/** What became of a request: replaced at once, waiting in `pendingReplace`, or refused with its errors (work kept). */
export type ReplaceOutcome = { status: 'replaced' } | { status: 'asking' } | { status: 'invalid'; issues: ValidationIssue[] };

/** The scenario being played, with the user's edits. Persisted. */
export interface WorkspaceSlice {
  doc: WorkspaceDoc | null;
  /** Catalogue id the document started from. */
  baseId: string | null;
  /** True once the user changed the document (faults, retries, editor, import). */
  edited: boolean;
  /** Lanes shown, in scenario order; null means all. */
  laneChoice: string[] | null;
  /** The saved workspace has been read (or found missing or unreadable); nothing is saved before. */
  restored: boolean;
  /** Opens a catalogue scenario (replaces the workspace). */
  openScenario(id: string, view?: { step?: number; lanes?: string[] }): void;
  /** Replaces the document unconditionally (defaults applied) and re-runs; user intents go through requestReplace. */
  replaceDoc(doc: ScenarioDocument, opts: { edited: boolean; baseId?: string | null; step?: number; lanes?: string[] | null }): void;
  /** A document waiting for "replace my edited work?"; rendered by the one replace dialog. */
  pendingReplace: PendingReplace | null;
  /**
   * The one way a document from the user arrives (import, picker, share link, editor): validates it, refuses an
   * invalid one with its errors (banner, except for the editor, which shows them itself) and keeps the work, asks
   * (sets `pendingReplace`) before replacing edited work, and otherwise replaces at once.
   */
  requestReplace(req: ReplaceRequest): Promise<ReplaceOutcome>;
  /** "Replace": applies `pendingReplace`. */
  confirmReplace(): void;
  /** "Keep my work": drops `pendingReplace`. */
  cancelReplace(): void;
  /**
   * Another tab saved this workspace (already validated): when its scenario differs from this tab's, asks (a
   * `pendingReplace` from 'other-tab', saving paused until the answer) — after any question already open.
   */
  otherTabSaved(saved: Partial<PersistedState>): void;
  addFault(f: Fault): void;
  updateFault(index: number, f: Fault): void;
  removeFault(index: number): void;
  setMaxAttempts(n: number): void;
  /** Resizes a file made of one `ids` block (clamped so the scenario stays within its row limit). */
  setFileRows(fileId: string, rows: number): void;
  toggleLane(id: string): void;
  setLaneChoice(ids: string[] | null): void;
}

export type SimStatus = 'idle' | 'running' | 'done' | 'invalid' | 'cancelled' | 'failed';

/** The last simulation the worker returned, and the one under way. */
export interface SimulationSlice {
  status: SimStatus;
  progress: WorkerProgress | null;
  /**
   * The last result: the final one, or while a run is under way (status 'running') a partial one holding the lanes
   * finished so far (`SimResult.allLanes` set) that the console can query.
   */
  result: SimResult | null;
  /** Lanes of the run under way not finished yet, in the scenario's order, while a partial result is shown; else []. */
  pendingLanes: string[];
  /** Validation errors (with JSON paths) or the failure message. */
  errors: string[];
  runSimulation(): Promise<void>;
  cancelSimulation(): void;
}

/** The shared cursor: `cursor` events ticks have happened (0 = nothing yet, `ticks` = the end). */
export interface PlaybackSlice {
  cursor: Cursor;
  playing: boolean;
  speed: number;
  setCursor(c: number): void;
  stepBy(delta: number): void;
  reset(): void;
  toEnd(): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(s: number): void;
  nextEvent(): void;
}

export type Theme = 'system' | 'light' | 'dark';

export interface Banner {
  kind: 'error' | 'info';
  text: string;
  details?: string[];
  /** A button that downloads this text as a file (the unreadable saved workspace). */
  download?: { label: string; filename: string; text: string };
}

/** Preferences and transient UI state. */
export interface UiSlice {
  theme: Theme;
  presenter: boolean;
  /** In presenter mode: the full header and the lane chips are shown (collapsed by default, to leave room for lanes). */
  presenterChrome: boolean;
  embed: boolean;
  helpOpen: boolean;
  editorOpen: boolean;
  banner: Banner | null;
  /** Saving the workspace is suspended (broken link, pending share, embed). */
  persistOn: boolean;
  /** The last save failed (storage full, storage refused): the banner says so; the previous save is intact. */
  saveError: string | null;
  shareUrl: string | null;
  /** A user query running longer than this stops the engine (QUERY_TIMEOUT_MS, read from one place). */
  queryTimeoutMs: number;
  /** The step the fault buttons act on; null: the current step of the first shown lane. */
  selected: { lane: string; step: number } | null;
  setTheme(t: Theme): void;
  cycleTheme(): void;
  setPresenter(on: boolean): void;
  setPresenterChrome(shown: boolean): void;
  setHelpOpen(open: boolean): void;
  setEditorOpen(open: boolean): void;
  showBanner(b: Banner | null): void;
  setPersist(on: boolean): void;
  setShareUrl(url: string | null): void;
  selectStep(lane: string, step: number): void;
  /** Runs user SQL on a lane at the cursor (in the worker); rejects with a readable message. */
  runQuery(lane: string, sql: string): Promise<{ columns: string[]; rows: unknown[][] }>;
  /** The lane whose SQL console drawer is open, or null. */
  consoleLane: string | null;
  setConsoleLane(lane: string | null): void;
  /**
   * Runs the console's text on a lane at the cursor: its statements in order, in one scratch copy of the lane (a
   * later statement sees what an earlier one wrote; the lane never changes). The lane is rebuilt at the cursor first,
   * untimed (`onPhase('rebuilding')`); the time limit counts the statements alone. Rejects with a readable message.
   */
  runStatements(lane: string, sql: string, onPhase?: (phase: 'rebuilding' | 'running') => void): Promise<StatementOutcome[]>;
}

/** What survives a reload: the workspace, the lane choice, the cursor and the preferences. */
export type PersistedState = Pick<AppState, 'doc' | 'baseId' | 'edited' | 'laneChoice' | 'cursor' | 'theme' | 'speed'>;

/** The explorer's document as the store keeps it: `complete` is false when it was cancelled part way. */
export type ExploreRun = ExploreReport & { complete: boolean };

export type ExploreStatus = 'idle' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'invalid' | 'failed';

/** The Explore view: every crash and error moment played in every lane, as one heat map. */
export interface ExplorerSlice {
  exploreOpen: boolean;
  exploreOptions: { depth: 1 | 2; kinds: Fault['kind'][] };
  exploreStatus: ExploreStatus;
  exploreProgress: ExploreProgress | null;
  /** The last report (a cancelled run keeps what it computed: `complete` false). */
  exploreReport: ExploreRun | null;
  /** Validation errors or the failure message. */
  exploreErrors: string[];
  /** What the report was computed from: the document without its faults (a changed scenario makes it stale), the workers, the time. */
  exploreMeta: { docKey: string; title: string; workers: number; ms: number } | null;
  /** The cell last opened or focused, so that coming back puts the keyboard where it was. */
  exploreCell: { schedule: string; lane: string } | null;
  openExplore(opts?: Partial<ExplorerSlice['exploreOptions']>): void;
  closeExplore(): void;
  setExploreOptions(opts: Partial<ExplorerSlice['exploreOptions']>): void;
  /** Explores the workspace document (its own faults replaced by each schedule). */
  /** Explores the scenario; `only` narrows the lanes for this run (a custom lane graded on its own). */
  runExplore(opts?: Partial<ExplorerSlice['exploreOptions']>, only?: readonly string[]): Promise<void>;
  /** Stops the run; the schedules played so far are kept, the report marked incomplete. */
  cancelExplore(): void;
  setExploreCell(cell: { schedule: string; lane: string } | null): void;
  /**
   * Opens the playground under one schedule: the document's faults become the schedule's (edited), and once the lanes
   * have run, the cursor is on that lane's fault with its step selected.
   */
  openExploreCell(schedule: string, lane: string): Promise<void>;
}

/** An executor the explorer slice can stop, and how many workers it plays on. */
export type ExploreExecutor = PlayExecutor & { terminate(): void; readonly size?: number };

/** What the explorer slice runs: the engine's explorer, and an executor opened on a document (the browser: a worker pool). */
export interface ExplorerDeps {
  explore(
    scenario: Scenario,
    executor: PlayExecutor,
    opts: ExploreOptions,
    hooks?: { onProgress?(p: ExploreProgress): void; cancelled?(): boolean },
  ): Promise<ExploreRun>;
  /** Validates the document (off the main thread in the browser) and starts an executor for it, or gives its issues. */
  open(doc: WorkspaceDoc): Promise<{ ok: true; scenario: Scenario; executor: ExploreExecutor } | { ok: false; errors: ValidationIssue[] }>;
}

/** A practice answer: what was picked, and whether it was right. */
export interface PracticeAnswer {
  picked: string[];
  right: boolean;
}

/** The learner's own progress, saved apart from the workspace (src/state/learnerSlice.ts). */
export interface LearnerSlice {
  /** The first-visit introduction was closed once (skipped or read): it does not open by itself again. */
  introSeen: boolean;
  introOpen: boolean;
  openIntro(): void;
  /** Closes the introduction and remembers it. */
  closeIntro(): void;
  /** The lanes' program listings are open (remembered). */
  programOpen: boolean;
  setProgramOpen(open: boolean): void;
  /** Practice mode: playback stops at decisive moments and asks (src/state/practice.ts); remembered. */
  practiceOn: boolean;
  /** Answers by scenario and question (`answerKey`), saved. */
  practiceAnswers: Record<string, PracticeAnswer>;
  /** The question playback stopped to ask, or null. */
  practiceAsk: string | null;
  practiceFrameworkOpen: boolean;
  /** Turns practice on (from the start of the scenario) or off. */
  setPractice(on: boolean): void;
  answerPractice(questionId: string, picked: string[]): void;
  /** After the reveal: playback may go on. */
  continuePractice(): void;
  /** Forgets this scenario's answers and starts again. */
  resetPractice(): void;
  setFrameworkOpen(open: boolean): void;
}

export type AppState = WorkspaceSlice & SimulationSlice & PlaybackSlice & UiSlice & ExplorerSlice & LearnerSlice & CustomLaneSlice & ChallengeSlice & EngineChoiceSlice;

/** A slice of the one store, typed as zustand's slices pattern has it (the store is wrapped in `persist`). */
export type SliceCreator<Slice> = StateCreator<AppState, [['zustand/persist', unknown]], [], Slice>;

/** The play loop's clock. */
export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
}

/** What the store is built from: swapped for fakes in tests. */
export interface StoreDeps {
  engine: EngineClient;
  catalog: CatalogEntry[];
  timers?: Timers;
  /** The explorer and its executor (the browser's by default, loaded when first run). */
  explorer?: ExplorerDeps;
  /** The challenge ladder (challenges/*.json by default) and its grader (the browser's worker pool). */
  challenges?: ChallengeDeps['challenges'];
  grader?: ChallengeDeps['grader'];
  /** A run shorter than this shows no partial result (PARTIAL_AFTER_MS; tests: 0). */
  partialAfterMs?: number;
  /** Partial results shown at most this often, the newest of those between (PARTIAL_EVERY_MS; tests: 0). */
  partialEveryMs?: number;
  /** The playground's engine switch (SQLite / PostgreSQL); the browser's engine is one (src/worker/engineSwitch.ts). */
  engineSwitch?: EngineSwitch;
}
