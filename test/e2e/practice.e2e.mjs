// Issue 10, item 6: predict, then see. Practice mode stops at decisive moments, asks, reveals and scores, sums up at
// the end and remembers; the answer framework's claims link to the scenarios that support or refute them.
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

const SIZES = [
  [1440, 900],
  [1280, 720],
  [1024, 768],
];

describe('practice mode', () => {
  for (const [width, height] of SIZES) {
    for (const scheme of width === 1280 ? ['light', 'dark'] : ['light']) {
      it(`at ${width}×${height} (${scheme}): stops, asks, reveals, scores, sums up, and remembers`, async () => {
        const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce', colorScheme: scheme });
        const { page } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context });
        await waitReady(page);
        await page.getByTestId('btn-practice').click();
        await page.getByTestId('practice').waitFor();
        assert.equal((await counter(page)).step, 0);
        // End: playback stops at the first question (after the crash, before the retry)
        await page.getByTestId('btn-end').click();
        const question = page.getByTestId('practice-question');
        await question.waitFor();
        const { step, of } = await counter(page);
        assert.ok(step < of, `stopped before the end: ${step} / ${of}`);
        assert.match((await question.textContent()) ?? '', /How many rows will .* hold when attempt 2 ends\?/);
        // the question's box is in the window
        const box = await question.boundingBox();
        assert.ok(box.y >= 0 && box.y + box.height <= height, `question visible: ${JSON.stringify(box)}`);
        // a step forward does nothing until the question is answered
        await page.getByTestId('btn-step').click();
        assert.equal((await counter(page)).step, step);
        if (width === 1280) await shot(page, `practice-1280x720-${scheme}`);
        // answer every question: pick the first choice (rows) or the lanes ticked so far (exactly-once), check, continue
        for (let i = 0; i < 8; i++) {
          await question.waitFor();
          await question.locator('input').first().check();
          await page.getByTestId('practice-check').click();
          await page.getByTestId('practice-reveal').waitFor();
          assert.match((await page.getByTestId('practice-reveal').textContent()) ?? '', /Right|Not quite/);
          await page.getByTestId('practice-continue').click();
          await page.getByTestId('btn-end').click();
          if (await page.getByTestId('practice-summary').count()) break;
        }
        const summary = page.getByTestId('practice-summary');
        await summary.waitFor();
        assert.match((await summary.textContent()) ?? '', /Summary: \d+ of \d+ predictions right/);
        const score = (await page.getByTestId('practice-score').textContent()) ?? '';
        // progress survives a reload
        await page.reload();
        await waitReady(page);
        assert.equal((await page.getByTestId('practice-score').textContent()) ?? '', score);
        assert.equal(await page.evaluate(() => window.scrollY), 0);
        assert.deepEqual(page.errors, []);
        await context.close();
      });
    }
  }

  it('the answer framework: each claim with the scenarios that support or refute it; a link opens the scenario', async () => {
    const { page, context } = await newPage(browser, `${BASE}?scenario=crash-before-mark`);
    await waitReady(page);
    await page.getByTestId('btn-practice').click();
    await page.getByTestId('btn-framework').click();
    const dialog = page.getByTestId('framework');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    for (const t of [/Definition/, /Why it matters/, /Strategy 1/, /Strategy 2/, /Strategy 3/, /Strategy 4/, /IN_PROGRESS status works as a lock/, /hash of the file path/, /naturally idempotent/, /exactly-once guarantees/]) assert.match(text, t);
    await page.getByTestId('claim-lock').getByRole('button', { name: /Third time lucky/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitReady(page);
    assert.match((await page.getByTestId('scenario-picker').inputValue()) ?? '', /third-time-lucky/);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
