import type { Model } from '../model';
import type { PatternId } from '../schema';
import type { LaneSpec } from '../validate';
import { customPattern } from './custom';
import { antiJoin } from './antiJoin';
import { ingestor, ingestorLock } from './ingestor';
import { merge, mergeLatest } from './merge';
import { naive } from './naive';
import { overwrite, overwriteNonAtomic } from './overwrite';
import type { Pattern } from './pattern';
import { tracking } from './tracking';
import { trackingAtomic } from './trackingAtomic';

/** Every pattern by its id. */
export const PATTERNS: Record<PatternId, Pattern> = {
  naive,
  tracking,
  ingestor,
  'ingestor-lock': ingestorLock,
  'tracking-atomic': trackingAtomic,
  overwrite,
  'overwrite-nonatomic': overwriteNonAtomic,
  merge,
  'merge-latest': mergeLatest,
  'anti-join': antiJoin,
};

export type { Pattern };

/** The pattern a lane runs: a built-in, or the learner's SQL compiled for this scenario's table. */
export function patternFor(spec: LaneSpec, model: Model, quote: (name: string) => string): Pattern {
  if (spec.pattern === 'custom') {
    if (!spec.sql) throw new Error(`lane ${spec.id} is custom but has no sql`);
    return customPattern(spec.sql, model, quote);
  }
  return PATTERNS[spec.pattern];
}
