import type { SqlPort } from '../../db/port';
import type { Attempt } from '../attempt';
import type { PatternId } from '../schema';
import type { StepDraft } from '../trace';

/** One idempotency pattern: the metadata table it keeps and the program one attempt runs. */
export interface Pattern {
  id: PatternId | 'custom';
  /** One line for the lane header. */
  summary: string;
  /** The same in plain words, for learners (shown before the technical summary). */
  description: string;
  /** The metadata table this pattern keeps, and the DDL that creates it in a fresh lane database. */
  meta: { table: string; ddl: string } | null;
  /** Whether the lane's own SQL looks rows up by key in `dest` (MERGE, anti-join): then `dest` gets a (non-unique) key index. */
  keyIndex?: boolean;
  /** Makes the lane's own tables in a fresh lane database when `meta.ddl` is not all of it (a custom lane's setup). */
  prepare?(db: SqlPort): Promise<void>;
  /** Runs one attempt from the start; every yield is one step. Throws to fail the attempt. */
  program(a: Attempt): AsyncGenerator<StepDraft, void>;
}
