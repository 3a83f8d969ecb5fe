// Issue 10 item 8, issue 12 item 3: the 1M-row headline shows each lane as soon as it finishes, with the others as
// placeholders with their own progress; a finished lane answers the SQL console while the others still run; at the
// end every column is there. Mid-run screenshots at 1440×900, 1280×720 and 1024×768 in both themes, with the page
// still (no scroll) and the scoreboard in view.
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

/** What the lanes view shows now: finished columns, placeholders, the progress text, the run's status. */
const lanesNow = (page) =>
  page.evaluate(() => ({
    status: document.querySelector('[data-sim-status]')?.getAttribute('data-sim-status'),
    done: [...document.querySelectorAll('.lanes-view > section.lane-column')].map((e) => e.getAttribute('data-testid').replace(/^lane-/, '')),
    pending: [...document.querySelectorAll('.lanes-view > section.lane-pending')].map((e) => e.getAttribute('data-testid').replace(/^lane-pending-/, '')),
    progress: document.querySelector('[data-testid="progress-text"]')?.textContent ?? null,
  }));

/** Replaces the text of a lane's SQL console (Monaco): focus the editor itself, select all, type. */
const typeSql = async (page, lane, sql) => {
  await page.getByTestId(`sql-editor-${lane}`).locator('.monaco-editor').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(sql);
};

describe('lanes fill as they finish', () => {
  it('the 1M headline shows a finished lane, answers on it while the others run, and ends with every column', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
    const { page } = await newPage(browser, `${BASE}?scenario=seed-800k`, { context });
    const t0 = Date.now();
    await page.locator('.lanes-view > section.lane-column').first().waitFor({ timeout: 180_000 });
    const first = await lanesNow(page);
    const firstAt = Date.now() - t0;
    assert.equal(first.status, 'running', `the first lane shows while the run goes on: ${JSON.stringify(first)}`);
    assert.ok(first.pending.length > 0 && first.done.length + first.pending.length === 10, JSON.stringify(first));
    assert.match(first.progress ?? '', new RegExp(`Running the lanes: ${first.done.length} of 10 lanes done, ready to step through — \\d+%`));
    const lane = first.done[0];
    // a finished lane's badge is a verdict at the cursor; a lane still running says so, with its own progress
    assert.doesNotMatch((await page.getByTestId(`score-badge-${lane}`).textContent()) ?? '', /running/);
    const other = first.pending[0];
    // (or, not taken by a worker yet, waits)
    assert.match((await page.getByTestId(`score-badge-${other}`).textContent()) ?? '', /^(running \d+%|waiting)$/);
    assert.match((await page.getByTestId(`lane-pending-${other}`).textContent()) ?? '', /running… \d+%|waiting for a free worker…/);

    // mid-run, at every size and in both themes: the page stays still, the scoreboard is in view
    for (const [width, height] of SIZES) {
      for (const scheme of ['light', 'dark']) {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme: scheme });
        const g = await page.evaluate(() => ({ sx: window.scrollX, sy: window.scrollY, sw: document.documentElement.scrollWidth, w: window.innerWidth }));
        assert.ok(g.sx === 0 && g.sy === 0 && g.sw <= g.w, `${width}×${height} ${scheme}: the page does not scroll (${JSON.stringify(g)})`);
        const badges = await page.locator('[data-testid^="score-badge-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
        assert.equal(badges.length, 10);
        for (const id of badges) {
          const box = await page.getByTestId(id).boundingBox();
          assert.ok(box && box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width, `${width}×${height}: ${id} in view: ${JSON.stringify(box)}`);
        }
        await shot(page, `lanes-fill-${width}x${height}-${scheme}`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: 'light' });

    // the SQL console on the finished lane, at the end of the lanes done so far: dest holds the rows the column says
    await page.getByTestId('btn-end').click();
    const rows = ((await page.getByTestId(`rows-${lane}`).textContent()) ?? '').replace(/\D/g, '');
    assert.ok(Number(rows) > 0, `rows of ${lane}: ${rows}`);
    // from the keyboard: the button sits at the foot of the lane's column, which scrolls within the lanes view
    await page.getByTestId(`sql-console-${lane}`).focus();
    await page.keyboard.press('Enter');
    await typeSql(page, lane, 'SELECT COUNT(*) AS n FROM dest');
    const asked = Date.now() - t0;
    await page.getByTestId(`btn-run-sql-${lane}`).click();
    await page.waitForFunction(
      (id) => !!document.querySelector(`[data-testid="sql-result-${id}"]`) || !!document.querySelector(`[data-testid="sql-error-${id}"]`),
      lane,
      { timeout: 120_000 },
    );
    const answeredAt = Date.now() - t0;
    const during = await lanesNow(page);
    assert.equal(await page.getByTestId(`sql-error-${lane}`).count(), 0, (await page.getByTestId(`sql-error-${lane}`).textContent().catch(() => '')) ?? '');
    const answer = ((await page.getByTestId(`sql-result-${lane}`).textContent()) ?? '').replace(/\D/g, '');
    assert.ok(answer.includes(rows), `COUNT(*) of ${lane} is ${rows}: ${answer}`);
    assert.equal(during.status, 'running', `the console answered while lanes still ran: ${JSON.stringify(during)}`);
    assert.ok(during.progress !== null, 'the progress panel is still shown');

    await waitReady(page, 180_000);
    const end = await lanesNow(page);
    const endAt = Date.now() - t0;
    assert.equal(end.done.length, 10, JSON.stringify(end));
    assert.deepEqual(end.pending, []);
    assert.equal(end.progress, null);
    // moved to the end of the lanes done, the cursor is at the end of them all: the final verdicts show
    assert.match((await page.getByTestId('badge-naive').textContent()) ?? '', /dup 800,000/);
    assert.match((await page.getByTestId('badge-ingestor-lock').textContent()) ?? '', /lost 200,000/);
    for (const id of end.done) assert.doesNotMatch((await page.getByTestId(`score-badge-${id}`).textContent()) ?? '', /running/);
    await shot(page, 'lanes-fill-end');
    console.log(`lanes-fill: first lane (${lane}) at ${(firstAt / 1000).toFixed(1)} s, console asked at ${(asked / 1000).toFixed(1)} s and answered at ${(answeredAt / 1000).toFixed(1)} s (${during.done.length} of 10 done then), all lanes at ${(endAt / 1000).toFixed(1)} s`);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
