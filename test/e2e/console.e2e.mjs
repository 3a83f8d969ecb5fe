// Issue 10, item 7 (the brief's 5): a SQL console a candidate can lean on. A wide drawer (lineage columns visible),
// several statements in order each with its result, writes in a labelled scratch copy that never reaches the lane, and a
// time limit that counts only the query (COUNT(*) at the end of the 1M headline answers).
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

const typeSql = async (page, lane, sql) => {
  await page.getByTestId(`sql-editor-${lane}`).locator('.monaco-editor').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(sql);
};

describe('the SQL console drawer', () => {
  for (const [width, height] of SIZES) {
    it(`at ${width}×${height}: wide, lineage visible, statements in order in a scratch copy that never reaches the lane`, async () => {
      const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce' });
      const { page } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context });
      await waitReady(page);
      await page.getByTestId('btn-end').click();
      await page.getByTestId('sql-console-naive').click();
      const drawer = page.getByTestId('sql-console-drawer');
      await drawer.waitFor();
      const box = await drawer.boundingBox();
      assert.ok(box.width >= width - 2, `as wide as the window: ${box.width} of ${width}`);
      assert.ok(box.y + box.height <= height, 'inside the window');
      assert.match((await page.getByTestId('sql-console-scratch').textContent()) ?? '', /Scratch copy.*never changes/s);
      // the duplicated keys, then one key's lineage: every column in view
      await page.getByTestId('btn-run-sql-naive').click();
      await page.getByTestId('sql-result-naive').locator('button', { hasText: /^1$/ }).first().click();
      const lineage = page.getByTestId('lineage-grid-naive');
      await lineage.waitFor();
      await lineage.scrollIntoViewIfNeeded();
      const headers = await lineage.locator('th').all();
      assert.ok(headers.length >= 5);
      for (const th of headers) {
        const b = await th.boundingBox();
        assert.ok(b && b.x >= 0 && b.x + b.width <= width, `column ${await th.textContent()} visible: ${JSON.stringify(b)}`);
      }
      // several statements: a write in the scratch copy, seen by the next statement; an error stops the run
      await typeSql(page, 'naive', 'DELETE FROM dest WHERE id <= 10; SELECT COUNT(*) AS n FROM dest; SELECT nope FROM dest; SELECT 1');
      await page.getByTestId('btn-run-sql-naive').click();
      const results = page.getByTestId('sql-results-naive');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="sql-results-naive"] > li').length === 3);
      const items = await results.locator(':scope > li').allTextContents();
      assert.match(items[0], /DELETE FROM dest WHERE id <= 10.*Done in the scratch copy/s);
      assert.match(items[1], /1980/); // ids 1–10 were there twice
      assert.match(items[2], /no such column: nope/);
      if (width === 1280) await shot(page, 'console-1280x720');
      // the lane itself is unchanged
      await typeSql(page, 'naive', 'SELECT COUNT(*) AS n FROM dest');
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction(() => /2000/.test(document.querySelector('[data-testid="sql-result-naive"]')?.textContent ?? ''));
      assert.match(await page.getByTestId('badge-naive').textContent(), /dup 1,000/);
      // Esc closes the drawer and gives the focus back to the lane's button
      await page.getByTestId('btn-run-sql-naive').focus();
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'sql-console-naive');
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      assert.deepEqual(page.errors, []);
      await context.close();
    });
  }

  it('answers COUNT(*) at the end of the 1M headline: rebuilding the lane is not timed', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
    const { page } = await newPage(browser, `${BASE}?scenario=seed-800k`, { context });
    await waitReady(page, 180_000);
    await page.getByTestId('btn-end').click();
    await page.getByTestId('sql-console-naive').click();
    await typeSql(page, 'naive', 'SELECT COUNT(*) AS n FROM dest');
    await page.getByTestId('btn-run-sql-naive').click();
    await page.waitForFunction(() => /1800000|1,800,000/.test(document.querySelector('[data-testid="sql-result-naive"]')?.textContent ?? '') || !!document.querySelector('[data-testid="sql-error-naive"]'), null, { timeout: 120_000 });
    assert.equal(await page.getByTestId('sql-error-naive').count(), 0, (await page.getByTestId('sql-error-naive').textContent().catch(() => '')) ?? '');
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
