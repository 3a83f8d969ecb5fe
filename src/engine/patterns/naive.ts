import type { Pattern } from './pattern';

/** The baseline: append every row of every file, no bookkeeping at all. */
export const naive: Pattern = {
  id: 'naive',
  summary: 'INSERT row by row, autocommit; no bookkeeping',
  description: 'Appends every row again on every run; keeps no record of what it loaded.',
  meta: null,
  async *program(a) {
    for (const file of a.input) {
      yield* a.readBatch([file]);
      yield* a.writeFile(file, true);
    }
    yield* a.at({ kind: 'before-commit' });
  },
};
