/**
 * Positions have types. Three numbers name places in a simulation and are easy to mix up by one:
 * - a `Tick` is an event's place on the shared timeline (0-based: the first event of every lane is at tick 0);
 * - a `Cursor` is how far the shared timeline has played: `cursor` ticks have happened (0 = nothing yet, `ticks` =
 *   the end), so the event shown is the one at tick `cursor − 1`;
 * - a `StepIndex` is an event's index in its own lane's trace (0-based, `TraceEvent.step`), and a `StepCount` is how
 *   many of a lane's events are applied to its database (what `Lane.seek` takes).
 * Every ±1 between them lives here.
 */
declare const brand: unique symbol;
type Branded<B extends string> = number & { readonly [brand]: B };

export type Tick = Branded<'Tick'>;
export type Cursor = Branded<'Cursor'>;
export type StepIndex = Branded<'StepIndex'>;
export type StepCount = Branded<'StepCount'>;

/** Brands a number read at a boundary (a slider, a share link, a message) as a position. */
export const asTick = (n: number): Tick => n as Tick;
export const asCursor = (n: number): Cursor => n as Cursor;
export const asStepIndex = (n: number): StepIndex => n as StepIndex;
export const asStepCount = (n: number): StepCount => n as StepCount;

/** The tick of the event a cursor shows (null before anything has happened). */
export const tickShownAt = (cursor: Cursor): Tick | null => (cursor > 0 ? asTick(cursor - 1) : null);

/** The cursor that shows the event at `tick`. */
export const cursorShowing = (tick: Tick): Cursor => asCursor(tick + 1);

/** The step count that applies a lane's events up to and including the one at `step`. */
export const stepsThrough = (step: StepIndex): StepCount => asStepCount(step + 1);
