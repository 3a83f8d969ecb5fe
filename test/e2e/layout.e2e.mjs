// Issue 10, item 1: a screen that stays put. The page itself never scrolls (a wheel over the footer, the skip link,
// hidden helper text); only panels do. Presenter mode fits 1280×720 and 1024×768 with three lanes fully visible,
// charts scaled, the header collapsible, and Esc leaves it.
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

export const SIZES = [
  [1440, 900],
  [1280, 720],
  [1024, 768],
];

/** The document's size and scroll, and where the app's frame sits. */
const pageGeometry = (page) =>
  page.evaluate(() => {
    const d = document.documentElement;
    const app = document.querySelector('.app')?.getBoundingClientRect();
    return { sx: window.scrollX, sy: window.scrollY, sh: d.scrollHeight, sw: d.scrollWidth, h: window.innerHeight, w: window.innerWidth, appTop: app?.top, appScroll: document.querySelector('.app')?.scrollTop };
  });

function assertStill(g, what) {
  assert.equal(g.sy, 0, `${what}: the page did not scroll (${JSON.stringify(g)})`);
  assert.equal(g.sx, 0, `${what}: no sideways scroll`);
  assert.ok(g.sh <= g.h, `${what}: the document is no taller than the window (${g.sh} > ${g.h})`);
  assert.ok(g.sw <= g.w, `${what}: the document is no wider than the window`);
  assert.equal(g.appTop, 0, `${what}: the app's frame stays at the top`);
  assert.equal(g.appScroll, 0, `${what}: the app's frame does not scroll`);
}

describe('a screen that stays put', () => {
  for (const [width, height] of SIZES) {
    it(`the page never scrolls at ${width}×${height}: wheel over the footer, the skip link, hidden text`, async () => {
      const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce' });
      const { page } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context });
      await waitReady(page);
      assertStill(await pageGeometry(page), 'loaded');
      const footer = await page.locator('.app__footer').boundingBox();
      await page.mouse.move(footer.x + footer.width / 2, footer.y + footer.height / 2);
      await page.mouse.wheel(0, 1500);
      await page.waitForTimeout(200);
      assertStill(await pageGeometry(page), 'wheel over the footer');
      // the skip link: focused (it appears), then followed
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'app__skip-link');
      await page.mouse.move(10, 10);
      await page.mouse.wheel(0, 1500);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(200);
      assertStill(await pageGeometry(page), 'skip link');
      // the lanes panel does scroll (sideways, ten lanes)
      const lanes = page.locator('.lanes-view');
      await lanes.evaluate((el) => el.scrollBy(600, 0));
      assert.ok((await lanes.evaluate((el) => el.scrollLeft)) > 0, 'the lanes scroll inside their panel');
      assertStill(await pageGeometry(page), 'lanes scrolled');
      assert.deepEqual(page.errors, []);
      await context.close();
    });
  }

  for (const [width, height] of SIZES) {
    for (const scheme of ['light', 'dark']) {
      it(`presenter mode at ${width}×${height} (${scheme}): three lanes fully visible, charts scaled, Esc leaves`, async () => {
        const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce', colorScheme: scheme });
          const { page } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context });
        await waitReady(page);
        const chartBefore = await page.getByTestId('lane-chart-naive').boundingBox();
        await page.getByTestId('btn-presenter').click();
        await page.getByTestId('presenter-bar').waitFor();
        await page.getByTestId('btn-end').click();
        const columns = page.locator('.lanes-view > .lane-column');
        for (let i = 0; i < 3; i++) {
          const box = await columns.nth(i).boundingBox();
          assert.ok(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5, `lane ${i + 1} fully visible: ${JSON.stringify(box)}`);
          // and its chart whole inside it (a column squeezed to its title is "visible" too)
          const chart = await columns.nth(i).locator('svg[data-testid^="lane-chart-"]').boundingBox();
          assert.ok(chart && chart.height > 60 && chart.y >= box.y && chart.y + chart.height <= box.y + box.height + 0.5, `lane ${i + 1}'s chart inside it: ${JSON.stringify({ box, chart })}`);
        }
        const chartAfter = await page.getByTestId('lane-chart-naive').boundingBox();
        assert.ok(chartAfter.width > chartBefore.width * 0.99, `the chart is scaled with the column (${chartBefore.width} -> ${chartAfter.width})`);
        assert.equal(await page.locator('.lane-chooser').count(), 0, 'the chips are collapsed');
        assertStill(await pageGeometry(page), 'presenter');
        if (width === 1280) await shot(page, `presenter-1280x720-${scheme}`);
        // header and chips on demand, then collapsed again
        await page.getByTestId('btn-presenter-chrome').click();
        await page.locator('.lane-chooser').waitFor();
        await page.getByTestId('btn-presenter-chrome').click();
        await page.getByTestId('presenter-bar').waitFor();
        await page.locator('body').press('Escape');
        await page.locator('.header').waitFor();
        assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-presenter')), false);
        assert.deepEqual(page.errors, []);
        await context.close();
      });
    }
  }
});
