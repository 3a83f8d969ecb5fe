import { asCursor } from '../engine/positions';
import { formatIssue } from '../engine/issues';
import { Stopped } from '../worker/client';
import type { SimulationSlice, SliceCreator, StoreDeps } from './types';

/** Runs the document in the engine; stale answers (an older run finishing late) are dropped. */
export const createSimulationSlice = (deps: StoreDeps): SliceCreator<SimulationSlice> => (set, get) => {
  let seq = 0;
  return {
    status: 'idle',
    progress: null,
    result: null,
    errors: [],
    async runSimulation() {
      const doc = get().doc;
      if (!doc) return;
      const mine = ++seq;
      set({ status: 'running', progress: null, errors: [] });
      try {
        const out = await deps.engine.load(doc, (p) => {
          if (mine === seq) set({ progress: p });
        });
        if (mine !== seq) return;
        if (!out.ok) {
          set({ status: 'invalid', errors: out.errors.map(formatIssue), result: null, progress: null });
          return;
        }
        const ticks = out.result.ticks;
        set((s) => ({ status: 'done', result: out.result, progress: null, cursor: asCursor(Math.max(0, Math.min(s.cursor, ticks))) }));
      } catch (e) {
        if (mine !== seq) return;
        if (e instanceof Stopped) {
          set({ status: 'cancelled', progress: null });
          return;
        }
        set({ status: 'failed', progress: null, errors: [(e as Error).message ?? String(e)] });
      }
    },
    cancelSimulation() {
      seq++;
      deps.engine.cancel();
      set({ status: 'cancelled', progress: null, playing: false });
    },
  };
};
