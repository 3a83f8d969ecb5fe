import type { Cursor, StepCount, StepIndex, Tick } from '../src/engine/positions';

/** A fixture's input: positions as plain numbers (fixtures cast them once, where they build the event). */
export type Loose<T> = { [K in keyof T]?: T[K] extends Tick | Cursor | StepIndex | StepCount ? number : T[K] };
