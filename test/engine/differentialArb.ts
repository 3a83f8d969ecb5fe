import fc from 'fast-check';
import type { FaultMoment, RowBlock, ScenarioInput } from '../../src/engine/schema';

/**
 * Random small scenarios for the differential property: one or two key columns, `ids` blocks (single key) beside
 * explicit rows, empty files, files spanning partitions, the partition column sometimes the key itself, paths shared
 * by several versions (redeliveries), the same content under another path, a file listed twice in a run, several
 * faults per attempt (with or without a file), and retries that run out.
 */
export function differentialArb(opts: { keyPartitions?: boolean } = {}): fc.Arbitrary<ScenarioInput> {
  const day = fc.constantFrom('d1', 'd2', 'd3');
  const small = fc.integer({ min: 0, max: 3 });
  const rowBlock = (composite: boolean): fc.Arbitrary<RowBlock> =>
    fc
      .record({ id: fc.integer({ min: 1, max: 5 }), sub: fc.constantFrom('a', 'b'), day, amount: small, updated_at: small })
      .map(({ sub, ...r }) => ({ row: composite ? { ...r, sub } : r }));
  const idsBlock: fc.Arbitrary<RowBlock> = fc
    .record({ from: fc.integer({ min: 1, max: 5 }), len: fc.integer({ min: 0, max: 3 }), day, amount: small, updated_at: small })
    .map(({ from, len, ...values }) => ({ ids: [from, from + len] as [number, number], values }));
  const file = (composite: boolean) =>
    fc.array(composite ? rowBlock(true) : fc.oneof(rowBlock(false), idsBlock), { minLength: 0, maxLength: 3 });
  const moment = (files: (string | undefined)[]): fc.Arbitrary<FaultMoment> =>
    fc.oneof(
      fc.integer({ min: 1, max: 8 }).map((n) => ({ afterRows: n })),
      fc.constantFrom(...files).map((file) => ({ before: 'write' as const, ...(file ? { file } : {}) })),
      fc.constantFrom(...files).map((file) => ({ after: 'write' as const, ...(file ? { file } : {}) })),
      fc.constantFrom(...files).map((file) => ({ after: 'delete' as const, ...(file ? { file } : {}) })),
      fc.constant({ before: 'commit' as const }),
    );

  return fc
    .record({
      composite: fc.boolean(),
      partitionByKey: fc.integer({ min: 0, max: 3 }).map((n) => n === 0 && opts.keyPartitions !== false),
      orderBy: fc.boolean(),
      nFiles: fc.integer({ min: 1, max: 4 }),
      paths: fc.array(fc.nat(2), { minLength: 4, maxLength: 4 }),
      sameContent: fc.boolean(),
      runs: fc.array(fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
      maxAttempts: fc.integer({ min: 1, max: 3 }),
      seed: fc.nat(),
    })
    .chain((p) =>
      fc
        .record({
          files: fc.array(file(p.composite), { minLength: p.nFiles, maxLength: p.nFiles }),
          faults: fc.array(
            fc.record({
              run: fc.integer({ min: 1, max: p.runs.length }),
              attempt: fc.integer({ min: 1, max: p.maxAttempts }),
              kind: fc.constantFrom('crash' as const, 'error' as const),
              at: moment([undefined, 'f0', 'f1', 'f2', 'f3']),
            }),
            { maxLength: 5 },
          ),
        })
        .map(({ files, faults }): ScenarioInput => {
          const ids = files.map((_, i) => `f${i}`);
          const blocks = files.map((b, i) => (p.sameContent && i === files.length - 1 && i > 0 ? files[0] : b) as RowBlock[]);
          const runs = p.runs.map((input) => input.map((i) => ids[i % ids.length] as string));
          return {
            format: 'runtwice/scenario@1',
            id: 'differential',
            title: 'differential',
            summary: '',
            story: '',
            table: {
              columns: { id: 'INTEGER', ...(p.composite ? { sub: 'TEXT' } : {}), day: 'TEXT', amount: 'INTEGER', updated_at: 'INTEGER' },
              key: p.composite ? ['id', 'sub'] : ['id'],
              partitionBy: p.partitionByKey ? 'id' : 'day',
              ...(p.orderBy ? { orderBy: 'updated_at' } : {}),
            },
            files: Object.fromEntries(ids.map((id, i) => [id, { path: `landing/p${p.paths[i] ?? 0}.csv`, rows: blocks[i] as RowBlock[] }])),
            runs: runs.map((input) => ({ input })),
            // a fault naming a file the run does not read never fires: keep only those the validator accepts
            faults: faults
              .map((f) => {
                const input = runs[f.run - 1] as string[];
                if ('file' in f.at && f.at.file && !input.includes(f.at.file)) return { ...f, at: { ...f.at, file: input[0] as string } };
                return f;
              }),
            retry: { maxAttempts: p.maxAttempts },
          };
        }),
    );
}
