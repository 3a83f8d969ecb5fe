import { describe, it } from 'vitest';

/**
 * The PostgreSQL server the tests run against: `RUNTWICE_PG_URL` (`npm run pg:test` and `.ci/run` start a throwaway
 * one and set it). Without it the PostgreSQL tests are skipped, and say so; with `RUNTWICE_REQUIRE_PG=1` (CI) a
 * missing server is a failure instead.
 */
export const PG_URL = process.env.RUNTWICE_PG_URL ?? '';
export const PG_REQUIRED = process.env.RUNTWICE_REQUIRE_PG === '1';

export const SKIP_REASON = 'skipped: no PostgreSQL server (set RUNTWICE_PG_URL, or run `npm run pg:test`, which starts one)';

// said once per PostgreSQL test file, so a run without a server says what it did not test
if (!PG_URL && !PG_REQUIRED) console.warn(`PostgreSQL tests ${SKIP_REASON}`);

/** A describe block that needs the server: skipped (with the reason in its name) without one, failed when one is required. */
export function describePg(name: string, body: () => void): void {
  if (!PG_URL && PG_REQUIRED) {
    describe(name, () => {
      it('needs a PostgreSQL server: RUNTWICE_REQUIRE_PG=1 but RUNTWICE_PG_URL is not set', () => {
        throw new Error('RUNTWICE_REQUIRE_PG=1: the PostgreSQL tests must run, but RUNTWICE_PG_URL is not set');
      });
    });
    return;
  }
  describe.skipIf(!PG_URL)(PG_URL ? name : `${name} — ${SKIP_REASON}`, body);
}
