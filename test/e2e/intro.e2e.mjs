// Issue 10, item 2 (the 5): start here. A first visit opens a short introduction (skippable, remembered,
// reachable again from Help); a chart legend; no spoilers at step 0 (step texts, the chart's axis) and "in progress"
// rather than "lost" between attempts.
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

const SIZES = [
  [1440, 900],
  [1280, 720],
  [1024, 768],
];

describe('start here', () => {
  for (const [width, height] of SIZES) {
    it(`a first visit at ${width}×${height} opens the introduction, which fits, is skippable, remembered and back from Help`, async () => {
      const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce' });
      const { page } = await newPage(browser, BASE, { context, firstVisit: true });
      const intro = page.getByTestId('intro');
      await intro.waitFor();
      const text = (await intro.textContent()) ?? '';
      for (const topic of [/idempotent/i, /lane/i, /scoreboard/i, /cursor/i, /crash here/i]) assert.match(text, topic);
      // under a minute: at most ~200 words at a reading pace of 250 a minute (the legend folded)
      const words = await intro.evaluate((el) => [...el.querySelectorAll('.intro section')].map((s) => s.textContent).join(' ').split(/\s+/).filter(Boolean).length);
      assert.ok(words <= 200, `${words} words`);
      const box = await intro.boundingBox();
      assert.ok(box.y >= 0 && box.y + box.height <= height, `the introduction fits the window: ${JSON.stringify(box)}`);
      if (width === 1280) {
        await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
        await shot(page, 'first-visit-1280x720-light');
        await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
        await shot(page, 'first-visit-1280x720-dark');
        await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
      }
      await page.getByTestId('intro-skip').click();
      await intro.waitFor({ state: 'detached' });
      await waitReady(page);
      await page.reload();
      await waitReady(page);
      assert.equal(await page.getByTestId('intro').count(), 0, 'not shown again after a reload');
      await page.getByTestId('btn-help').click();
      await page.getByTestId('btn-intro').click();
      await intro.waitFor();
      await page.keyboard.press('Escape');
      await intro.waitFor({ state: 'detached' });
      assert.deepEqual(page.errors, []);
      await context.close();
    });
  }

  for (const [width, height] of SIZES) {
    it(`no spoilers at ${width}×${height}: at step 0 no future step text, an axis without the final total; a legend`, async () => {
      const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce' });
      const { page } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context });
      await waitReady(page);
      await page.getByTestId('btn-reset').click();
      const labels = await page.locator('[data-testid="lane-naive"] .step-list__label').allTextContents();
      assert.ok(labels.length > 10);
      for (const l of labels) assert.match(l, /not run yet/, `step text hidden at step 0: ${l}`);
      // naive ends with 2,000 rows against a truth of 1,000: its axis at step 0 must not reach 2,000
      const ticksAt0 = await page.locator('[data-testid="lane-chart-naive"] .tick text').allTextContents();
      assert.ok(!ticksAt0.some((t) => /^2(\.\d)?k$|^2,000$/.test(t.trim())), `axis at step 0: ${ticksAt0.join(' ')}`);
      await page.getByTestId('btn-end').click();
      const ticksAtEnd = await page.locator('[data-testid="lane-chart-naive"] .tick text').allTextContents();
      assert.ok(ticksAtEnd.some((t) => /^2(\.\d)?k$|^2,000$/.test(t.trim())), `axis at the end: ${ticksAtEnd.join(' ')}`);
      // (the list, below its column's fold, catches up once scrolled to: useHeldOutOfSight)
      await page.locator('[data-testid="lane-naive"] ol.step-list').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="lane-naive"] .step-list__label')].every((l) => !/not run yet/.test(l.textContent ?? '')), null, { timeout: 5000 });
      const seen = await page.locator('[data-testid="lane-naive"] .step-list__label').allTextContents();
      assert.ok(seen.every((l) => !/not run yet/.test(l)), 'every step shown at the end');
      // the chart legend
      await page.locator('.app__legend summary').click();
      const legend = (await page.getByTestId('chart-legend').first().textContent()) ?? '';
      for (const w of [/truth/, /attempt 1/, /crash/, /first duplicate/, /transaction/, /cursor/]) assert.match(legend, w);
      assert.deepEqual(page.errors, []);
      await context.close();
    });
  }

  it('between attempts the badges say in progress, not lost (scenario 16, at its crash)', async () => {
    const { page, context } = await newPage(browser, `${BASE}?scenario=crash-before-commit`);
    await waitReady(page);
    await page.getByTestId('btn-reset').click();
    await page.getByTestId('btn-next-event').click();
    const badges = await page.locator('[data-testid^="badge-"]').allTextContents();
    assert.ok(badges.length > 0);
    for (const b of badges) assert.doesNotMatch(b, /lost/, `interim badge: ${b}`);
    assert.ok(badges.some((b) => /in progress/.test(b)), badges.join(' | '));
    await page.getByTestId('btn-end').click();
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
