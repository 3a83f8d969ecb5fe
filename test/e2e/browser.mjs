// Shared helpers for the browser tests: one Chromium, a fresh context per test, screenshots under test-results/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:4173/';
export const SHOTS = join(import.meta.dirname, '../../test-results');
mkdirSync(SHOTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page at 1280×800 (opts.firstVisit: with the introduction) whose console errors and failed requests are collected (the app must not touch the network). */
export async function newPage(browser, url = BASE, opts = {}) {
  // reduced motion: the chart's 150 ms transitions would otherwise be caught mid-way in screenshots
  const context = opts.context ?? (await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' }));
  // the first-visit introduction is a returning visitor's: tests see the playground unless they ask for a first visit
  if (!opts.firstVisit) await context.addInitScript(() => localStorage.getItem('runtwice.learner') ?? localStorage.setItem('runtwice.learner', '{"introSeen":true}'));
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1') && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) page.errors.push(`external request ${r.url()}`);
  });
  await page.goto(url);
  return { page, context };
}

export const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });

/**
 * Waits until the simulation finished: the app says so (data-sim-status), no progress bar shows and the counter has
 * its total. (A shared link restores the cursor before its lanes have run: the counter alone is not enough.)
 */
export async function waitReady(page, timeout = 60_000) {
  await page.locator('[data-sim-status="done"]').waitFor({ timeout });
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="progress"]') && /\/\s*\d+/.test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''),
    null,
    { timeout },
  );
}

export async function counter(page) {
  const text = await page.getByTestId('step-counter').textContent();
  const m = /step\s+(\d+)\s*\/\s*(\d+)/i.exec(text ?? '');
  if (!m) throw new Error(`unreadable step counter: ${text}`);
  return { step: Number(m[1]), of: Number(m[2]) };
}

/**
 * Brings a lane's column into the lanes view and waits until it shows the cursor: a column scrolled out of view keeps
 * the step it last showed (it does not render on a step) and catches up once it is in view again.
 */
export async function showLane(page, lane) {
  const column = page.getByTestId(`lane-${lane}`);
  await column.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (id) => {
      const col = document.querySelector(`[data-testid="lane-${id}"]`);
      const scrub = document.querySelector('[data-testid="scrubber"]');
      return !!col && !!scrub && col.getAttribute('data-cursor') === scrub.value;
    },
    lane,
    { timeout: 10_000 },
  );
}

export const badge = async (page, lane) => {
  await showLane(page, lane);
  return ((await page.getByTestId(`badge-${lane}`).textContent()) ?? '').trim();
};
