// Issue 10, done when: an axe-core scan of the main states reports no serious or critical violation (the suite; the
// a11y-*.e2e.mjs files run it per theme).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { BASE, launch, newPage, waitReady } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Serious and critical violations, one line each (rule, impact, the first few targets). */
async function scan(page, state) {
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${state}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}${v.nodes[0]?.failureSummary ? ` — ${v.nodes[0].failureSummary.split('\n')[1] ?? ''}` : ''}`);
}

/** One test per file (a full scan of every state takes minutes on a busy machine; the runner gives a file 4). */
export function a11ySuite(schemes) {
describe('accessibility (axe-core)', () => {
  for (const scheme of schemes) {
    it(`the main states have no serious or critical violation (${scheme}, 1280×720)`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce', colorScheme: scheme });
      const { page } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context, firstVisit: true });
      const found = [];
      await page.getByTestId('intro').waitFor();
      await waitReady(page);
      found.push(...(await scan(page, 'first visit')));
      await page.getByTestId('intro-skip').click();
      found.push(...(await scan(page, 'step 0')));
      await page.getByTestId('btn-next-event').click();
      found.push(...(await scan(page, 'at the crash')));
      await page.getByTestId('btn-end').click();
      found.push(...(await scan(page, 'at the end')));
      await page.getByTestId('btn-help').click();
      found.push(...(await scan(page, 'help')));
      await page.keyboard.press('Escape');
      await page.getByTestId('sql-console-naive').click();
      await page.getByTestId('btn-run-sql-naive').click();
      await page.getByTestId('sql-result-naive').waitFor();
      found.push(...(await scan(page, 'SQL console')));
      await page.getByRole('button', { name: /Close the SQL console/ }).click();
      await page.getByTestId('btn-practice').click();
      await page.getByTestId('btn-end').click();
      await page.getByTestId('practice-question').waitFor();
      found.push(...(await scan(page, 'practice question')));
      await page.getByTestId('btn-framework').click();
      await page.getByTestId('framework').waitFor();
      found.push(...(await scan(page, 'answer framework')));
      await page.keyboard.press('Escape');
      await page.getByTestId('btn-practice').click();
      await page.getByTestId('btn-presenter').click();
      await page.getByTestId('presenter-bar').waitFor();
      found.push(...(await scan(page, 'presenter')));
      assert.deepEqual(found, []);
      assert.deepEqual(page.errors, []);
      await context.close();
    });
  }
});
}
