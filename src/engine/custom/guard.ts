import type { Attempt } from '../attempt';
import { LaneError } from '../moments';
import { HIDDEN_TABLES, statementName, type CompiledLane, type CompiledStatement } from './compile';

/** What a compiled statement touches, as the database plans it; computed once per statement per lane database. */
export interface Touch {
  /** It changes `dest` at all (its row count must be read again after it). */
  changesDest: boolean;
  /** It inserts or updates rows of `dest`: a write, for the file moments and afterRows (a DELETE is not one). */
  writesDest: boolean;
  writes: string[];
}

/**
 * The sandbox's second line (the first is the static check in compile.ts): before a statement first runs, the
 * database compiles it without running it and says which tables it would read and write. A lane writes only `dest`
 * and the tables its setup created, and never reads the truth or the delivery list. Engines that cannot tell
 * (`tablesTouched` absent) run custom lanes unguarded at this level.
 */
export async function touchOf(a: Attempt, lane: CompiledLane, s: CompiledStatement, cache: Map<CompiledStatement, Touch>): Promise<Touch> {
  const known = cache.get(s);
  if (known) return known;
  const dialect = a.sql.dialect;
  const plan = dialect.tablesTouched ? await dialect.tablesTouched((sql) => a.peek(sql), s.sql) : null;
  let touch: Touch;
  if (!plan) {
    const changes = ['INSERT', 'REPLACE', 'UPDATE', 'DELETE'].includes(s.action) && /\bdest\b/i.test(s.sql);
    touch = { changesDest: changes, writesDest: changes && s.action !== 'DELETE', writes: [] };
  } else {
    const own = new Set(['dest', ...lane.ownTables.map((t) => t.toLowerCase())]);
    const bad = plan.writes.find((t) => !own.has(t.toLowerCase()));
    if (bad) throw new LaneError(`${statementName(s)} writes to ${bad.includes('?') ? 'another database' : `"${bad}", a table the engine owns`}: a lane writes only dest and the tables its setup creates`, 'other');
    const hidden = plan.reads.find((t) => (HIDDEN_TABLES as readonly string[]).includes(t.toLowerCase()));
    if (hidden) throw new LaneError(`${statementName(s)} reads "${hidden}", which the engine keeps from lanes (it holds the answer or other runs' input)`, 'other');
    if (s.role === 'skip' && plan.writes.length) throw new LaneError('skip must only read: it writes to a table', 'other');
    const changes = plan.writes.some((t) => t.toLowerCase() === 'dest');
    touch = { changesDest: changes, writesDest: changes && s.action !== 'DELETE', writes: plan.writes };
  }
  cache.set(s, touch);
  return touch;
}
