import type { VerdictKind } from './selectors';

/** A scenario of the catalogue that shows a claim true (supports) or false (refutes), through one lane's verdict. */
export interface Evidence {
  scenario: string;
  lane: string;
  /** The lane's verdict in that scenario, as its `expect` states it (a test holds this to the catalogue). */
  verdict: Exclude<VerdictKind, 'running' | 'pending'>;
  supports: boolean;
  /** What to look at, in a few words. */
  note: string;
}

export interface Claim {
  id: string;
  text: string;
  evidence: Evidence[];
}

export interface FrameworkPart {
  title: string;
  claims: Claim[];
}

/**
 * The interview note's answer framework (definition, why it matters, the four strategies) as a checklist: each claim
 * with the scenarios that support or refute it. Paraphrased by RunTwice; test/state/framework.test.ts checks every
 * verdict cited here against the catalogue's expectations.
 */
export const FRAMEWORK: FrameworkPart[] = [
  {
    title: 'Definition',
    claims: [
      {
        id: 'definition',
        text: 'An idempotent load leaves the same table however many times it runs on the same input.',
        evidence: [
          { scenario: 'crash-before-mark', lane: 'tracking-atomic', verdict: 'exactly-once', supports: true, note: 'the retry leaves 1,000 rows' },
          { scenario: 'crash-before-mark', lane: 'naive', verdict: 'duplicates', supports: false, note: 'a plain append is not idempotent: 2,000 rows' },
        ],
      },
    ],
  },
  {
    title: 'Why it matters',
    claims: [
      {
        id: 'retries',
        text: 'Schedulers retry: a job that dies half way runs again from the start, so every load must survive running twice.',
        evidence: [{ scenario: 'seed-800k', lane: 'naive', verdict: 'duplicates', supports: true, note: 'a crash at 800,000 rows and a retry: 1,800,000 rows' }],
      },
    ],
  },
  {
    title: 'Strategy 1: track processed files',
    claims: [
      {
        id: 'mark-after',
        text: 'Record each file as processed after loading it, and skip recorded files.',
        evidence: [
          { scenario: 'crash-before-mark', lane: 'tracking', verdict: 'duplicates', supports: false, note: 'a crash between the rows and the mark' },
          { scenario: 'error-handlers', lane: 'tracking', verdict: 'lost', supports: false, note: 'a FAILED mark is skipped too' },
        ],
      },
      {
        id: 'lock',
        text: 'An IN_PROGRESS status works as a lock.',
        evidence: [
          { scenario: 'seed-800k', lane: 'ingestor-lock', verdict: 'lost', supports: false, note: 'the crashed attempt’s claim stays: 200,000 keys never load' },
          { scenario: 'third-time-lucky', lane: 'ingestor-lock', verdict: 'lost', supports: false, note: 'the retry skips its own half-loaded file' },
        ],
      },
      {
        id: 'path-hash',
        text: 'A hash of the file path identifies a file.',
        evidence: [
          { scenario: 'same-content-new-name', lane: 'ingestor', verdict: 'duplicates', supports: false, note: 'the same rows under a new name load again' },
          { scenario: 'corrected-same-path', lane: 'ingestor', verdict: 'stale', supports: false, note: 'a correction under the same name is skipped' },
        ],
      },
      {
        id: 'atomic-content',
        text: 'Write the rows and the record in one transaction, keyed by a hash of the content.',
        evidence: [
          { scenario: 'crash-before-mark', lane: 'tracking-atomic', verdict: 'exactly-once', supports: true, note: 'the crash rolls both back' },
          { scenario: 'same-content-new-name', lane: 'tracking-atomic', verdict: 'exactly-once', supports: true, note: 'the same content is recognised' },
          { scenario: 'corrected-same-path', lane: 'tracking-atomic', verdict: 'duplicates', supports: false, note: 'a corrected file is new content: its keys arrive twice' },
        ],
      },
    ],
  },
  {
    title: 'Strategy 2: overwrite partitions',
    claims: [
      {
        id: 'overwrite',
        text: 'Overwriting the partitions a batch touches is naturally idempotent.',
        evidence: [
          { scenario: 'overwrite-window', lane: 'overwrite', verdict: 'exactly-once', supports: true, note: 'a re-run replaces what it wrote' },
          { scenario: 'late-record', lane: 'overwrite', verdict: 'lost', supports: false, note: 'a late record replaces a whole day' },
          { scenario: 'hourly-files-daily-partition', lane: 'overwrite', verdict: 'lost', supports: false, note: 'an hourly file replaces the daily partition' },
        ],
      },
    ],
  },
  {
    title: 'Strategy 3: MERGE on a key',
    claims: [
      {
        id: 'merge',
        text: 'A MERGE (upsert) on the key gives exactly-once results.',
        evidence: [
          { scenario: 'crash-before-mark', lane: 'merge', verdict: 'exactly-once', supports: true, note: 'the retry updates each key in place' },
          { scenario: 'duplicate-keys-first-batch', lane: 'merge', verdict: 'error', supports: false, note: 'a key twice in one batch: the MERGE is refused' },
          { scenario: 'corrections-out-of-order', lane: 'merge', verdict: 'stale', supports: false, note: 'an older correction arriving late wins' },
          { scenario: 'corrections-out-of-order', lane: 'merge-latest', verdict: 'exactly-once', supports: true, note: 'the fix: newest row per key, update only when newer' },
        ],
      },
    ],
  },
  {
    title: 'Strategy 4: insert only new keys (anti-join)',
    claims: [
      {
        id: 'anti-join',
        text: 'Inserting only the rows whose key is absent makes appends safe to repeat.',
        evidence: [
          { scenario: 'crash-before-mark', lane: 'anti-join', verdict: 'exactly-once', supports: true, note: 'the retry inserts nothing' },
          { scenario: 'duplicate-keys-first-batch', lane: 'anti-join', verdict: 'duplicates', supports: false, note: 'two rows of one new key in a batch both pass' },
          { scenario: 'corrected-same-path', lane: 'anti-join', verdict: 'stale', supports: false, note: 'a correction is never applied' },
        ],
      },
    ],
  },
  {
    title: 'The guarantee',
    claims: [
      {
        id: 'exactly-once',
        text: 'With these strategies the pipeline has exactly-once guarantees.',
        evidence: [
          { scenario: 'retries-run-out', lane: 'merge-latest', verdict: 'error', supports: false, note: 'when every retry fails, nothing is loaded at all' },
          { scenario: 'late-record', lane: 'overwrite-nonatomic', verdict: 'lost', supports: false, note: 'each strategy holds only for the inputs it assumes' },
        ],
      },
    ],
  },
];
