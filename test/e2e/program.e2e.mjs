// Issue 10, item 4: the lane's program beside the executed SQL, its current line lit (Python Tutor style).
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

describe('the program view', () => {
  for (const [width, height] of SIZES) {
    for (const scheme of width === 1280 ? ['light', 'dark'] : ['light']) {
      it(`lights the line each step executes at ${width}×${height} (${scheme})`, async () => {
        const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce', colorScheme: scheme });
        const { page } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context });
        await waitReady(page);
        await page.getByTestId('btn-reset').click();
        // the first step of tracking starts the job: its def line
        await page.getByTestId('btn-step').click();
        const lit = page.getByTestId('program-line-tracking');
        assert.match((await lit.textContent()) ?? '', /def load/);
        // go to the step that loads the processed paths, then to its first write
        await page.getByTestId('step-tracking-1').click();
        assert.match((await lit.textContent()) ?? '', /SELECT file_path FROM processed_files/);
        const steps = await page.locator('[data-testid^="step-tracking-"]').count();
        let sawWrite = false;
        let sawCrash = false;
        for (let i = 2; i < steps; i++) {
          await page.getByTestId(`step-tracking-${i}`).click();
          const text = (await lit.textContent()) ?? '';
          const label = (await page.getByTestId(`step-tracking-${i}`).getAttribute('aria-label')) ?? '';
          if (/step \d+: write /.test(label)) {
            assert.match(text, /INSERT INTO dest/, `${label} -> ${text}`);
            sawWrite = true;
          }
          if (/process dies/.test(label)) {
            // the crash after the write, before the mark: lit in the fault colour at the write
            assert.equal(await lit.evaluate((el) => el.classList.contains('lane-program__line--fault')), true);
            sawCrash = true;
            if (width === 1280) await shot(page, `program-1280x720-${scheme}`);
            break;
          }
        }
        assert.ok(sawWrite && sawCrash, 'walked through a write and the crash');
        // the lit line is inside its listing's view, and the page did not move
        const [box, list] = await Promise.all([lit.boundingBox(), page.locator('[data-testid="program-tracking"] ol').boundingBox()]);
        assert.ok(box.y >= list.y - 1 && box.y + box.height <= list.y + list.height + 1, 'lit line in view');
        assert.equal(await page.evaluate(() => window.scrollY), 0);
        // folding the program is remembered across a reload
        await page.locator('[data-testid="program-naive"] > summary').click();
        await page.reload();
        await waitReady(page);
        assert.equal(await page.locator('[data-testid="program-naive"]').evaluate((el) => el.open), false);
        assert.deepEqual(page.errors, []);
        await context.close();
      });
    }
  }
});
