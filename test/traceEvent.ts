import type { Cursor, StepCount, StepIndex, Tick } from '../src/engine/positions';
import type { TraceEvent } from '../src/engine/trace';

/** A fixture's input: positions as plain numbers (fixtures cast them once, where they build the event). */
export type Loose<T> = { [K in keyof T]?: T[K] extends Tick | Cursor | StepIndex | StepCount ? number : T[K] };

/** A trace event for UI and selector fixtures: a naive write at step 0 of run 1, attempt 1, unless `p` says otherwise. */
export const traceEvent = (p: Loose<TraceEvent>): TraceEvent =>
  ({
    kind: 'write', label: 'a step', sql: [], rows: null, file: null, error: null, lane: 'naive', step: 0, tick: 0, run: 1, attempt: 1,
    txOpen: false, destRows: 0, committedRows: 0, written: 0, offers: [], metaRows: 0, counts: null, ...p,
  }) as TraceEvent;
