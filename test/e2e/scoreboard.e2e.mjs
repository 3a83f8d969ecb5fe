// The scoreboard: every lane's verdict at a glance above the columns, at projector and laptop widths, in both themes,
// without scrolling the page; and the why sentence of a lane, whose step buttons select the steps it cites.
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
  [1024, 768],
  [1280, 720],
  [1440, 900],
];

describe('scoreboard', () => {
  for (const [width, height] of SIZES) {
    for (const scheme of ['light', 'dark']) {
      it(`every lane's verdict is visible at ${width}×${height} (${scheme}) without scrolling the page`, async () => {
        const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce', colorScheme: scheme });
        const { page } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context });
        await waitReady(page);
        await page.getByTestId('btn-end').click();
        const lanes = await page.locator('[data-testid^="score-badge-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
        assert.equal(lanes.length, 10);
        for (const id of lanes) {
          const box = await page.getByTestId(id).boundingBox();
          assert.ok(box && box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width, `${id} in view: ${JSON.stringify(box)}`);
        }
        assert.match((await page.getByTestId('score-badge-naive').textContent()) ?? '', /dup 1,000/);
        assert.match((await page.getByTestId('score-badge-tracking-atomic').textContent()) ?? '', /exactly-once/);
        const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY, w: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
        assert.equal(scroll.x, 0);
        assert.equal(scroll.y, 0);
        assert.ok(scroll.w <= scroll.cw, `the page does not scroll sideways: ${JSON.stringify(scroll)}`);
        await shot(page, `scoreboard-${width}x${height}-${scheme}`);
        assert.deepEqual(page.errors, []);
        await context.close();
      });
    }
  }

  it('at the end of scenario 02 naive says why, names the duplicates, and its step buttons select the steps', async () => {
    const { page, context } = await newPage(browser, `${BASE}?scenario=crash-before-mark`);
    await waitReady(page);
    await page.getByTestId('btn-end').click();
    const why = (await page.getByTestId('why-naive').textContent()) ?? '';
    assert.match(why, /1,000 duplicate rows/);
    assert.match(why, /nothing marked .* done before the crash/);
    const buttons = page.locator('[data-testid^="why-step-naive-"]');
    assert.ok((await buttons.count()) >= 2);
    const id = await buttons.nth(1).getAttribute('data-testid');
    const step = Number(id.replace('why-step-naive-', ''));
    await buttons.nth(1).click();
    await page.locator(`li.step-list__item--selected:has([data-testid="step-naive-${step}"])`).waitFor({ timeout: 5000 });
    // clicking a lane in the scoreboard scrolls its column into view inside the lanes (the page stays put)
    await page.getByRole('button', { name: 'anti-join', exact: true }).click();
    await page.waitForTimeout(400);
    const box = await page.getByTestId('lane-anti-join').boundingBox();
    assert.ok(box && box.x >= 0 && box.x < 1280, `anti-join in view: ${JSON.stringify(box)}`);
    assert.equal(await page.evaluate(() => window.scrollX), 0);
    await shot(page, 'scoreboard-why-step');
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
