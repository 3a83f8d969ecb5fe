import type { FaultDoc } from '../engine/schema';
import type { EngineClient } from '../worker/client';
import type { SimResult, WorkerProgress } from '../worker/types';
import type { CatalogEntry, ScenarioDocument } from './catalog';

export type Fault = FaultDoc;

/** The scenario being played, with the user's edits. Persisted. */
export interface WorkspaceSlice {
  doc: ScenarioDocument | null;
  /** Catalogue id the document started from. */
  baseId: string | null;
  /** True once the user changed the document (faults, retries, editor, import). */
  edited: boolean;
  /** Lanes shown, in scenario order; null means all. */
  laneChoice: string[] | null;
  /** Opens a catalogue scenario (replaces the workspace). */
  openScenario(id: string, view?: { step?: number; lanes?: string[] }): void;
  /** Replaces the document (editor, import, shared link) and re-runs. */
  replaceDoc(doc: ScenarioDocument, opts: { edited: boolean; baseId?: string | null; step?: number; lanes?: string[] | null }): void;
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
  result: SimResult | null;
  /** Validation errors (with JSON paths) or the failure message. */
  errors: string[];
  runSimulation(): Promise<void>;
  cancelSimulation(): void;
}

/** The shared cursor: `cursor` events ticks have happened (0 = nothing yet, `ticks` = the end). */
export interface PlaybackSlice {
  cursor: number;
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
}

/** A shared scenario waiting for the user's answer ("Open shared scenario / Keep my work"). */
export interface PendingShare {
  doc: ScenarioDocument;
  step?: number;
  lanes?: string[];
}

/** Preferences and transient UI state. */
export interface UiSlice {
  theme: Theme;
  presenter: boolean;
  embed: boolean;
  helpOpen: boolean;
  editorOpen: boolean;
  banner: Banner | null;
  pendingShare: PendingShare | null;
  /** Saving the workspace is suspended (broken link, pending share, embed). */
  persistOn: boolean;
  shareUrl: string | null;
  /** The step the fault buttons act on; null: the current step of the first shown lane. */
  selected: { lane: string; step: number } | null;
  setTheme(t: Theme): void;
  cycleTheme(): void;
  setPresenter(on: boolean): void;
  setHelpOpen(open: boolean): void;
  setEditorOpen(open: boolean): void;
  showBanner(b: Banner | null): void;
  setPendingShare(p: PendingShare | null): void;
  acceptPendingShare(): void;
  rejectPendingShare(): void;
  setPersist(on: boolean): void;
  setShareUrl(url: string | null): void;
  selectStep(lane: string, step: number): void;
  /** Runs user SQL on a lane at the cursor (in the worker); rejects with a readable message. */
  runQuery(lane: string, sql: string): Promise<{ columns: string[]; rows: unknown[][] }>;
}

export type AppState = WorkspaceSlice & SimulationSlice & PlaybackSlice & UiSlice;

export type SetState = (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void;
export type GetState = () => AppState;

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
}
