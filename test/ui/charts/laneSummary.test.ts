import { describe, expect, it } from 'vitest';
import { compactNumber, laneSummary } from '../../../src/ui/charts/laneSummary';
import { naiveCrashTrace, txTrace } from './fixtures';

describe('compactNumber', () => {
  it('abbreviates thousands and millions', () => {
    expect(compactNumber(0)).toBe('0');
    expect(compactNumber(950)).toBe('950');
    expect(compactNumber(1_000)).toBe('1k');
    expect(compactNumber(200_000)).toBe('200k');
    expect(compactNumber(1_800_000)).toBe('1.8M');
    expect(compactNumber(2_000_000_000)).toBe('2B');
  });
});

describe('laneSummary', () => {
  it('says rows at the end against the truth, faults and retries', () => {
    expect(laneSummary('naive', naiveCrashTrace(), 1_000_000, 9)).toBe(
      'naive: 1,800,000 rows at the end against 1,000,000 expected; crash at tick 5; retried; first duplicate at tick 9',
    );
  });

  it('says "at tick" for a lane still running and lists errors', () => {
    expect(laneSummary('merge', txTrace(), 900)).toBe('merge: 900 rows at tick 6 against 900 expected; error at tick 6');
  });

  it('handles a lane with no steps', () => {
    expect(laneSummary('x', [], 5)).toBe('x: no steps yet; 5 rows expected');
  });
});
