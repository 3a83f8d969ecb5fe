import type { PatternId } from '../schema';
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
