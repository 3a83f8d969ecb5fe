// "Take the code home" in Chromium: a lane's Export shows its pattern as PySpark + Delta, a dbt model and a psql
// script for the scenario's table, with Copy; a custom lane says its SQL is already the learner's.
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

describe('export a lane', () => {
  it('merge-latest as PySpark + Delta, dbt and PostgreSQL, copied to the clipboard', async () => {
    const { page, context } = await newPage(browser, `${BASE}?scenario=crash-before-mark`);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await waitReady(page);
    await page.getByTestId('btn-export-merge-latest').click();
    const dialog = page.getByTestId('export-lane');
    await dialog.waitFor();
    const code = dialog.getByTestId('export-code');
    await code.waitFor();
    assert.match(await code.textContent(), /\.merge\(|MERGE INTO/);
    await shot(page, 'export-pyspark-1280');
    await dialog.getByLabel('dbt incremental model').check();
    await page.waitForFunction(() => /unique_key/.test(document.querySelector('[data-testid="export-code"]')?.textContent ?? ''));
    assert.match(await code.textContent(), /materialized\s*=\s*'incremental'/);
    await dialog.getByLabel('PostgreSQL').check();
    await page.waitForFunction(() => /CREATE TABLE/i.test(document.querySelector('[data-testid="export-code"]')?.textContent ?? ''));
    const sql = await code.textContent();
    await dialog.getByTestId('export-copy').click();
    await dialog.getByRole('status').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), sql);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
