import type { SqlPort } from '../db/port';
import { asTick } from './positions';
import type { RaceDoc } from './schema';
import type { TraceEvent } from './trace';

/** Raised when a scenario races but the engine has one connection per database (sql.js): races need PostgreSQL. */
export class RacesNeedConnections extends Error {
  constructor() {
    super('this scenario races two runners on two connections to one database: run it on PostgreSQL (--engine postgres://…); SQLite in the browser has one connection per database');
    this.name = 'RacesNeedConnections';
  }
}

/** How often a runner that has not answered is checked for a lock wait. */
const POLL_MS = 15;

/** Seeded 32-bit generator (mulberry32): the same seed gives the same interleaving on every machine. */
function seeded(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Which runner takes the next step: `after` steps of runner 1 first, then `order`. */
function chooser(race: RaceDoc): () => 1 | 2 {
  let taken = 0;
  let i = 0;
  const rnd = typeof race.order === 'object' ? seeded(race.order.seed) : null;
  return () => {
    if (taken++ < race.after) return 1;
    if (rnd) return rnd() < 0.5 ? 1 : 2;
    if (typeof race.order === 'string' && race.order !== 'alternate' && i < race.order.length) return race.order[i++] === '2' ? 2 : 1;
    return (i++ % 2 === 0 ? 1 : 2) as 1 | 2;
  };
}

/** What a runner yields: a trace event (and, outside races, a cursor). */
type Yielded = { event: TraceEvent };

/**
 * Interleaves two runners step by step. A runner whose statement waits on a lock held by the other (the database
 * says so: `Dialect.blockedSql` on the observer connection) is recorded as waiting and the other runner goes on; the
 * waiting statement finishes when the lock is released, and the runner resumes. Both runners' events come out in the
 * order they happened, each tagged with its runner.
 */
export async function* interleave<E extends Yielded>(
  one: AsyncGenerator<E, void>,
  two: AsyncGenerator<E, void>,
  race: RaceDoc,
  conns: { db: SqlPort; second: SqlPort; observer: SqlPort },
): AsyncGenerator<E | Yielded, void> {
  type Next = IteratorResult<E, void>;
  const { dialect } = conns.db;
  if (!dialect.sessionIdSql || !dialect.blockedSql) throw new RacesNeedConnections();
  const sessionOf = async (c: SqlPort): Promise<number> => Number((await c.query(dialect.sessionIdSql as string)).rows[0]?.[0]);
  const sessions = { 1: await sessionOf(conns.db), 2: await sessionOf(conns.second) } as const;
  const gens = { 1: one, 2: two } as const;
  const pending: { 1: Promise<Next> | null; 2: Promise<Next> | null } = { 1: null, 2: null };
  const done = { 1: false, 2: false };
  const waiting = { 1: false, 2: false };
  const last: { 1: TraceEvent | null; 2: TraceEvent | null } = { 1: null, 2: null };
  const pick = chooser(race);
  const isBlocked = async (r: 1 | 2): Promise<boolean> => {
    const res = await conns.observer.query(dialect.blockedSql as string, [sessions[r]]);
    return Boolean(Number(res.rows[0]?.[0] ?? 0));
  };

  while (!done[1] || !done[2]) {
    let r = pick();
    if (done[r]) r = r === 1 ? 2 : 1;
    // a runner still waiting on a lock cannot take a step: the other one does, if it can
    const other = r === 1 ? 2 : 1;
    if (waiting[r] && !done[other] && !waiting[other]) r = other;
    const p = (pending[r] ??= gens[r].next());
    let answer: Next | 'blocked';
    for (;;) {
      const tick = new Promise<'tick'>((res) => setTimeout(() => res('tick'), POLL_MS));
      const got = await Promise.race([p, tick]);
      if (got !== 'tick') {
        answer = got;
        break;
      }
      // both waiting: the database breaks a deadlock by failing one of them; keep waiting for that
      if (!waiting[r] && (await isBlocked(r))) {
        answer = 'blocked';
        break;
      }
      if (waiting[r] && !done[other] && !waiting[other]) {
        answer = 'blocked';
        break;
      }
    }
    if (answer === 'blocked') {
      if (!waiting[r]) {
        waiting[r] = true;
        const before = last[r];
        const ev: TraceEvent = {
          ...(before as TraceEvent),
          kind: 'wait',
          label: `runner ${r} waits: PostgreSQL reports its statement blocked by a lock runner ${other} holds, until runner ${other}'s transaction ends`,
          sql: [],
          rows: null,
          error: null,
          offers: [],
          tick: asTick(0),
          runner: r,
        };
        delete ev.note;
        delete ev.seq;
        delete ev.errorClass;
        yield { event: ev };
      }
      continue;
    }
    pending[r] = null;
    waiting[r] = false;
    if (answer.done) {
      done[r] = true;
      continue;
    }
    last[r] = answer.value.event;
    yield answer.value;
  }
}
