import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { nodeBackend } from '../../src/db/nodeBackend';
import { PATTERN_IDS } from '../../src/engine/schema';
import { formatIssue, parseScenarioText } from '../../src/engine/validate';

const dir = join(__dirname, '../../scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('the scenario catalogue', () => {
  it('has at least 14 scenarios with unique ids matching their file names', () => {
    expect(files.length).toBeGreaterThanOrEqual(14);
    const ids = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).id as string);
    expect(new Set(ids).size).toBe(ids.length);
    files.forEach((f, i) => expect(f).toBe(`${f.slice(0, 3)}${ids[i]}.json`));
  });

  it.each(files)('%s validates, expects every lane it runs, and meets its expectations through the CLI', async (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(parsed.errors.map(formatIssue).join('\n'));
    for (const lane of parsed.scenario.lanes) expect(parsed.scenario.expect?.[lane.id], `expect for ${lane.id}`).toBeDefined();
    expect(parsed.scenario.story.length).toBeGreaterThan(200);
    let out = '';
    let err = '';
    const code = await runCli([join(dir, file), '--json'], nodeBackend, { out: (s) => (out += s), err: (s) => (err += s), readFile: (p) => readFileSync(p, 'utf8') });
    const report = JSON.parse(out);
    expect(report.expect.failures).toEqual([]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(Object.keys(report.lanes)).toEqual(parsed.scenario.lanes.map((l) => l.id));
  });

  it('the headline shows exactly the numbers of PATTERNS.md', async () => {
    let out = '';
    const headline = files.find((f) => f.includes('seed-800k')) as string;
    await runCli([join(dir, headline), '--json'], nodeBackend, { out: (s) => (out += s), err: () => {}, readFile: (p) => readFileSync(p, 'utf8') });
    const lanes = JSON.parse(out).lanes;
    for (const l of ['naive', 'tracking', 'ingestor']) expect(lanes[l]).toMatchObject({ rows: 1_800_000, duplicates: 800_000, lost: 0 });
    expect(lanes['ingestor-lock']).toMatchObject({ rows: 800_000, lost: 200_000 });
    for (const l of PATTERN_IDS.filter((p) => !['naive', 'tracking', 'ingestor', 'ingestor-lock'].includes(p)))
      expect(lanes[l], l).toMatchObject({ rows: 1_000_000, verdict: 'exactly-once' });
    expect(lanes['overwrite-nonatomic'].attempts[0]).toEqual({ run: 1, attempt: 1, outcome: 'crash', rows: 800_000 });
  }, 180_000);
});
