// The saved workspace in Chromium's real localStorage: a corrupted save, a full storage, two tabs editing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { badge, BASE, launch, newPage, shot, waitReady } from './browser.mjs';

const KEY = 'runtwice.workspace.v1';
const UNREADABLE_KEY = 'runtwice.workspace.unreadable';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const newContext = () => browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', acceptDownloads: true });
const saved = (page, key = KEY) => page.evaluate((k) => window.localStorage.getItem(k), key);
/** Types a size into the Files control of f1 (the quick edit that re-runs the lanes). */
const resizeF1 = async (page, rows) => {
  const field = page.getByTestId('file-rows-f1');
  await field.fill(String(rows));
  await field.press('Enter');
  await page.waitForFunction((n) => document.querySelector('[data-testid="file-rows-f1"]')?.value === String(n), rows);
};

describe('saved work in Chromium', () => {
  it('a corrupted saved workspace opens the default with a banner (not a blank page); its copy is kept and exported', async () => {
    const context = await newContext();
    const { page } = await newPage(browser, BASE, { context });
    await waitReady(page);
    const corrupted = [
      JSON.stringify({ state: { doc: 'x', edited: true }, version: 1 }),
      JSON.stringify({ state: { doc: { format: 'runtwice/scenario@1', id: 'mine', title: 'Mine', runs: [{ input: ['f1'] }] }, edited: true, status: 'x' }, version: 1 }),
      '{"state":{"doc":',
    ];
    for (const [i, raw] of corrupted.entries()) {
      await page.evaluate(([k, v]) => window.localStorage.setItem(k, v), [KEY, raw]);
      await page.reload();
      await waitReady(page);
      const banner = page.getByTestId('banner-error');
      await banner.waitFor();
      assert.match((await banner.textContent()) ?? '', /Your saved work could not be read, so the default scenario opened/);
      assert.match((await banner.textContent()) ?? '', i === 2 ? /\(document\): not JSON/ : /state\.doc/);
      assert.ok((await page.locator('section[data-testid^="lane-"]').count()) > 0, 'the lanes are on the page');
      assert.match(await badge(page, 'naive'), /.+/);
      assert.equal(await saved(page, UNREADABLE_KEY), raw);
      if (i === 0) await shot(page, '13-corrupted-save');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('btn-banner-download').click()]);
      assert.match(download.suggestedFilename(), /^runtwice-unreadable-workspace\.(json|txt)$/);
      assert.equal(readFileSync(await download.path(), 'utf8'), raw);
    }
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('a full storage: the banner says the work was not saved, the lanes follow the edit, the last save is kept', async () => {
    const context = await newContext();
    // the storage fills up when the test says so
    await context.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (window.__storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return setItem.call(this, k, v);
      };
    });
    const { page } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context });
    await waitReady(page);
    const before = await saved(page);
    await page.evaluate(() => (window.__storageFull = true));
    await resizeF1(page, 250);
    await waitReady(page);
    await page.getByTestId('btn-end').click();
    assert.match(await badge(page, 'naive'), /dup 250$/);
    assert.match((await page.getByTestId('banner-error').textContent()) ?? '', /Your work could not be saved: the browser’s storage is full/);
    assert.equal(await saved(page), before);
    await shot(page, '14-storage-full');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('two tabs: an edit in one is asked about in the other, never lost silently', async () => {
    const context = await newContext();
    const a = (await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context })).page;
    await waitReady(a);
    const b = (await newPage(browser, BASE, { context })).page;
    await waitReady(b);
    assert.equal(await b.getByTestId('file-rows-f1').inputValue(), '1000');

    // A edits: B is asked, and loads A's version
    await resizeF1(a, 250);
    await waitReady(a);
    const dialogB = b.getByTestId('dialog-replace');
    await dialogB.waitFor();
    assert.match((await dialogB.textContent()) ?? '', /This scenario was changed in another tab/);
    await shot(b, '15-other-tab-asks');
    await b.getByTestId('btn-confirm-replace').click();
    await waitReady(b);
    assert.equal(await b.getByTestId('file-rows-f1').inputValue(), '250');

    // B edits: A is asked and keeps its own; that saves A's again, and B is asked in turn
    await resizeF1(b, 300);
    const dialogA = a.getByTestId('dialog-replace');
    await dialogA.waitFor();
    assert.equal(JSON.parse(await saved(a)).state.doc.files.f1.rows[0].ids[1], 300);
    await a.getByTestId('btn-keep-work').click();
    await a.waitForFunction((k) => JSON.parse(window.localStorage.getItem(k)).state.doc.files.f1.rows[0].ids[1] === 250, KEY);
    await dialogB.waitFor();
    await b.getByTestId('btn-keep-work').click();
    await b.waitForFunction((k) => JSON.parse(window.localStorage.getItem(k)).state.doc.files.f1.rows[0].ids[1] === 300, KEY);
    assert.equal(await a.getByTestId('file-rows-f1').inputValue(), '250');
    assert.equal(await b.getByTestId('file-rows-f1').inputValue(), '300');
    assert.deepEqual([...a.errors, ...b.errors], []);
    await context.close();
  });
});
