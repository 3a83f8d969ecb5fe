import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FRAMEWORK } from '../../src/state/framework';

const DIR = new URL('../../scenarios/', import.meta.url);
const expects = new Map<string, Record<string, { verdict?: string }>>();
for (const f of readdirSync(DIR).filter((x) => x.endsWith('.json'))) {
  const doc = JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as { id: string; expect?: Record<string, { verdict?: string }> };
  expects.set(doc.id, doc.expect ?? {});
}

// Every sentence the checklist says about a scenario must be what that scenario's expect states.
describe('the answer framework checklist', () => {
  it('cites only catalogue scenarios, with the verdicts their expect states', () => {
    const claims = FRAMEWORK.flatMap((p) => p.claims);
    expect(claims.length).toBeGreaterThanOrEqual(8);
    for (const c of claims) {
      expect(c.evidence.length, c.id).toBeGreaterThan(0);
      for (const e of c.evidence) {
        const lanes = expects.get(e.scenario);
        expect(lanes, `${c.id}: ${e.scenario}`).toBeDefined();
        expect(lanes?.[e.lane]?.verdict, `${c.id}: ${e.scenario} ${e.lane}`).toBe(e.verdict);
        // a claim is supported by exactly-once lanes and refuted by the others
        expect(e.supports, `${c.id}: ${e.scenario} ${e.lane}`).toBe(e.verdict === 'exactly-once' || (c.id === 'retries' && e.verdict === 'duplicates'));
      }
    }
  });
  it('covers the definition, why it matters and the four strategies', () => {
    const titles = FRAMEWORK.map((p) => p.title).join(' | ');
    for (const t of [/Definition/, /Why it matters/, /Strategy 1/, /Strategy 2/, /Strategy 3/, /Strategy 4/]) expect(titles).toMatch(t);
  });
});
