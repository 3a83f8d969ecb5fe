// A custom lane in the playground, in Chromium: added from a template it runs as one more column with its verdict;
// a statement the validator refuses is marked on its line, named in the list, and the text is kept.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { badge, BASE, launch, newPage, shot, waitReady, showLane } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openLaneEditor(page) {
  await waitReady(page);
  await page.getByTestId('btn-new-lane').click();
  await page.getByTestId('dialog-lane-editor').waitFor();
  const editor = page.locator('[data-testid="lane-editor"] .monaco-editor').first();
  await editor.waitFor({ timeout: 30_000 });
  return editor;
}

describe('custom lanes in the playground', () => {
  it('adds tracking-atomic as a custom lane: its column runs beside the built-ins with its verdict and SQL', async () => {
    const { page, context } = await newPage(browser, `${BASE}?scenario=crash-before-mark`);
    await openLaneEditor(page);
    await page.getByTestId('lane-template').selectOption('tracking-atomic');
    await page.waitForFunction(() => document.querySelector('[data-testid="lane-editor"] .view-lines')?.textContent?.includes('processed_files'));
    await page.getByTestId('btn-lane-save').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="btn-lane-save"]')?.disabled);
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      await page.waitForTimeout(150);
      await shot(page, `lane-editor-1280-${theme}`);
    }
    await page.getByTestId('btn-lane-save').click();
    await page.getByTestId('dialog-lane-editor').waitFor({ state: 'detached' });
    await waitReady(page);
    const column = page.getByTestId('lane-my-tracking-atomic');
    await column.waitFor();
    await page.getByTestId('btn-end').click();
    // the new lane's column is the last one: brought into view, it shows the cursor (see showLane)
    await showLane(page, 'my-tracking-atomic');
    await page.waitForFunction(() => /exactly-once/i.test(document.querySelector('[data-testid="badge-my-tracking-atomic"]')?.textContent ?? ''));
    assert.match(await badge(page, 'my-tracking-atomic'), /exactly-once/i);
    // the SQL it ran shows in its steps as for any lane (the list, below its column's fold, catches up once scrolled to)
    await column.locator('.step-list').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => /INSERT INTO/.test(document.querySelector('[data-testid="lane-my-tracking-atomic"] .step-list')?.innerText ?? ''), null, { timeout: 5000 });
    assert.match(await column.locator('.step-list').innerText(), /INSERT INTO/);
    await column.getByTestId('btn-lane-edit-my-tracking-atomic').waitFor();
    for (const [w, h] of [[1280, 720], [1024, 768]]) {
      await page.setViewportSize({ width: w, height: h });
      await column.scrollIntoViewIfNeeded();
      for (const theme of ['light', 'dark']) {
        await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
        await page.waitForTimeout(150);
        await shot(page, `custom-lane-${w}x${h}-${theme}`);
      }
    }
    // saved with the workspace: still there after a reload
    await page.reload();
    await waitReady(page);
    await page.getByTestId('lane-my-tracking-atomic').waitFor();
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('marks a statement the validator refuses on its line, names it, and keeps the text', async () => {
    const { page, context } = await newPage(browser, `${BASE}?scenario=crash-before-mark`);
    const editor = await openLaneEditor(page);
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    const script = '-- lane: bad-lane\n-- unit: file\n-- transaction: on\n\n-- statements\nINSERT INTO dest SELECT * FROM batch;\nATTACH DATABASE \'x.db\' AS other;\n';
    await page.keyboard.insertText(script);
    const issues = page.getByTestId('lane-editor-issues');
    // (the empty editor's own problem shows for a moment between the delete and the typing)
    await page.waitForFunction(() => /statements\[1\]/.test(document.querySelector('[data-testid="lane-editor-issues"]')?.textContent ?? ''), null, { timeout: 10_000 });
    const text = await issues.innerText();
    assert.match(text, /line 7/);
    assert.match(text, /statements\[1\]/);
    assert.equal(await page.getByTestId('btn-lane-save').isDisabled(), true);
    // a marker on the statement's line
    await page.locator('[data-testid="lane-editor"] .squiggly-error').first().waitFor({ timeout: 10_000 });
    await shot(page, 'lane-editor-invalid');
    // the text is kept as typed
    const shown = (await page.locator('[data-testid="lane-editor"] .view-lines').innerText()).replace(/\u00a0/g, ' ');
    assert.match(shown, /ATTACH DATABASE 'x.db' AS other;/);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
