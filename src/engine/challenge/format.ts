import { z } from 'zod';
import { formatIssue, type ValidationIssue } from '../issues';
import { zodIssues } from '../zodIssues';
import { MAX_LINE_LENGTH, MAX_STORY_LENGTH } from '../limits';
import { customSqlSchema } from '../custom/language';
import { validateScenario, type Scenario } from '../validate';
import { mergePatch } from './mergePatch';

/**
 * A challenge (`runtwice/challenge@1`, challenges/FORMAT.md): a scenario, a goal the learner's lane must reach under
 * every fault the explorer can place, constraints on the lane, variants of the scenario the lane must also survive,
 * a starter lane that fails, hints, and a reference solution.
 */
export const CHALLENGE_FORMAT = 'runtwice/challenge@1';

const slug = z.string().regex(/^[a-z0-9-]+$/, 'must match [a-z0-9-]+');
const line = z.string().max(MAX_LINE_LENGTH, `longer than the limit of ${MAX_LINE_LENGTH} characters`);

/** A custom lane as the scenario format writes it. */
export const customLaneSchema = z.strictObject({
  id: slug,
  pattern: z.literal('custom', { error: 'a challenge lane is a custom lane: "pattern": "custom"' }),
  label: line.optional(),
  sql: customSqlSchema,
});
export type CustomLaneDoc = z.input<typeof customLaneSchema>;

export const challengeSchema = z.strictObject({
  format: z.literal(CHALLENGE_FORMAT),
  id: slug,
  /** Position on the ladder (1 = first). */
  level: z.number().int().min(1),
  title: line.min(1),
  summary: line,
  /** Markdown: the situation and what to achieve. */
  story: z.string().max(MAX_STORY_LENGTH),
  /** A runtwice/scenario@1 document; its `lanes`, `faults`, `expect` and `view` are ignored (the grader sets them). */
  scenario: z.record(z.string(), z.unknown()),
  goal: z
    .strictObject({
      /** 1: every single crash and error; 2: also every second fault after each first one. */
      depth: z.union([z.literal(1), z.literal(2)]).default(1),
      kinds: z.array(z.enum(['crash', 'error'])).min(1).default(['crash', 'error']),
    })
    .default({ depth: 1, kinds: ['crash', 'error'] }),
  constraints: z
    .strictObject({
      /** At most this many statements (statements + onError; setup and skip not counted). */
      maxStatements: z.number().int().min(1).optional(),
      /** `dest` gets no unique index (a Delta or Iceberg table has none to lean on). */
      noUniqueIndexOnDest: z.boolean().optional(),
      /** The lane must work per file or per run. */
      unit: z.enum(['file', 'run']).optional(),
    })
    .default({}),
  /** Other versions of the scenario the lane must also pass: a JSON Merge Patch (RFC 7386) of `scenario` each. */
  variants: z.array(z.strictObject({ name: slug, label: line, patch: z.record(z.string(), z.unknown()) })).max(10).default([]),
  starter: customLaneSchema,
  hints: z.array(z.string().max(2_000)).default([]),
  solution: customLaneSchema,
  /** What the reference solution teaches, in one or two sentences (shown with it). */
  lesson: z.string().max(2_000),
});

export type ChallengeDoc = z.output<typeof challengeSchema>;

/** One scenario the grader plays: the base (`name` "base") or a variant. */
export interface ChallengeScenario {
  name: string;
  label: string;
  doc: Record<string, unknown>;
}

/** The base scenario and each variant, as documents without lanes, faults or expectations. */
export function challengeScenarios(c: ChallengeDoc): ChallengeScenario[] {
  const base = { ...c.scenario };
  for (const k of ['lanes', 'faults', 'expect', 'view']) delete base[k];
  return [
    { name: 'base', label: 'the scenario as told', doc: base },
    ...c.variants.map((v) => ({ name: v.name, label: v.label, doc: mergePatch(base, v.patch) as Record<string, unknown> })),
  ];
}

/** A scenario of the challenge with one lane and no faults, validated; errors keep their paths inside that scenario. */
export function scenarioWithLane(s: ChallengeScenario, lane: unknown): { ok: true; scenario: Scenario } | { ok: false; errors: ValidationIssue[] } {
  const v = validateScenario({ ...s.doc, lanes: [lane], faults: [] });
  return v.ok ? { ok: true, scenario: v.scenario } : { ok: false, errors: v.errors };
}

/** Validates a challenge: its shape, then its scenario and every variant with the starter and the solution in them. */
export function validateChallenge(json: unknown): { ok: true; challenge: ChallengeDoc } | { ok: false; errors: ValidationIssue[] } {
  const parsed = challengeSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: zodIssues(parsed.error) };
  const c = parsed.data;
  const errors: ValidationIssue[] = [];
  const names = new Set<string>(['base']);
  c.variants.forEach((v, i) => {
    if (names.has(v.name)) errors.push({ path: ['variants', i, 'name'], message: `duplicate variant name "${v.name}"` });
    names.add(v.name);
  });
  for (const [i, s] of challengeScenarios(c).entries()) {
    const at = i === 0 ? ['scenario'] : ['variants', i - 1, 'patch'];
    for (const lane of ['starter', 'solution'] as const) {
      const v = scenarioWithLane(s, c[lane]);
      if (!v.ok) for (const e of v.errors) errors.push({ path: e.path[0] === 'lanes' ? [lane, ...e.path.slice(2)] : [...at, ...e.path], message: `${i === 0 ? '' : `variant "${s.name}": `}${e.message}` });
    }
  }
  // one message per path: the starter and the solution report a scenario problem twice
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const k = formatIssue(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return unique.length ? { ok: false, errors: unique } : { ok: true, challenge: c };
}
