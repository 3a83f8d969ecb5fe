import type { StateStorage } from 'zustand/middleware';
import type { SimResult } from '../worker/types';
import { ENGINE_KINDS, type EngineKind, type EngineSwitch } from '../worker/engineSwitch';
import type { AppState, SliceCreator } from './types';

export type { EngineKind, EngineSwitch } from '../worker/engineSwitch';

/** localStorage key of the engine chosen for the playground (a preference of this browser: not in share links). */
export const ENGINE_KEY = 'runtwice.engine';

/** Which engine the playground runs on; the explorer, the grader and the challenges stay on SQLite. */
export interface EngineChoiceSlice {
  engineChoice: EngineKind;
  /** The engine that produced a final result, with that result (a partial or an older result is not it). */
  resultEngine: { kind: EngineKind; result: SimResult } | null;
  /** Switches engine, remembers it, and runs the scenario again on it. */
  setEngineChoice(kind: EngineKind): void;
}

/** Reads the saved choice: anything but a known engine's name is SQLite. */
export function readEngineChoice(storage: StateStorage): EngineKind {
  try {
    const raw = storage.getItem(ENGINE_KEY);
    return typeof raw === 'string' && (ENGINE_KINDS as readonly string[]).includes(raw) ? (raw as EngineKind) : 'sqlite';
  } catch {
    return 'sqlite';
  }
}

/** The engine of the result on screen, or null while none of the chosen engine's final results is shown. */
export const shownResultEngine = (s: Pick<AppState, 'resultEngine' | 'result'>): EngineKind | null =>
  s.resultEngine && s.result && s.resultEngine.result === s.result ? s.resultEngine.kind : null;

/**
 * The engine switch's state (without a switch, as in tests with a fake engine, the choice changes no engine).
 * The saved choice is applied when the store is made, before the first run.
 */
export const createEngineChoiceSlice =
  (storage: StateStorage, engineSwitch?: EngineSwitch): SliceCreator<EngineChoiceSlice> =>
  (set, get) => {
    const saved = readEngineChoice(storage);
    engineSwitch?.use(saved);
    engineSwitch?.onResult((kind, result) => set({ resultEngine: { kind, result } }));
    return {
      engineChoice: saved,
      resultEngine: null,
      setEngineChoice(kind) {
        if (kind === get().engineChoice || !(ENGINE_KINDS as readonly string[]).includes(kind)) return;
        set({ engineChoice: kind });
        try {
          void storage.setItem(ENGINE_KEY, kind);
        } catch {
          /* a full or refused storage: the choice holds for this visit */
        }
        engineSwitch?.use(kind);
        if (get().doc) void get().runSimulation();
      },
    };
  };
