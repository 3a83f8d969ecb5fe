// The production build runs under a strict Content-Security-Policy (vite.config.ts: a <meta> in index.html, and the
// whole policy, frame-ancestors included, as a header from `vite preview`). Measured here: a scenario runs to its
// verdicts in the worker (sql.js compiles WebAssembly), the Monaco scenario editor and a SQL console answer, and not
// one violation is reported, to the page or to the console.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { badge, BASE, launch, newPage, shot, waitReady } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Records every `securitypolicyviolation` the document sees, from its very first script on. */
const recordViolations = () => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample });
  });
};

/**
 * The same recorder at the top of each worker script (the engine's, Monaco's): a worker's violations fire in the
 * worker only, and Chromium does not log a refused `Function()` there at all (measured), so nothing else would tell.
 * The bundles import nothing statically, so these lines run before any of their code. The response keeps its headers.
 */
const WORKER_RECORDER =
  "self.__cspViolations = []; self.addEventListener('securitypolicyviolation', (e) => self.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber }));\n";
async function recordWorkerViolations(context) {
  await context.route(/\/assets\/[^/]*worker[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: WORKER_RECORDER + (await response.text()) });
  });
}
const workerViolations = async (page) =>
  Object.fromEntries(await Promise.all(page.workers().map(async (w) => [w.url().replace(/^.*\/assets\//, ''), await w.evaluate(() => self.__cspViolations)])));
const aboutCsp = (lines) => lines.filter((m) => /content security policy|content-security-policy|refused to/i.test(m));

describe('the production build under its Content-Security-Policy', () => {
  it('runs a scenario to its verdicts, opens the editor and a SQL console, and reports no violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    await context.addInitScript(recordViolations);
    await recordWorkerViolations(context);
    const messages = [];
    context.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
    const { page } = await newPage(browser, `${BASE}?scenario=crash-before-mark`, { context });
    // CSP violations are also logged by the browser itself (not through console.*): listen where Chromium says them
    const cdp = await context.newCDPSession(page);
    await cdp.send('Log.enable');
    cdp.on('Log.entryAdded', ({ entry }) => messages.push(`${entry.level} (${entry.source}): ${entry.text}`));

    // the policy is delivered both ways
    const response = await page.request.get(`${BASE}?scenario=crash-before-mark`);
    const header = response.headers()['content-security-policy'] ?? '';
    assert.match(header, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(header, /frame-ancestors 'none'/);
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(meta ?? '', /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'/);
    assert.doesNotMatch(meta ?? '', /frame-ancestors/, 'frame-ancestors is ignored (and warned about) in a <meta>');

    // the lanes run in the worker (WebAssembly) and show their verdicts
    await waitReady(page);
    await page.getByTestId('btn-end').click();
    assert.match(await badge(page, 'naive'), /dup 1,000/);
    assert.match(await badge(page, 'tracking-atomic'), /exactly-once/);

    // the Monaco scenario editor (its JSON worker), an edit applied through the lazily loaded validator
    await page.getByTestId('btn-edit').click();
    const editor = page.getByTestId('scenario-editor').locator('.monaco-editor');
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' ');
    await page.waitForTimeout(1000); // the JSON worker validates the text
    await shot(page, '11-csp-editor');
    await page.getByTestId('btn-apply-edit').click();
    await page.getByTestId('scenario-editor').waitFor({ state: 'detached' });
    await waitReady(page);

    // a SQL console query (Monaco again, the worker again)
    await page.getByTestId('btn-end').click();
    await page.getByTestId('sql-console-naive').click();
    await page.getByTestId('btn-run-sql-naive').click();
    await page.getByTestId('sql-result-naive').waitFor();
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="sql-result-naive"]')?.textContent ?? ''));
    await shot(page, '12-csp-sql-console');

    const violations = await page.evaluate(() => window.__cspViolations);
    assert.deepEqual(violations, []);
    assert.deepEqual(aboutCsp(messages), []);
    // the SQL console's Monaco opened after the scenario editor no longer throws "depends on UNKNOWN service"
    // (monacoSetup registers those contributions before the first editor; monaco-reopen.e2e.mjs)
    assert.deepEqual(page.errors, []);
    const inWorkers = await workerViolations(page);
    for (const w of ['lanes.worker', 'editor.worker', 'json.worker']) assert.ok(Object.keys(inWorkers).some((u) => u.startsWith(w)), `${w} ran: ${Object.keys(inWorkers)}`);
    for (const [worker, list] of Object.entries(inWorkers)) assert.deepEqual(list, [], worker);

    // the recorder does hear violations: an inline script is refused and reported
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
    });
    await page.waitForFunction(() => window.__cspViolations.length > 0);
    assert.equal(await page.evaluate(() => window.__inlineRan), undefined);
    assert.match((await page.evaluate(() => window.__cspViolations))[0].directive, /^script-src/);
    // and so does a worker's: an engine worker (of the pool) is refused a string timer
    const engine = page.workers().find((w) => w.url().includes('lanes.worker'));
    await engine.evaluate(() => void setTimeout('self.__stringRan = true', 0));
    await engine.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    assert.equal(await engine.evaluate(() => self.__stringRan), undefined);
    assert.match((await engine.evaluate(() => self.__cspViolations))[0]?.directive ?? '', /^script-src/);
    await context.close();
  });
});
