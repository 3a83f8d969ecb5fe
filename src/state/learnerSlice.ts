import type { StateStorage } from 'zustand/middleware';
import { answerKey, isRight, questionsOf } from './practice';
import type { LearnerSlice, PracticeAnswer, SliceCreator } from './types';

/** localStorage key of the learner's own progress (the introduction seen, practice answers), apart from the workspace. */
export const LEARNER_KEY = 'runtwice.learner';

/** What is saved under LEARNER_KEY. */
export interface LearnerSaved {
  introSeen: boolean;
  /** The lanes show their program (open by default). */
  programOpen: boolean;
  practiceOn: boolean;
  practiceAnswers: Record<string, PracticeAnswer>;
}

const isAnswer = (v: unknown): v is PracticeAnswer =>
  typeof v === 'object' && v !== null && Array.isArray((v as PracticeAnswer).picked) && (v as PracticeAnswer).picked.every((x) => typeof x === 'string') && typeof (v as PracticeAnswer).right === 'boolean';

/** Reads the learner's saved progress; anything unreadable counts as a first visit. */
export function readLearner(storage: StateStorage): LearnerSaved {
  try {
    const raw = storage.getItem(LEARNER_KEY);
    const v = typeof raw === 'string' ? (JSON.parse(raw) as Partial<LearnerSaved> | null) : null;
    const answers: Record<string, PracticeAnswer> = {};
    const raw2 = v?.practiceAnswers;
    if (raw2 && typeof raw2 === 'object') for (const [k, a] of Object.entries(raw2)) if (isAnswer(a)) answers[k] = { picked: [...a.picked], right: a.right };
    return { introSeen: v?.introSeen === true, programOpen: v?.programOpen !== false, practiceOn: v?.practiceOn === true, practiceAnswers: answers };
  } catch {
    return { introSeen: false, programOpen: true, practiceOn: false, practiceAnswers: {} };
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
        const mine: LearnerSaved = { introSeen: s.introSeen, programOpen: s.programOpen, practiceOn: s.practiceOn, practiceAnswers: s.practiceAnswers };
        void storage.setItem(LEARNER_KEY, JSON.stringify({ ...prev, ...mine }));
      } catch {
        /* a full or refused storage: the introduction shows again next time, nothing else is lost */
      }
    };
    return {
      introSeen: saved.introSeen,
      introOpen: false,
      programOpen: saved.programOpen,
      practiceOn: saved.practiceOn,
      practiceAnswers: saved.practiceAnswers,
      practiceAsk: null,
      practiceFrameworkOpen: false,
      setPractice(on) {
        set({ practiceOn: on, practiceAsk: null });
        save();
        // practice plays the scenario from its start, stopping to ask
        if (on) get().reset();
      },
      answerPractice(id, picked) {
        const s = get();
        const q = questionsOf(s.result, s.laneChoice).find((x) => x.id === id);
        if (!q || !s.result) return;
        set({ practiceAnswers: { ...s.practiceAnswers, [answerKey(s.result, q)]: { picked: [...picked], right: isRight(q, picked) } } });
        save();
      },
      continuePractice() {
        set({ practiceAsk: null });
        get().play();
      },
      resetPractice() {
        const s = get();
        if (!s.result) return;
        const prefix = `${s.result.scenarioId}:`;
        set({ practiceAnswers: Object.fromEntries(Object.entries(s.practiceAnswers).filter(([k]) => !k.startsWith(prefix))), practiceAsk: null });
        save();
        get().reset();
      },
      setFrameworkOpen: (practiceFrameworkOpen) => set({ practiceFrameworkOpen }),
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
