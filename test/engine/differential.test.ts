import fc from 'fast-check';
import { describe, it } from 'vitest';
import { differentialArb } from './differentialArb';
import { compare } from './model/compare';

const NUM_RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 300);

describe('differential: the engine against an executable model of PATTERNS.md', () => {
  it(`random scenarios give the same metrics and attempts in every lane (${NUM_RUNS} runs)`, async () => {
    await fc.assert(fc.asyncProperty(differentialArb({ keyPartitions: process.env.DIFFERENTIAL_KEY_PARTITIONS !== '0' }), compare), { numRuns: NUM_RUNS });
  }, 120_000);
});
