import type { Attempt } from '../attempt';
import type { Pattern } from './pattern';
import { fmt, oneLine } from '../format';
import { firstPart, partitionPlan, rangeChunks } from './partitions';
import { FileMoments } from './wholeRun';

function overwriteProgram(atomic: boolean): Pattern['program'] {
  return async function* program(a: Attempt) {
    const partCol = a.model.partitionBy as string;
    const { q } = a.sql;
    yield* a.readBatch(a.input);
    const byKey = a.model.key.length === 1 && partCol === a.model.key[0];
    const plan = partitionPlan(a.input, byKey);
    const moments = new FileMoments(a, plan.flatMap((u) => ('range' in u ? [u.piece] : u.pieces)), atomic, false);
    const how = atomic ? ' (inside the transaction)' : ' (commits by itself)';
    if (atomic) yield* a.begin();
    for (const unit of plan) {
      if ('range' in unit) {
        // each key its own partition, found once in the batch: a chunk deletes its keys, then writes their rows
        const chunks = rangeChunks(a, unit);
        for (const [i, { keys, piece }] of chunks.entries()) {
          yield* a.exec({
            kind: 'delete',
            label: `delete partitions ${partCol} = ${fmt(keys[0])}…${fmt(keys[1])}, one per key${how}`,
            sql: `DELETE FROM dest WHERE ${q(partCol)} BETWEEN ? AND ?`,
            params: keys,
            effect: 'delete',
          });
          for (const f of a.input) {
            const p = firstPart(f);
            if (typeof p === 'number' && p >= keys[0] && p <= keys[1]) yield* a.at({ kind: 'after-delete', file: f });
          }
          if (i === 0) yield* moments.before(unit.piece);
          yield* a.insertPieces([piece], !atomic);
          if (i === chunks.length - 1) yield* moments.after(unit.piece);
        }
        continue;
      }
      const { part, pieces } = unit;
      yield* a.exec({
        kind: 'delete',
        label: `delete partition ${partCol} = ${oneLine(String(part))}${how}`,
        sql: `DELETE FROM dest WHERE ${q(partCol)} = ?`,
        params: [part],
        effect: 'delete',
      });
      for (const f of a.input) if (firstPart(f) === part) yield* a.at({ kind: 'after-delete', file: f });
      for (const piece of pieces) {
        yield* moments.before(piece);
        yield* a.insertPieces([piece], !atomic);
        yield* moments.after(piece);
      }
    }
    yield* moments.finish();
    yield* a.at({ kind: 'before-commit' });
    if (atomic) {
      yield* a.commit();
      yield* moments.afterCommit();
    }
  };
}

export const overwrite: Pattern = {
  id: 'overwrite',
  summary: 'one transaction: per partition DELETE, then its rows; COMMIT',
  description: "Replaces every partition the batch touches: deletes it and writes the batch's rows, all in one transaction.",
  meta: null,
  program: overwriteProgram(true),
};

export const overwriteNonAtomic: Pattern = {
  id: 'overwrite-nonatomic',
  summary: 'per partition DELETE (commits), then its rows (commit one by one)',
  description: 'Replaces every partition the batch touches, but the delete and each write commit on their own.',
  meta: null,
  program: overwriteProgram(false),
};

