// Issue 12, a step within a frame: a lane column is a block below 1100 px of height, the chart's box has its own size
// (styles.css). What a learner must still have: every step in the accessibility tree and reachable from its list, the
// whole chart in its box, and on a tall screen (and in presenter mode) the steps filling the column.
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

/** Each column in view: its chart's drawing and the chart's box, in page pixels. */
const chartBoxes = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.lane-column:not(.lane-column--away)')].slice(0, 3).map((col) => {
      const r = (el) => { const b = el.getBoundingClientRect(); return { top: b.top, bottom: b.bottom, left: b.left, right: b.right, height: b.height }; };
      return { lane: col.dataset.testid, box: r(col.querySelector('.lane-column__chart')), svg: r(col.querySelector('.lane-column__chart svg')) };
    }),
  );

const inside = ({ box, svg }) => svg.top >= box.top - 0.5 && svg.bottom <= box.bottom + 0.5 && svg.left >= box.left - 0.5 && svg.right <= box.right + 0.5;

describe('the lane column laid out for a cheap step', () => {
  it('at 1280×800: the steps out of sight are in the accessibility tree and reachable, the charts whole', async () => {
    const { page, context } = await newPage(browser, `${BASE}?scenario=crash-before-mark`);
    await waitReady(page);
    // the column is a block and its list has its least height
    const layout = await page.getByTestId('lane-naive').evaluate((col) => {
      const list = col.querySelector('ol.step-list');
      return { display: getComputedStyle(col).display, listHeight: list.getBoundingClientRect().height, rem: parseFloat(getComputedStyle(document.documentElement).fontSize), n: list.querySelectorAll('li.step-list__item').length };
    });
    assert.equal(layout.display, 'block');
    assert.ok(Math.abs(layout.listHeight - 8 * layout.rem) < 2, `the step list is 8rem tall (${layout.listHeight})`);
    // the last step, out of sight below the column's fold and its list's, is in the accessibility tree with its name
    // (content-visibility: auto on the items was tried and dropped: Chrome leaves a skipped item out of it)
    const lastStep = layout.n - 1;
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    assert.ok(
      nodes.some((n) => !n.ignored && n.role?.value === 'button' && n.name?.value === `Go to naive step ${lastStep} (not run yet)`),
      `step ${lastStep}, out of sight, is in the accessibility tree`,
    );
    // and reachable: clicking it goes there, its item shows its SQL inside the list's view
    await page.getByTestId(`step-naive-${lastStep}`).click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="lane-naive"]')?.getAttribute('data-cursor') === document.querySelector('[data-testid="scrubber"]').value && document.querySelector(`[data-testid="step-naive-${n}"]`)?.closest('li')?.getAttribute('aria-current') === 'step', lastStep);
    await page.waitForFunction(() => {
      const list = document.querySelector('[data-testid="lane-naive"] ol.step-list');
      const cur = list.querySelector('[aria-current="step"]');
      const l = list.getBoundingClientRect();
      const c = cur.getBoundingClientRect();
      return c.top >= l.top - 1 && c.top < l.bottom && c.height > 0;
    });
    // every chart in view is whole in its box (the box has its own size)
    for (const c of await chartBoxes(page)) assert.ok(inside(c) && c.svg.height > 60, `${c.lane}'s chart inside its box: ${JSON.stringify(c)}`);
    await shot(page, 'step-layout-1280x800');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('in presenter mode the chart box keeps the drawing\'s proportions; on a tall screen the steps fill the column', async () => {
    const presenter = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
    const { page } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context: presenter });
    await waitReady(page);
    await page.getByTestId('btn-presenter').click();
    await page.getByTestId('presenter-bar').waitFor();
    for (const c of await chartBoxes(page)) {
      assert.ok(inside(c), `${c.lane}'s chart inside its box: ${JSON.stringify(c)}`);
      assert.ok(Math.abs(c.box.height - c.svg.height) < 2 && c.svg.height > 140, `${c.lane}'s chart fills its box: ${JSON.stringify(c)}`);
    }
    assert.equal(await page.getByTestId('lane-naive').evaluate((col) => getComputedStyle(col).display), 'flex');
    assert.deepEqual(page.errors, []);
    await presenter.close();

    const tall = await browser.newContext({ viewport: { width: 1280, height: 1300 }, reducedMotion: 'reduce' });
    const { page: p2 } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context: tall });
    await waitReady(p2);
    const fill = await p2.getByTestId('lane-naive').evaluate((col) => {
      const list = col.querySelector('ol.step-list').getBoundingClientRect();
      const tools = col.querySelector('.lane-column__tools').getBoundingClientRect();
      const box = col.getBoundingClientRect();
      return { display: getComputedStyle(col).display, list: list.height, gap: box.bottom - tools.bottom, scrolls: col.scrollHeight > col.clientHeight };
    });
    assert.equal(fill.display, 'flex');
    assert.ok(!fill.scrolls && fill.gap < 30 && fill.list > 200, `the steps fill the tall column: ${JSON.stringify(fill)}`);
    await shot(p2, 'step-layout-1280x1300');
    assert.deepEqual(p2.errors, []);
    await tall.close();
  });
});
