import type { Attempt, Piece } from '../attempt';
import type { FileModel } from '../model';
import type { CellValue } from '../schema';
import type { Pattern } from './pattern';
import { oneLine } from '../format';
import { FileMoments } from './wholeRun';

/** Partitions in order of first appearance in the batch, each with its rows as pieces in batch order. */
function partitionPlan(input: FileModel[]): { part: CellValue; pieces: Piece[] }[] {
  const plan = new Map<CellValue, Piece[]>();
  for (const file of input)
    for (const s of file.segments) {
      const part = s.part as CellValue;
      if (!plan.has(part)) plan.set(part, []);
      (plan.get(part) as Piece[]).push({ file, seqFrom: s.seqFrom, seqTo: s.seqTo });
    }
  return [...plan.entries()].map(([part, pieces]) => ({ part, pieces }));
}

/** The partition that holds a file's first row; a file without rows has none. */
const firstPart = (f: FileModel): CellValue | undefined => f.segments[0]?.part ?? undefined;

function overwriteProgram(atomic: boolean): Pattern['program'] {
  return async function* program(a: Attempt) {
    const partCol = a.model.partitionBy as string;
    const { q } = a.sql;
    yield* a.readBatch(a.input);
    const plan = partitionPlan(a.input);
    const moments = new FileMoments(a, plan.flatMap((p) => p.pieces), atomic, false);
    if (atomic) yield* a.begin();
    for (const { part, pieces } of plan) {
      yield* a.exec({
        kind: 'delete',
        label: `delete partition ${partCol} = ${oneLine(String(part))}${atomic ? ' (inside the transaction)' : ' (commits by itself)'}`,
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
    for (const f of a.input) if (f.rows === 0) yield* a.at({ kind: 'after-delete', file: f });
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
  meta: null,
  program: overwriteProgram(true),
};

export const overwriteNonAtomic: Pattern = {
  id: 'overwrite-nonatomic',
  summary: 'per partition DELETE (commits), then its rows (commit one by one)',
  meta: null,
  program: overwriteProgram(false),
};

