import fc from 'fast-check';
import type { FaultMoment, ScenarioInput } from '../../src/engine/schema';

const DAYS = ['d1', 'd2', 'd3'];

export interface GenOptions {
  /** Every key appears in exactly one row of one file, and every file is delivered once. */
  uniqueKeys?: boolean;
  /** Each partition value belongs to one run only (overwrite's precondition). */
  wholePartitions?: boolean;
}

const rowArb = fc.record({ id: fc.integer({ min: 1, max: 6 }), day: fc.constantFrom(...DAYS), amount: fc.integer({ min: 0, max: 3 }), updated_at: fc.integer({ min: 0, max: 4 }) });

const momentArb = (fileIds: string[]): fc.Arbitrary<FaultMoment> =>
  fc.oneof(
    fc.integer({ min: 1, max: 12 }).map((n) => ({ afterRows: n })),
    fc.constantFrom(...fileIds).map((file) => ({ before: 'write' as const, file })),
    fc.constantFrom(...fileIds).map((file) => ({ after: 'write' as const, file })),
    fc.constantFrom(...fileIds).map((file) => ({ after: 'delete' as const, file })),
    fc.constant({ before: 'commit' as const }),
  );

/** Random small scenarios: 1–3 runs over 1–4 files of up to 5 rows, with at most one fault (or any faults). */
export function scenarioArb(opts: GenOptions = {}, faults: 'none' | 'one' | 'any' = 'one'): fc.Arbitrary<ScenarioInput> {
  return fc
    .record({
      files: fc.array(fc.array(rowArb, { minLength: 0, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
      runsPlan: fc.array(fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
      maxAttempts: fc.integer({ min: 1, max: 3 }),
      orderBy: fc.boolean(),
      faultSeed: fc.array(fc.record({ run: fc.nat(2), attempt: fc.integer({ min: 1, max: 3 }), kind: fc.constantFrom('crash' as const, 'error' as const), pick: fc.nat(20) }), { minLength: faults === 'none' ? 0 : 1, maxLength: faults === 'any' ? 3 : faults === 'none' ? 0 : 1 }),
      momentSeed: fc.array(momentArb(['f0', 'f1', 'f2', 'f3']), { minLength: 3, maxLength: 3 }),
    })
    .map(({ files, runsPlan, maxAttempts, orderBy, faultSeed, momentSeed }) => {
      let fileRows = files;
      let runs = runsPlan.map((plan) => [...new Set(plan.map((i) => `f${i % files.length}`))]);
      if (opts.uniqueKeys) {
        // renumber keys globally and deliver each file once
        let next = 1;
        fileRows = files.map((rows) => rows.map((r) => ({ ...r, id: next++ })));
        const seen = new Set<string>();
        runs = runs.map((input) => input.filter((f) => !seen.has(f) && seen.add(f))).filter((input) => input.length > 0);
        if (runs.length === 0) runs = [['f0']];
      }
      if (opts.wholePartitions) {
        const runOf = new Map<string, number>();
        runs.forEach((input, r) => input.forEach((f) => runOf.set(f, r)));
        fileRows = fileRows.map((rows, i) => rows.map((row) => ({ ...row, day: `r${runOf.get(`f${i}`) ?? 0}-${row.day}` })));
      }
      const faultsDoc = faultSeed
        .filter((f) => f.attempt <= maxAttempts)
        .map((f, i) => {
          const run = (f.run % runs.length) + 1;
          const input = runs[run - 1] as string[];
          let at = momentSeed[i % momentSeed.length] as FaultMoment;
          if ('file' in at && at.file && !input.includes(at.file)) at = { ...at, file: input[f.pick % input.length] as string };
          return { run, attempt: f.attempt, kind: f.kind, at };
        });
      const doc: ScenarioInput = {
        format: 'runtwice/scenario@1',
        id: 'prop',
        title: 'prop',
        summary: '',
        story: '',
        table: { columns: { id: 'INTEGER', day: 'TEXT', amount: 'INTEGER', updated_at: 'INTEGER' }, key: ['id'], partitionBy: 'day', ...(orderBy ? { orderBy: 'updated_at' } : {}) },
        files: Object.fromEntries(fileRows.map((rows, i) => [`f${i}`, { path: `landing/f${i}.csv`, rows: rows.map((row) => ({ row })) }])),
        runs: runs.map((input) => ({ input })),
        faults: faultsDoc,
        retry: { maxAttempts },
      };
      return doc;
    });
}
