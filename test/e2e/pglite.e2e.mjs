// Issue 9 item 5: PostgreSQL in the browser. The page's first load fetches nothing of PGlite (SQLite is the default);
// choosing PostgreSQL (PGlite) downloads it, says it is starting, runs a catalogue scenario with the same verdicts as
// SQLite's, says which engine produced the result, and the SQL console answers on PostgreSQL. Screenshots of the
// switch and of the PostgreSQL result at 1280×720 in both themes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BASE, launch, newPage, shot, waitReady } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PGLITE = /pglite|pgLanes\.worker|initdb/i;

/** Content-Security-Policy violations, recorded in the page and at the top of the PostgreSQL worker (where they fire). */
const RECORDER = "self.__csp = []; self.addEventListener('securitypolicyviolation', (e) => self.__csp.push(e.violatedDirective + ' ' + e.blockedURI));\n";
async function recordViolations(context) {
  await context.addInitScript(RECORDER);
  await context.route(/\/assets\/pgLanes\.worker[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: RECORDER + (await response.text()) });
  });
}

const badges = (page) =>
  page.locator('[data-testid^="score-badge-"]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-testid'), (e.textContent ?? '').trim()])));

const typeSql = async (page, lane, sql) => {
  await page.getByTestId(`sql-editor-${lane}`).locator('.monaco-editor').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(sql);
};

describe('PostgreSQL (PGlite) in the browser', () => {
  it('the built page entry does not reference PGlite (it is in chunks loaded on demand)', () => {
    const dist = resolve(join(import.meta.dirname, '../..'), process.env.E2E_DIST ?? 'dist');
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const entry = /src="\.\/assets\/(index-[\w-]+\.js)"/.exec(html)?.[1];
    assert.ok(entry, 'the entry chunk is named in index.html');
    const code = readFileSync(join(dist, 'assets', entry), 'utf8');
    assert.doesNotMatch(code, /pglite[\w-]*\.(wasm|data)|pgLanes\.worker|initdb[\w-]*\.wasm/);
    // while the assets exist, loaded by the PostgreSQL chunk only
    assert.ok(readdirSync(join(dist, 'assets')).some((f) => /^pglite-[\w-]+\.wasm$/.test(f)));
  });

  it('switching runs the scenario on PGlite: same verdicts as SQLite, the engine named, the console answers', { timeout: 240_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce', colorScheme: 'light' });
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    await recordViolations(context);
    const { page } = await newPage(browser, `${BASE}?scenario=crash-before-commit`, { context });
    await waitReady(page);
    await page.getByTestId('btn-end').click();
    const onSqlite = await badges(page);
    assert.equal(Object.keys(onSqlite).length, 10);
    assert.match(await page.getByTestId('engine-note').textContent(), /Result from SQLite \(sql\.js\)/);
    // the first load fetched nothing of PGlite
    assert.deepEqual(requests.filter((u) => PGLITE.test(u)), []);
    await shot(page, 'pglite-switch-sqlite-1280x720-light');

    const t0 = Date.now();
    await page.getByTestId('engine-select').selectOption('postgres');
    await page.getByTestId('engine-note').filter({ hasText: 'Starting PostgreSQL (PGlite)…' }).waitFor({ timeout: 10_000 });
    await shot(page, 'pglite-starting-1280x720-light');
    await waitReady(page, 200_000);
    const ms = Date.now() - t0;
    console.log(`PGlite: first run of crash-before-commit (download, initdb, 10 lanes) ${ms} ms`);
    assert.match(await page.getByTestId('engine-note').textContent(), /Result from PostgreSQL \(PGlite\)/);
    assert.ok(requests.some((u) => /pglite[\w-]*\.wasm/.test(u)), 'PGlite was downloaded once chosen');
    await page.getByTestId('btn-end').click();
    assert.deepEqual(await badges(page), onSqlite);
    assert.equal(await page.evaluate(() => localStorage.getItem('runtwice.engine')), 'postgres');

    // the console on PostgreSQL (the lane's database is rebuilt for it: lanes are freed once they have run)
    const rows = ((await page.getByTestId('score-rows-naive').textContent()) ?? '').trim().split(/\s*\/\s*/)[0];
    await page.getByTestId('sql-console-naive').click();
    await page.getByTestId('sql-console-drawer').waitFor();
    await typeSql(page, 'naive', 'SELECT COUNT(*) AS n, version() AS v FROM dest');
    await page.getByTestId('btn-run-sql-naive').click();
    await page.waitForFunction(() => /PGlite/.test(document.querySelector('[data-testid="sql-result-naive"]')?.textContent ?? ''), null, { timeout: 60_000 });
    const cells = await page.getByTestId('sql-result-naive').locator('td').allTextContents();
    assert.equal(cells[0], rows);
    assert.match(cells[1], /^PostgreSQL \d+.*PGlite/);
    await shot(page, 'pglite-console-1280x720-light');
    await page.getByTestId('btn-run-sql-naive').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('sql-console-drawer').waitFor({ state: 'detached' });
    await shot(page, 'pglite-result-1280x720-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(200);
    await shot(page, 'pglite-result-1280x720-dark');

    // PGlite compiles WebAssembly under the page's policy ('wasm-unsafe-eval') and needs nothing more
    const pgWorker = page.workers().find((w) => /pgLanes\.worker/.test(w.url()));
    assert.ok(pgWorker, 'the PostgreSQL worker runs');
    assert.deepEqual(await pgWorker.evaluate(() => self.__csp), []);
    assert.deepEqual(await page.evaluate(() => self.__csp), []);

    // back to SQLite: the scenario runs again there, and says so
    await page.getByTestId('engine-select').selectOption('sqlite');
    await page.getByTestId('engine-note').filter({ hasText: 'Result from SQLite (sql.js)' }).waitFor({ timeout: 60_000 });
    await waitReady(page);
    await shot(page, 'pglite-switch-sqlite-1280x720-dark');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('says so plainly when PGlite cannot be downloaded, and SQLite still runs', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
    await context.route(/\/assets\/pglite[\w-]*\.wasm$/, (route) => route.abort('connectionrefused'));
    const { page } = await newPage(browser, `${BASE}?scenario=crash-before-commit`, { context });
    await waitReady(page);
    await page.getByTestId('engine-select').selectOption('postgres');
    const note = page.getByTestId('engine-note').filter({ hasText: 'PostgreSQL (PGlite) failed:' });
    await note.waitFor({ timeout: 60_000 });
    console.log(`PGlite failure as the switch says it: ${await note.textContent()}`);
    await shot(page, 'pglite-failed-1280x720-light');
    await page.getByTestId('engine-select').selectOption('sqlite');
    await waitReady(page);
    assert.match(await page.getByTestId('engine-note').textContent(), /Result from SQLite/);
    await context.close();
  });

  it('Explore and Challenges say they run on SQLite while PostgreSQL is chosen', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce', colorScheme: 'dark' });
    await context.addInitScript(() => localStorage.setItem('runtwice.engine', 'postgres'));
    const { page } = await newPage(browser, `${BASE}?scenario=crash-before-commit`, { context });
    assert.equal(await page.getByTestId('engine-select').inputValue(), 'postgres');
    await page.getByTestId('btn-challenges').click();
    await page.getByTestId('engine-note').filter({ hasText: 'Explore and Challenges run on SQLite.' }).waitFor({ timeout: 10_000 });
    await shot(page, 'pglite-challenges-note-1280x720-dark');
    await context.close();
  });
});
