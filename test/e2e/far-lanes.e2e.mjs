// Issue 12: a lane column far from the lanes view does not draw its chart, program and steps (Chrome repainted every
// column on every step). What a learner must still have: every column's title, verdict and why in the accessibility
// tree, its buttons in the tab order, and the whole column back, current step in view, as soon as it is reached.
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

const away = (page, lane) => page.getByTestId(`lane-${lane}`).evaluate((el) => el.classList.contains('lane-column--away'));

describe('lanes far from the view', () => {
  it('keep their head in the accessibility tree and come back whole when the keyboard reaches them', async () => {
    const { page, context } = await newPage(browser, `${BASE}?scenario=crash-before-mark`);
    await waitReady(page);
    await page.getByTestId('btn-end').click();
    const last = 'anti-join';
    await page.waitForFunction((id) => document.querySelector(`[data-testid="lane-${id}"]`)?.classList.contains('lane-column--away'), last);
    // its body is not drawn, its head is: the accessibility tree has its title and verdict, not its step list
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const named = (role, name) => nodes.some((n) => !n.ignored && n.role?.value === role && n.name?.value === name);
    assert.ok(named('heading', last), `the heading "${last}" is in the accessibility tree`);
    assert.ok(nodes.some((n) => !n.ignored && typeof n.name?.value === 'string' && n.name.value.startsWith('Steps of naive')), 'a lane in view exposes its steps');
    // from the keyboard: its SQL console button is in the tab order; reaching it scrolls the column in
    await page.getByTestId(`sql-console-${last}`).focus();
    await page.waitForFunction((id) => !document.querySelector(`[data-testid="lane-${id}"]`).classList.contains('lane-column--away'), last, { timeout: 5000 });
    // the column follows the cursor again and its list shows its current (last) step
    await page.waitForFunction((id) => {
      const col = document.querySelector(`[data-testid="lane-${id}"]`);
      const list = col.querySelector('ol.step-list');
      const cur = list?.querySelector('[aria-current="step"]');
      if (!cur || col.getAttribute('data-cursor') !== document.querySelector('[data-testid="scrubber"]').value) return false;
      const l = list.getBoundingClientRect();
      const c = cur.getBoundingClientRect();
      return c.top >= l.top - 1 && c.top < l.bottom;
    }, last, { timeout: 5000 });
    assert.equal(await away(page, 'naive'), true, 'the first lane, now far on the other side, is away in turn');
    await shot(page, 'far-lanes-keyboard');
    // and back: naive's list again shows its current step, though it was not drawn meanwhile
    await page.getByTestId('sql-console-naive').focus();
    await page.waitForFunction(() => {
      const col = document.querySelector('[data-testid="lane-naive"]');
      const list = col.querySelector('ol.step-list');
      const cur = list?.querySelector('[aria-current="step"]');
      if (col.classList.contains('lane-column--away') || !cur) return false;
      const l = list.getBoundingClientRect();
      const c = cur.getBoundingClientRect();
      return c.top >= l.top - 1 && c.top < l.bottom;
    }, null, { timeout: 5000 });
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
