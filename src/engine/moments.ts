import type { ErrorClass } from '../db/dialect';
import { rowCount } from './format';
import type { FileModel } from './model';
import type { FaultDoc, FaultMoment } from './schema';

/** A point in a lane's program where a fault may fire (SCENARIO_FORMAT.md, "Faults"). */
export type Moment =
  | { kind: 'afterRows'; rows: number }
  | { kind: 'before-write' | 'after-write' | 'after-delete'; file: FileModel }
  | { kind: 'before-commit' };

/** The text used in `crash at <moment>` and `injected error at <moment>` (the contract's wording). */
export function momentLabel(at: FaultDoc['at'], firstFile: string): string {
  if ('afterRows' in at) return `afterRows ${at.afterRows}`;
  if ('before' in at) return at.before === 'commit' ? 'before commit' : `before write ${at.file ?? firstFile}`;
  return `after ${at.after} ${at.file ?? firstFile}`;
}

/** A moment in words, for people: the fault list, the fault buttons, the explorer. */
export function describeMoment(at: FaultMoment): string {
  if ('afterRows' in at) return `after ${rowCount(at.afterRows)}`;
  const file = 'file' in at && at.file ? ` of ${at.file}` : '';
  if ('before' in at) return at.before === 'commit' ? 'before the commit' : `before the first write${file}`;
  return at.after === 'delete' ? `after the partition delete${file}` : `after the last write${file}`;
}

/** The `at` of a scenario fault that names this moment (files always named). */
export function momentAt(m: Moment): FaultMoment {
  switch (m.kind) {
    case 'afterRows':
      return { afterRows: m.rows };
    case 'before-commit':
      return { before: 'commit' };
    case 'before-write':
      return { before: 'write', file: m.file.id };
    case 'after-write':
      return { after: 'write', file: m.file.id };
    case 'after-delete':
      return { after: 'delete', file: m.file.id };
  }
}

/** Whether a fault's `at` names this moment; `firstFile` is the id of the run's first input file. */
export function faultMatches(at: FaultDoc['at'], m: Moment, firstFile: string): boolean {
  // A chunk that cannot be cut exactly (a MERGE chunk updating several rows per key) fires when it passes N.
  if ('afterRows' in at) return m.kind === 'afterRows' && m.rows >= at.afterRows;
  if ('before' in at && at.before === 'commit') return m.kind === 'before-commit';
  if (m.kind === 'afterRows' || m.kind === 'before-commit') return false;
  const file = ('file' in at ? at.file : undefined) ?? firstFile;
  if (m.file.id !== file) return false;
  if ('before' in at) return m.kind === 'before-write';
  return m.kind === (at.after === 'write' ? 'after-write' : 'after-delete');
}

/** A crash: the process dies; no handler runs. Lane code must let it pass through untouched. */
export class Crash extends Error {
  readonly errorClass: ErrorClass = 'crash';
  constructor(moment: string) {
    super(`crash at ${moment}`);
    this.name = 'Crash';
  }
}

/** An exception raised inside the lane's code (a failed statement or an injected error): handlers run, then the attempt fails. */
export class LaneError extends Error {
  constructor(
    message: string,
    readonly errorClass: ErrorClass,
  ) {
    super(message);
    this.name = 'LaneError';
  }
}

export const isCrash = (e: unknown): e is Crash => e instanceof Crash;
