// Issue 10, item 3: reopening the scenario editor threw two uncaught Monaco errors (ICodeLensCache,
// treeViewsDndService): the JSON language's worker manager, loaded lazily with the first JSON model, imports every editor
// contribution, and two of them register services after Monaco's standalone services were initialised by the first
// editor. The next editor then asked for services Monaco did not know. Any page error fails this test.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, launch, newPage, waitReady } from './browser.mjs';

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

describe('the scenario editor reopens cleanly', () => {
  for (const [width, height] of SIZES) {
    it(`opens, closes and reopens the editor (and a SQL console after it) at ${width}×${height} without a page error`, async () => {
      const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce' });
      const { page } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context });
      const consoleErrors = [];
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      await waitReady(page);
      for (let round = 0; round < 3; round++) {
        await page.getByTestId('btn-edit').click();
        await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
        // let the JSON language load its worker manager and diagnostics
        await page.waitForTimeout(800);
        await page.getByRole('button', { name: 'Cancel' }).click();
        await page.locator('.monaco-editor').first().waitFor({ state: 'detached' });
      }
      // a SQL console after the JSON editor: another editor, another language
      await page.getByTestId('sql-console-naive').click();
      await page.locator('[data-testid="sql-console-drawer"] .monaco-editor').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300);
      assert.deepEqual(page.errors, []);
      assert.deepEqual(consoleErrors.filter((t) => /UNKNOWN service|ICodeLensCache|treeViewsDndService/.test(t)), []);
      await context.close();
    });
  }
});
