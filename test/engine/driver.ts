import { expect } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { LaneMetrics } from '../../src/engine/metrics';
import type { FaultDoc, FaultMoment, LaneExpect, ScenarioInput } from '../../src/engine/schema';
import { Simulation } from '../../src/engine/simulation';
import type { TraceEvent } from '../../src/engine/trace';
import { formatIssue, validateScenario } from '../../src/engine/validate';

/** A small scenario: `files` rows given as [id, partition, value, updatedAt]. */
export function scenario(parts: {
  files: Record<string, { path?: string; rows: [number, string, number, number][] }>;
  runs: string[][];
  faults?: ScenarioInput['faults'];
  maxAttempts?: number;
  orderBy?: boolean;
}): ScenarioInput {
  return {
    format: 'runtwice/scenario@1',
    id: 'test',
    title: 'test',
    summary: '',
    story: '',
    table: {
      columns: { id: 'INTEGER', day: 'TEXT', amount: 'INTEGER', updated_at: 'INTEGER' },
      key: ['id'],
      partitionBy: 'day',
      ...(parts.orderBy === false ? {} : { orderBy: 'updated_at' }),
    },
    files: Object.fromEntries(
      Object.entries(parts.files).map(([id, f]) => [
        id,
        {
          path: f.path ?? `landing/${id}.csv`,
          rows: f.rows.map(([i, day, amount, updated_at]) => ({ row: { id: i, day, amount, updated_at } })),
        },
      ]),
    ),
    runs: parts.runs.map((input) => ({ input })),
    faults: parts.faults ?? [],
    retry: { maxAttempts: parts.maxAttempts ?? 3 },
  };
}

/**
 * Chainable test driver for one lane:
 * `sim(doc).lane('naive').crashAt({ afterRows: 800 }).runToEnd()` then `.expect({...})`, `.trace`, `.metrics`.
 */
export function sim(doc: ScenarioInput) {
  let laneId = 'naive';
  const faults: FaultDoc[] = [];
  const api = {
    lane(id: string) {
      laneId = id;
      return api;
    },
    crashAt(at: FaultMoment, run = 1, attempt = 1) {
      faults.push({ run, attempt, kind: 'crash', at });
      return api;
    },
    errorAt(at: FaultMoment, run = 1, attempt = 1) {
      faults.push({ run, attempt, kind: 'error', at });
      return api;
    },
    async runToEnd() {
      const v = validateScenario({ ...doc, faults: [...(doc.faults ?? []), ...faults] });
      if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
      const s = await Simulation.create(await nodeBackend(), v.scenario, [laneId], { interactive: false });
      await s.runToEnd();
      const lane = s.lane(laneId);
      const result = {
        metrics: lane.metrics as LaneMetrics,
        trace: lane.trace as TraceEvent[],
        expect(want: LaneExpect & { attemptsRows?: number[] }) {
          const { attemptsRows, ...rest } = want;
          for (const [k, v] of Object.entries(rest)) expect(result.metrics[k as keyof LaneMetrics], `${laneId}.${k}`).toEqual(v);
          if (attemptsRows) expect(result.metrics.attempts.map((a) => a.rows), `${laneId} attempts rows`).toEqual(attemptsRows);
          return result;
        },
      };
      await s.close();
      return result;
    },
  };
  return api;
}
