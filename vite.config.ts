/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The production Content-Security-Policy. Scripts, workers, styles and fonts come from the app's own files; sql.js
 * compiles its WebAssembly ('wasm-unsafe-eval', not 'unsafe-eval'); Monaco and React set inline styles; the chart and
 * Monaco use data: images. The dev server is left without it (HMR injects inline scripts).
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
];
/** The header carries the whole policy; the <meta> copy leaves out frame-ancestors, which a meta element ignores (and warns about). */
export const CSP_HEADER = CSP_DIRECTIVES.join('; ');
export const CSP_META = CSP_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/** Writes the policy into the built index.html, right after the charset and before any script (build only). */
function contentSecurityPolicy(): Plugin {
  const charset = /<meta charset="UTF-8" \/>\n?/i;
  return {
    name: 'runtwice-csp',
    apply: 'build',
    transformIndexHtml(html) {
      // never ship a build without its policy
      if (!charset.test(html)) throw new Error('index.html: no <meta charset="UTF-8" /> to put the Content-Security-Policy after');
      return html.replace(charset, (m) => `${m}    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />\n`);
    },
  };
}

/**
 * zod (the scenario validator, in the engine's worker and lazily on the page) probes for eval with `new Function('')`
 * when it builds its first schema: the policy refuses it and the browser reports a violation, even though zod catches
 * the refusal (measured: one in the worker, two on the page). zod reads its configuration from this global, shared by
 * every copy; each entry chunk (the page's, every worker's) sets it before any schema exists. The bundles' entries
 * import no zod statically, so this line runs first. test/e2e/csp.e2e.mjs fails if it stops working.
 */
const ZOD_WITHOUT_EVAL = 'globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };\n';
function zodWithoutEval(): Plugin {
  return {
    name: 'runtwice-zod-without-eval',
    apply: 'build',
    renderChunk: (code, chunk) => (chunk.isEntry ? ZOD_WITHOUT_EVAL + code : null),
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), zodWithoutEval()],
  base: './',
  worker: { format: 'es', plugins: () => [zodWithoutEval()] },
  // the worker's dependencies are found late otherwise, and a second optimizer pass reloads the page in dev
  // PGlite locates its wasm and data files next to its own module (new URL(…, import.meta.url)): the optimizer must
  // leave it alone (pglite.dev/docs/bundler-support)
  optimizeDeps: { include: ['sql.js', 'comlink', '@noble/hashes/sha2.js', '@noble/hashes/utils.js', 'zod'], exclude: ['@electric-sql/pglite'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  // `vite preview` serves the build as production would: the whole policy as a header (frame-ancestors included)
  preview: { headers: { 'Content-Security-Policy': CSP_HEADER } },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
