import type { LaneMetrics } from './metrics';
import type { LaneExpect } from './schema';

/** Compares a lane's metrics with what the scenario expects; returns one readable line per mismatch. */
export function checkLaneExpect(laneId: string, exp: LaneExpect, got: LaneMetrics | undefined): string[] {
  if (!got) return [`${laneId}: lane did not run`];
  const out: string[] = [];
  for (const k of ['rows', 'duplicates', 'lost', 'stale', 'verdict', 'error', 'errorClass'] as const) {
    const want = exp[k];
    if (want !== undefined && want !== got[k]) out.push(`${laneId}.${k}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got[k])}`);
  }
  if (exp.problems && JSON.stringify([...exp.problems].sort()) !== JSON.stringify([...got.problems].sort()))
    out.push(`${laneId}.problems: expected ${JSON.stringify(exp.problems)}, got ${JSON.stringify(got.problems)}`);
  exp.attempts?.forEach((want, i) => {
    // in a race two runners make "run 1, attempt 1": an expectation that names its runner means that one
    const have = got.attempts.find((a) => a.run === want.run && a.attempt === want.attempt && (want.runner === undefined || (a.runner ?? 1) === want.runner));
    const who = want.runner ? ` (runner ${want.runner})` : '';
    if (!have) out.push(`${laneId}.attempts[${i}]: run ${want.run} attempt ${want.attempt}${who} did not happen`);
    else if (have.outcome !== want.outcome || have.rows !== want.rows)
      out.push(`${laneId}.attempts[${i}]: expected ${want.outcome} with ${want.rows} rows, got ${have.outcome} with ${have.rows} rows`);
  });
  return out;
}

/** Checks every lane's expectations. */
export function checkExpect(
  expect: Record<string, LaneExpect> | undefined,
  lanes: Record<string, LaneMetrics>,
): { ok: boolean; failures: string[] } {
  const failures = Object.entries(expect ?? {}).flatMap(([id, exp]) => (Object.hasOwn(lanes, id) ? checkLaneExpect(id, exp, lanes[id]) : []));
  return { ok: failures.length === 0, failures };
}
