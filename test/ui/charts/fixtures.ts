import type { TraceEvent } from '../../../src/engine/trace';
import type { Loose } from '../../traceEvent';

type Partial_ = Loose<TraceEvent> & { tick: number } & Pick<TraceEvent, 'kind' | 'destRows'>;

/** A trace event with defaults for the fields the chart does not read. */
export function ev(p: Partial_): TraceEvent {
  return ({
    lane: 'naive',
    step: p.tick,
    run: 1,
    attempt: 1,
    label: p.kind,
    sql: [],
    rows: null,
    file: null,
    error: null,
    txOpen: false,
    committedRows: p.destRows,
    written: 0,
    offers: [],
    metaRows: 0,
    counts: null,
    ...p,
  }) as TraceEvent;
}

/**
 * The 800K crash, naive lane: 1M truth, chunks of 200K, crash after 800K (tick 5), retry from the start
 * (attempt 2 from tick 7), ending at 1.8M with duplicates from tick 8 on.
 */
export function naiveCrashTrace(): TraceEvent[] {
  return [
    ev({ tick: 0, kind: 'start', destRows: 0 }),
    ev({ tick: 1, kind: 'write', destRows: 200_000 }),
    ev({ tick: 2, kind: 'write', destRows: 400_000 }),
    ev({ tick: 3, kind: 'write', destRows: 600_000 }),
    ev({ tick: 4, kind: 'write', destRows: 800_000 }),
    ev({ tick: 5, kind: 'crash', destRows: 800_000 }),
    ev({ tick: 6, kind: 'end', destRows: 800_000, outcome: 'crash', counts: { rows: 800_000, duplicates: 0, lost: 200_000, stale: 0 } }),
    ev({ tick: 7, kind: 'start', attempt: 2, destRows: 800_000 }),
    ev({ tick: 8, kind: 'write', attempt: 2, destRows: 1_000_000 }),
    ev({ tick: 9, kind: 'write', attempt: 2, destRows: 1_200_000 }),
    ev({ tick: 10, kind: 'write', attempt: 2, destRows: 1_800_000 }),
    ev({ tick: 11, kind: 'end', attempt: 2, destRows: 1_800_000, outcome: 'ok', counts: { rows: 1_800_000, duplicates: 800_000, lost: 0, stale: 0 } }),
  ];
}

/** A transactional lane: begin … commit, crash inside a transaction and rollback, then an error. */
export function txTrace(): TraceEvent[] {
  return [
    ev({ tick: 0, kind: 'start', destRows: 0 }),
    ev({ tick: 1, kind: 'begin', destRows: 0, txOpen: true }),
    ev({ tick: 2, kind: 'write', destRows: 500, txOpen: true }),
    ev({ tick: 3, kind: 'commit', destRows: 500 }),
    ev({ tick: 4, kind: 'begin', destRows: 500, txOpen: true }),
    ev({ tick: 5, kind: 'write', destRows: 900, txOpen: true }),
    ev({ tick: 6, kind: 'error', destRows: 900, txOpen: true, error: 'boom' }),
  ];
}
