import type { SqlPort } from '../../db/port';
import { compileCustomLane, statementName, type CompiledStatement } from '../custom/compile';
import type { Touch } from '../custom/guard';
import type { CustomSql } from '../custom/language';
import { customProgram } from '../custom/program';
import type { Model } from '../model';
import { LaneError } from '../moments';
import type { Pattern } from './pattern';

/**
 * A learner's lane (`"pattern": "custom"`): compiled against the scenario's table, its setup run when the lane's
 * database is made. A setup statement that fails fails every attempt with its message (the lane's work is kept; the
 * verdict is "error"), so a broken lane is graded, never a crash of the engine.
 */
export function customPattern(sql: CustomSql, model: Model, quote: (name: string) => string): Pattern {
  const compiled = compileCustomLane(sql, model, quote);
  if (!compiled.ok) throw new Error(`custom lane did not compile: ${compiled.issues.map((i) => i.message).join('; ')}`);
  const lane = compiled.lane;
  let setupError: LaneError | null = null;
  let setupFailedAt = Number.POSITIVE_INFINITY;
  const firstTableAt = lane.setup.findIndex((s) => /^\s*CREATE\s+TABLE\b/i.test(s.sql));
  // One lane database: what each statement touches is planned once.
  const touches = new Map<CompiledStatement, Touch>();
  const describe = `${lane.unit === 'file' ? 'per file' : 'whole run'}, ${lane.transaction ? 'one transaction per unit' : 'autocommit'}, ${lane.statements.length} statement${lane.statements.length === 1 ? '' : 's'}`;
  return {
    id: 'custom',
    summary: `your SQL: ${describe}`,
    description: `A lane you wrote: ${describe}${lane.skip ? ', with a skip query' : ''}${lane.onError.length ? ', with an error handler' : ''}.`,
    // the first table the setup creates is the one the lane header counts; none when the setup failed before it
    get meta() {
      const table = lane.ownTables[0];
      return table && !(setupError && setupFailedAt <= firstTableAt) ? { table, ddl: lane.setup.map((s) => s.sql).join(';\n') } : null;
    },
    async prepare(db: SqlPort) {
      setupError = null;
      setupFailedAt = Number.POSITIVE_INFINITY;
      touches.clear();
      for (const s of lane.setup) {
        try {
          await db.run(s.sql);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          setupError = new LaneError(`${statementName(s)}: ${message}`, db.dialect.classifyError(message));
          setupFailedAt = s.index;
          return;
        }
      }
    },
    async *program(a) {
      if (setupError) throw setupError;
      yield* customProgram(a, lane, touches);
    },
  };
}
