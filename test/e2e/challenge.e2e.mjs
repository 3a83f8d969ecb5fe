// The challenge ladder in Chromium: a challenge solved by typing its reference solution stays solved after a reload;
// a wrong lane's smallest counterexample opens in the playground with the cursor on its fault.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launch, newPage, shot, waitReady } from './browser.mjs';

const root = join(import.meta.dirname, '../..');
const CHALLENGE = 'fix-the-rerun';
/** The reference solution of challenge 1 as the editor shows a lane (the engine's own printer). */
const solution = execFileSync(
  join(root, 'node_modules/.bin/tsx'),
  ['-e', "import('./src/engine/custom/script.ts').then(async (m) => { const c = (await import('./challenges/01-fix-the-rerun.json', { with: { type: 'json' } })).default; process.stdout.write(m.laneToScript(c.solution)); })"],
  { cwd: root, encoding: 'utf8' },
);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openLadder(page) {
  await waitReady(page);
  await page.getByTestId('btn-challenges').click();
  await page.getByTestId(`challenge-${CHALLENGE}`).waitFor({ timeout: 30_000 });
}

/** Replaces the editor's text as a learner would: select all, delete, type (inserted as typed text, no auto-closing). */
async function typeLane(page, text) {
  const editor = page.locator('[data-testid="challenge-editor"] .monaco-editor').first();
  await editor.waitFor({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function gradeResult(page) {
  await page.getByTestId('btn-grade').click();
  const result = page.locator('[data-testid="grade-result"][data-passed]');
  await result.waitFor({ timeout: 180_000 });
  return result;
}

describe('challenges in Chromium', () => {
  it('solves challenge 1 by typing its solution, grades it "passed", and it is still solved after a reload', async () => {
    const { page, context } = await newPage(browser);
    await openLadder(page);
    await shot(page, 'challenge-start-1280');
    await typeLane(page, solution);
    const result = await gradeResult(page);
    assert.equal(await result.getAttribute('data-passed'), 'true');
    assert.match(await result.textContent(), /Passed\..*exactly-once under all \d+ schedules/);
    await page.getByTestId('challenge-solved').waitFor();
    await page.getByTestId('btn-challenge-share').waitFor();
    for (const [w, h] of [[1280, 720], [1024, 768]]) {
      await page.setViewportSize({ width: w, height: h });
      for (const theme of ['light', 'dark']) {
        await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
        await page.waitForTimeout(150);
        await shot(page, `challenge-passed-${w}x${h}-${theme}`);
      }
    }
    await page.reload();
    await openLadder(page);
    assert.equal(await page.getByTestId(`ladder-${CHALLENGE}`).getAttribute('data-solved'), 'true');
    await page.getByTestId('challenge-solved').waitFor();
    // the draft that passed is still in the editor
    await page.waitForFunction(() => /NOT\s+EXISTS/.test(document.querySelector('[data-testid="challenge-editor"] .view-lines')?.textContent ?? ''), null, { timeout: 30_000 });
    // the solved lane as a link: another visitor's page opens the challenge with that lane in the editor
    await page.getByTestId('btn-challenge-share').click();
    const link = await page.getByTestId('challenge-share-url').inputValue();
    assert.match(link, /#\/c\/fix-the-rerun\/v1\./);
    const other = await newPage(browser, link);
    await other.page.getByTestId(`challenge-${CHALLENGE}`).waitFor({ timeout: 30_000 });
    await other.page.waitForFunction(() => /NOT\s+EXISTS/.test(document.querySelector('[data-testid="challenge-editor"] .view-lines')?.textContent ?? ''), null, { timeout: 30_000 });
    assert.equal(new URL(other.page.url()).hash, '');
    assert.deepEqual(other.page.errors, []);
    await other.context.close();
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('grades the starter lane, shows the smallest counterexample and opens it in the playground at the fault', async () => {
    const { page, context } = await newPage(browser);
    await openLadder(page);
    const result = await gradeResult(page);
    assert.equal(await result.getAttribute('data-passed'), 'false');
    await page.getByTestId('counterexample').waitFor();
    await shot(page, 'challenge-failed-1280');
    await page.setViewportSize({ width: 1024, height: 768 });
    await shot(page, 'challenge-failed-1024x768');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('btn-open-counterexample').click();
    await page.getByTestId('challenge-view').waitFor({ state: 'detached' });
    await waitReady(page);
    const column = page.getByTestId('lane-my-lane');
    await column.waitFor();
    // the schedule's faults are the scenario's faults, and the cursor is on the lane's fault step (with no fault, as
    // on a redelivery variant: on its first duplicate)
    const faults = await page.getByTestId('fault-list').locator('li.fault-panel__fault').count();
    const counter = (await page.getByTestId('counterexample').count()) === 0;
    assert.equal(counter, true);
    const selected = column.locator('.step-list__item--selected');
    await selected.waitFor({ timeout: 10_000 });
    if (faults > 0) assert.match((await selected.getAttribute('class')) ?? '', /step-list__item--kind-(crash|error)/);
    assert.notEqual((await page.getByTestId('step-counter').innerText()).match(/step (\d+)/)?.[1], '0');
    await shot(page, 'challenge-counterexample-playground');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('stops a statement that never ends after the time limit, names it on its line and keeps the text', async () => {
    const { page, context } = await newPage(browser);
    await openLadder(page);
    await typeLane(page, '-- statements\nINSERT INTO dest SELECT * FROM batch;\nWITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) FROM r;\n');
    await page.getByTestId('btn-grade').click();
    await page.locator('[data-grade-status="stopped"]').waitFor({ timeout: 90_000 });
    assert.match(await page.getByTestId('grade-result').innerText(), /statements\[1\] never ended: the grade stopped its workers after 10 s/);
    const issues = await page.getByTestId('challenge-editor-issues').innerText();
    assert.match(issues, /line 3/);
    assert.match(issues, /statements\[1\]/);
    const shown = (await page.locator('[data-testid="challenge-editor"] .view-lines').innerText()).replace(/\u00a0/g, ' ');
    assert.match(shown, /WITH RECURSIVE r\(x\)/);
    await shot(page, 'challenge-stopped');
    // the page is not stuck: grading again starts
    assert.equal(await page.getByTestId('btn-grade').isEnabled(), true);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
