import type { StateStorage } from 'zustand/middleware';
import type { LearnerSlice, SliceCreator } from './types';

/** localStorage key of the learner's own progress (the introduction seen, practice answers), apart from the workspace. */
export const LEARNER_KEY = 'runtwice.learner';

/** What is saved under LEARNER_KEY. */
export interface LearnerSaved {
  introSeen: boolean;
  /** The lanes show their program (open by default). */
  programOpen: boolean;
}

/** Reads the learner's saved progress; anything unreadable counts as a first visit. */
export function readLearner(storage: StateStorage): LearnerSaved {
  try {
    const raw = storage.getItem(LEARNER_KEY);
    const v = typeof raw === 'string' ? (JSON.parse(raw) as Partial<LearnerSaved> | null) : null;
    return { introSeen: v?.introSeen === true, programOpen: v?.programOpen !== false };
  } catch {
    return { introSeen: false, programOpen: true };
  }
}

/** The first-visit introduction (remembered once closed, reopened from Help) and the learner's view choices. */
export const createLearnerSlice =
  (storage: StateStorage): SliceCreator<LearnerSlice> =>
  (set, get) => {
    const saved = readLearner(storage);
    const save = () => {
      try {
        const raw = storage.getItem(LEARNER_KEY);
        const prev = typeof raw === 'string' ? (JSON.parse(raw) as object) : {};
        const s = get();
        void storage.setItem(LEARNER_KEY, JSON.stringify({ ...prev, introSeen: s.introSeen, programOpen: s.programOpen }));
      } catch {
        /* a full or refused storage: the introduction shows again next time, nothing else is lost */
      }
    };
    return {
      introSeen: saved.introSeen,
      introOpen: false,
      programOpen: saved.programOpen,
      setProgramOpen(programOpen) {
        if (programOpen === get().programOpen) return;
        set({ programOpen });
        save();
      },
      openIntro: () => set({ introOpen: true, helpOpen: false }),
      closeIntro() {
        set({ introOpen: false, introSeen: true });
        save();
      },
    };
  };
