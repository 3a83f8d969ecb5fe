import type { Model } from '../model';
import { dbtModel } from './dbt';
import type { ExportTarget, LaneExport } from './common';
import { postgresSql } from './postgresSql';
import { pyspark } from './pyspark';

export type { ExportTarget, LaneExport } from './common';
export { DBT_STRATEGY } from './dbt';

/**
 * "Take the code home": a lane's pattern for the scenario's table as code for another stack — plain PostgreSQL SQL
 * (a psql script over the scenario's files, the fault-free path of the lane), PySpark on Delta Lake, or a dbt
 * incremental model. Built-in patterns only (a custom lane is already the learner's own SQL).
 */
export function exportLane(model: Model, laneId: string, target: ExportTarget): LaneExport {
  const spec = model.lanes.find((l) => l.id === laneId);
  if (!spec) throw new Error(`no lane "${laneId}" in this scenario`);
  if (spec.pattern === 'custom') throw new Error(`lane "${laneId}" is custom: its SQL is already yours`);
  const base = `${model.scenario.id}-${laneId}`;
  if (target === 'postgres') return { target, filename: `${base}.sql`, language: 'sql', code: postgresSql(model, spec.pattern) };
  if (target === 'pyspark') return { target, filename: `${base.replaceAll('-', '_')}.py`, language: 'python', code: pyspark(model, spec.pattern) };
  return { target, filename: `models/${base.replaceAll('-', '_')}.sql`, language: 'sql', code: dbtModel(model, spec.pattern) };
}
