// Defects from a walkthrough, in Chromium: a share link pasted into an open tab, shortcuts on a lane chip, focus
// given back to the button that opened a dialog.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, counter, launch, newPage, shot, waitReady } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const activeTestId = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

describe('walkthrough defects in Chromium', () => {
  it('a share link pasted into an open tab asks over edited work (no reload), and opens on the answer', async () => {
    const { page, context } = await newPage(browser, `${BASE}?scenario=crash-before-mark`);
    await waitReady(page);
    await page.getByTestId('btn-copy-link').click();
    const link = await page.getByTestId('share-url').inputValue();
    assert.match(link, /#\/s\/v1\./);
    // edit the work: f1 resized
    const field = page.getByTestId('file-rows-f1');
    await field.fill('250');
    await field.press('Enter');
    await waitReady(page);
    assert.match(await page.getByTestId('scenario-picker').locator('option:checked').textContent(), /\(edited\)/);
    await page.evaluate(() => (window.__sameDocument = true));
    // the address bar gets the link: a same-document navigation (hashchange), not a reload
    await page.evaluate((href) => (window.location.hash = new URL(href).hash), link);
    const dialog = page.getByTestId('dialog-replace');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /Open the shared scenario\?/);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
    await shot(page, 'walkthrough-pasted-link');
    await page.getByTestId('btn-confirm-replace').click();
    await waitReady(page);
    // the link held the catalogue scenario itself: it opens as that scenario, not "(edited)"
    assert.doesNotMatch(await page.getByTestId('scenario-picker').locator('option:checked').textContent(), /\(edited\)/);
    assert.equal(await page.getByTestId('file-rows-f1').inputValue(), '1000');
    assert.equal(new URL(page.url()).hash, '', 'the link is taken off the address once read');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('shortcuts work while a lane chip has focus; "next event" names its event and is disabled at the end', async () => {
    const { page, context } = await newPage(browser, `${BASE}?scenario=crash-before-mark`);
    await waitReady(page);
    await page.getByTestId('btn-reset').click();
    // the chips open from the one-line lane chooser
    await page.locator('.lane-chooser__summary').click();
    await page.getByTestId('chip-naive').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal((await counter(page)).step, 2);
    assert.equal(await activeTestId(page), 'chip-naive');
    assert.equal(await page.getByTestId('chip-naive').isChecked(), true);
    assert.match(await page.getByTestId('btn-next-event').getAttribute('aria-label'), /^Jump to the next event: .+ \(step \d+\)$/);
    await page.keyboard.press('End');
    const { step, of } = await counter(page);
    assert.equal(step, of);
    assert.equal(await page.getByTestId('btn-next-event').isDisabled(), true);
    await shot(page, 'walkthrough-light-end');
    // the theme button: system -> light -> dark (the ↻ retry marks on the scrubber)
    await page.getByTestId('btn-theme').click();
    await page.getByTestId('btn-theme').click();
    await shot(page, 'walkthrough-dark-end');
    await page.getByTestId('chip-naive').focus();
    await page.keyboard.press('Home');
    assert.equal((await counter(page)).step, 0);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('closing a dialog gives focus back to the button that opened it', async () => {
    const { page, context } = await newPage(browser, `${BASE}?scenario=crash-before-mark`);
    await waitReady(page);
    await page.getByTestId('btn-help').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal(await activeTestId(page), 'btn-help');

    await page.getByTestId('btn-edit').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal(await activeTestId(page), 'btn-edit');
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
