// Issue 10, done when: a "why" sentence with its steps lit, at 1280×720 in both themes (a screenshot to look at), and
// the step a why button selects is lit in its list and its program line at the same time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, launch, newPage, shot, waitReady } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('a why sentence with its steps lit', () => {
  for (const scheme of ['light', 'dark']) {
    it(`at 1280×720 (${scheme}): a why step lights the step and its program line`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce', colorScheme: scheme });
      const { page } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context });
      await waitReady(page);
      await page.getByTestId('btn-end').click();
      // at the end the sentence's steps are lit in the lane's list (brought into its column's view: a list below the
      // column's fold shows the step it showed last, see useHeldOutOfSight)
      await page.locator('[data-testid="lane-tracking"] ol.step-list').scrollIntoViewIfNeeded();
      const cited = page.locator('[data-testid="lane-tracking"] li.step-list__item--cited');
      await cited.first().waitFor();
      assert.ok((await cited.count()) >= 2, 'the cited steps are lit');
      assert.match((await page.getByTestId('why-tracking').textContent()) ?? '', /nothing marked .* done before the crash/);
      await cited.first().evaluate((el) => {
        const list = el.closest('.step-list');
        list.scrollTop = el.offsetTop - 20;
      });
      // on a 720 px screen the lane's list is below its chart: bring it into the lanes' view (the page stays put)
      await cited.first().scrollIntoViewIfNeeded();
      await shot(page, `why-lit-1280x720-${scheme}`);
      const buttons = page.locator('[data-testid^="why-step-tracking-"]');
      assert.ok((await buttons.count()) >= 2);
      const id = await buttons.first().getAttribute('data-testid');
      const step = Number(id.replace('why-step-tracking-', ''));
      await buttons.first().click();
      await page.locator(`li.step-list__item--selected:has([data-testid="step-tracking-${step}"])`).waitFor({ timeout: 5000 });
      assert.equal(await page.getByTestId('program-line-tracking').count(), 1);
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      assert.deepEqual(page.errors, []);
      await context.close();
    });
  }
});
