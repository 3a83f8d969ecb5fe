import { ERROR_CLASSES } from '../db/dialect';
import { z } from 'zod';
import { fmt, oneLine } from './format';
import { MAX_FAULTS, MAX_LINE_LENGTH, MAX_PATH_LENGTH, MAX_RUNS, MAX_STORY_LENGTH } from './limits';

/** The ten lane patterns of PATTERNS.md, in their canonical display order. */
export const PATTERN_IDS = [
  'naive',
  'tracking',
  'ingestor',
  'ingestor-lock',
  'tracking-atomic',
  'overwrite',
  'overwrite-nonatomic',
  'merge',
  'merge-latest',
  'anti-join',
] as const;
export type PatternId = (typeof PATTERN_IDS)[number];

/** Patterns that need `table.partitionBy`. */
export const PARTITIONED_PATTERNS: readonly PatternId[] = ['overwrite', 'overwrite-nonatomic'];

export const SCENARIO_FORMAT = 'runtwice/scenario@1';

/** A text of at most `max` characters, refused beyond with the bound in the message. */
const bounded = (max: number) => z.string().max(max, `longer than the limit of ${fmt(max)} characters`);
/** A one-line text: a title, a summary, a label. */
const line = bounded(MAX_LINE_LENGTH);

const columnType = z.enum(['INTEGER', 'TEXT', 'REAL']);
const cellValue = z.union([z.number(), z.string()]);
const ident = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*)');

const rowBlock = z.union([
  z.strictObject({
    ids: z.tuple([z.number().int(), z.number().int()]),
    values: z.record(z.string(), cellValue),
  }),
  z.strictObject({ row: z.record(z.string(), cellValue) }),
]);

const fileSchema = z.strictObject({
  path: bounded(MAX_PATH_LENGTH).min(1),
  rows: z.array(rowBlock),
});

const fileMoment = z.enum(['write', 'delete']);
const momentSchema = z.union([
  z.strictObject({ afterRows: z.number().int().min(1) }),
  z.strictObject({ before: z.literal('write'), file: z.string().optional() }),
  z.strictObject({ after: fileMoment, file: z.string().optional() }),
  z.strictObject({ before: z.literal('commit') }),
]);

/** What a lane may be, for the messages that refuse one: the names themselves, so nobody has to look them up. */
const LANE_FORMS = `a lane name (${PATTERN_IDS.join(', ')}) or {"id": [a-z0-9-]+, "pattern": a lane name}`;

const laneSchema = z.union(
  [
    z.enum(PATTERN_IDS),
    z.strictObject({
      id: z.string().regex(/^[a-z0-9-]+$/, 'lane ids must match [a-z0-9-]+'),
      pattern: z.string(),
      sql: z.unknown().optional(),
      label: line.optional(),
    }),
  ],
  {
    error: (issue) =>
      typeof issue.input === 'string'
        ? `unknown lane "${oneLine(issue.input.slice(0, 60))}": must be ${LANE_FORMS}`
        : `must be ${LANE_FORMS}`,
  },
);

/**
 * A race (an extension, scenarios/RACES.md): a second runner on its own connection to the lane's database, running
 * this run again (`same`: the scheduler fires twice) or the next run (`next`: the next run starts while this one is
 * mid-flight), started after the first runner's `after` steps and interleaved step by step by `order`.
 */
const raceSchema = z.strictObject({
  second: z.enum(['same', 'next']),
  after: z.number().int().min(0).max(100_000).default(0),
  order: z
    .union([z.literal('alternate'), z.string().regex(/^[12]{1,10000}$/, 'an order is "alternate", a string of 1s and 2s, or {"seed": N}'), z.strictObject({ seed: z.number().int() })])
    .default('alternate'),
});

const attemptExpect = z.strictObject({
  run: z.number().int().min(1),
  attempt: z.number().int().min(1),
  outcome: z.enum(['ok', 'crash', 'error']),
  rows: z.number().int().min(0),
  /** In a race: which runner made the attempt (1: the run's own, 2: the second). */
  runner: z.union([z.literal(1), z.literal(2)]).optional(),
});

const VERDICTS = ['exactly-once', 'error', 'lost', 'duplicates', 'stale'] as const;
const PROBLEMS = ['error', 'lost', 'duplicates', 'stale'] as const;

const laneExpect = z.strictObject({
  rows: z.number().int().min(0).optional(),
  duplicates: z.number().int().min(0).optional(),
  lost: z.number().int().min(0).optional(),
  stale: z.number().int().min(0).optional(),
  error: z.string().nullable().optional(),
  /** The error's class instead of its text, so the expectation holds on every engine (an extension, see ARCHITECTURE.md). */
  errorClass: z.enum(ERROR_CLASSES).nullable().optional(),
  verdict: z.enum(VERDICTS).optional(),
  problems: z.array(z.enum(PROBLEMS)).optional(),
  attempts: z.array(attemptExpect).optional(),
});

/** The structural schema; cross-references are checked in `validateScenario`. */
export const scenarioSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT),
  id: z.string().regex(/^[a-z0-9-]+$/, 'must match [a-z0-9-]+'),
  title: line.min(1),
  summary: line,
  story: bounded(MAX_STORY_LENGTH),
  table: z.strictObject({
    columns: z.record(ident, columnType),
    key: z.array(z.string()).min(1),
    partitionBy: z.string().optional(),
    orderBy: z.string().optional(),
  }),
  files: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'file ids are [A-Za-z0-9_.-]+'), fileSchema),
  runs: z
    .array(z.strictObject({ input: z.array(z.string()).min(1), label: line.optional(), race: raceSchema.optional() }))
    .min(1)
    .max(MAX_RUNS, `more than the limit of ${fmt(MAX_RUNS)} runs`),
  faults: z
    .array(
      z.strictObject({
        run: z.number().int().min(1),
        attempt: z.number().int().min(1).default(1),
        kind: z.enum(['crash', 'error']),
        at: momentSchema,
      }),
    )
    .max(MAX_FAULTS, `more than the limit of ${fmt(MAX_FAULTS)} faults`)
    .default([]),
  retry: z.strictObject({ maxAttempts: z.number().int().min(1).max(20) }).default({ maxAttempts: 3 }),
  lanes: z.array(laneSchema).min(1).optional(),
  expect: z.record(z.string(), laneExpect).optional(),
  /** Optional UI state carried by share links (cursor, chosen lanes); ignored by the engine. */
  view: z.strictObject({ step: z.number().int().min(0).optional(), lanes: z.array(z.string()).optional() }).optional(),
});

export type ScenarioDoc = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ColumnType = z.infer<typeof columnType>;
export type CellValue = z.infer<typeof cellValue>;
export type RowBlock = z.infer<typeof rowBlock>;
export type FaultMoment = z.infer<typeof momentSchema>;
export type FaultDoc = ScenarioDoc['faults'][number];
export type LaneDoc = z.infer<typeof laneSchema>;
export type LaneExpect = z.infer<typeof laneExpect>;
export type RaceDoc = z.output<typeof raceSchema>;
export type Verdict = (typeof VERDICTS)[number];
export type Problem = (typeof PROBLEMS)[number];
