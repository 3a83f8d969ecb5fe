import { created } from '../custom/compile';
import { statementOf } from '../custom/language';
import { counted } from '../format';
import type { ValidationIssue } from '../issues';
import { zodIssues } from '../zodIssues';
import type { ExploreOptions, ExploreReport } from '../explore/types';
import type { FaultDoc, Verdict } from '../schema';
import type { Scenario } from '../validate';
import { challengeScenarios, customLaneSchema, scenarioWithLane, type ChallengeDoc, type CustomLaneDoc } from './format';

/** One schedule under which the lane did not end exactly-once (the grader CLI's `failures[i]`). */
export interface GradeFailure {
  /** `base` or a variant's name. */
  scenario: string;
  /** The schedule in words ("run 1 · attempt 1 · crash after 6 rows"; "no fault"). */
  schedule: string;
  /** The faults to replay it in the playground. */
  faults: FaultDoc[];
  verdict: Verdict;
  rows: number;
  duplicates: number;
  lost: number;
  stale: number;
  /** What went wrong, in one sentence. */
  message: string;
}

export interface GradeConstraint {
  name: string;
  ok: boolean;
  message: string;
}

/** The grader's verdict (`npm run -s grade -- … --json`). */
export interface GradeReport {
  challenge: string;
  passed: boolean;
  checked: { scenarios: number; schedules: number };
  /** Smallest counterexample first: fewest faults, then the base scenario before variants, then earliest. */
  failures: GradeFailure[];
  constraints: GradeConstraint[];
  /** When passed: the sentence that says what was proven. */
  certificate: string | null;
}

/** Plays one scenario under every schedule of the goal: the explorer, in-process, on threads or on Web Workers. */
export type ExploreFn = (scenario: Scenario, opts: ExploreOptions, cancelled?: () => boolean) => Promise<ExploreReport>;

/** Failures listed at most (the first is the smallest counterexample; `checked` says how many were played). */
export const MAX_FAILURES_LISTED = 50;

/** The constraints of the challenge, checked on the lane's text (no run needed). */
export function checkConstraints(c: ChallengeDoc, lane: CustomLaneDoc): GradeConstraint[] {
  const out: GradeConstraint[] = [];
  const { maxStatements, noUniqueIndexOnDest, unit } = c.constraints;
  if (maxStatements !== undefined) {
    const n = lane.sql.statements.length + (lane.sql.onError?.length ?? 0);
    out.push({ name: 'maxStatements', ok: n <= maxStatements, message: `${counted(n, 'statement')} (statements and onError); at most ${maxStatements} allowed` });
  }
  if (noUniqueIndexOnDest) {
    const unique = (lane.sql.setup ?? []).find((s) => {
      const made = created(s);
      return /^\s*CREATE\s+UNIQUE\b/i.test(s) && made.kind === 'INDEX' && made.on?.toLowerCase() === 'dest';
    });
    out.push({ name: 'noUniqueIndexOnDest', ok: !unique, message: unique ? `dest must stay without a unique index, like a Delta table: ${unique.trim()}` : 'dest has no unique index' });
  }
  if (unit) out.push({ name: 'unit', ok: lane.sql.unit === unit, message: `the lane must work per ${unit === 'file' ? 'file' : 'run'} ("unit": "${unit}"); it has "${lane.sql.unit}"` });
  return out;
}

const why = (r: { verdict: Verdict; duplicates: number; lost: number; stale: number; error: string | null }): string => {
  const parts: string[] = [];
  if (r.error) parts.push(`the run failed: ${r.error}`);
  if (r.duplicates) parts.push(`${counted(r.duplicates, 'duplicate row')}`);
  if (r.lost) parts.push(`${counted(r.lost, 'key')} lost`);
  if (r.stale) parts.push(`${counted(r.stale, 'key')} stale`);
  return parts.join('; ') || r.verdict;
};

/**
 * Grades a learner's lane against a challenge: the constraints on its text, then every scenario (the base and each
 * variant) under every schedule of the goal, through the explorer. Bad input (a lane that is not a valid custom lane
 * for one of the scenarios) comes back as errors with paths under the lane (`sql.statements[1]`).
 */
export async function gradeLane(
  c: ChallengeDoc,
  laneJson: unknown,
  exploreFn: ExploreFn,
  hooks: { onScenario?: (name: string, index: number, total: number) => void; cancelled?: () => boolean } = {},
): Promise<{ ok: true; report: GradeReport } | { ok: false; errors: ValidationIssue[] }> {
  const parsed = customLaneSchema.safeParse(laneJson);
  if (!parsed.success) return { ok: false, errors: zodIssues(parsed.error) };
  const lane = parsed.data;
  const scenarios = challengeScenarios(c);
  const prepared: { name: string; scenario: Scenario }[] = [];
  for (const s of scenarios) {
    const v = scenarioWithLane(s, lane);
    if (!v.ok) {
      const errors = v.errors.map((e) => ({ path: e.path[0] === 'lanes' ? e.path.slice(2) : ['scenario', ...e.path], message: s.name === 'base' ? e.message : `in variant "${s.name}": ${e.message}` }));
      return { ok: false, errors };
    }
    prepared.push({ name: s.name, scenario: v.scenario });
  }
  const constraints = checkConstraints(c, lane);
  const failures: (GradeFailure & { order: [number, number, number] })[] = [];
  let schedules = 0;
  for (const [si, { name, scenario }] of prepared.entries()) {
    hooks.onScenario?.(name, si, prepared.length);
    if (hooks.cancelled?.()) break;
    const report = await exploreFn(scenario, { depth: c.goal.depth, kinds: c.goal.kinds, lanes: [lane.id] }, hooks.cancelled);
    const results = report.lanes[lane.id]?.results ?? [];
    schedules += report.schedules.length;
    results.forEach((r, i) => {
      if (r.verdict === 'exactly-once') return;
      const sched = report.schedules[i];
      if (!sched) return;
      failures.push({
        scenario: name,
        schedule: sched.label,
        faults: sched.faults,
        verdict: r.verdict,
        rows: r.rows,
        duplicates: r.duplicates,
        lost: r.lost,
        stale: r.stale,
        message: why(r),
        order: [sched.faults.length, si, i],
      });
    });
  }
  failures.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2]);
  const passed = failures.length === 0 && constraints.every((k) => k.ok) && !hooks.cancelled?.();
  const faultsWord = c.goal.kinds.length === 2 ? 'crashes and errors' : c.goal.kinds[0] === 'crash' ? 'crashes' : 'errors';
  const certificate = passed
    ? `exactly-once under all ${counted(schedules, 'schedule')} (no fault, and every ${c.goal.depth === 1 ? 'single' : 'single and double'} fault: ${faultsWord}) on ${counted(prepared.length, 'scenario')}`
    : null;
  return {
    ok: true,
    report: {
      challenge: c.id,
      passed,
      checked: { scenarios: prepared.length, schedules },
      failures: failures.slice(0, MAX_FAILURES_LISTED).map(({ order: _order, ...f }) => f),
      constraints,
      certificate,
    },
  };
}

/** The lane's statements in a plain list (for messages and the challenge view). */
export const laneStatements = (lane: CustomLaneDoc): string[] => lane.sql.statements.map((s) => statementOf(s).sql);
