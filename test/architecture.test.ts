import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

const FORBIDDEN_IMPORTS = [/^react/, /^zustand/, /^d3-selection/, /^d3$/, /^monaco-editor/, /^@monaco-editor/, /^sql\.js/, /^comlink/, /\.\.\/(ui|state|worker|cli)\//, /^node:/];
const FORBIDDEN_GLOBALS = [/\bDate\.now\b/, /\bMath\.random\b/, /\bdocument\./, /\bwindow\./, /\blocalStorage\b/, /\bnew Date\(/, /\bperformance\.now\b/];

describe('architecture', () => {
  const engine = sources(join(__dirname, '../src/engine'));
  it('finds the engine sources', () => expect(engine.length).toBeGreaterThan(10));

  it.each(engine.map((f) => [f.split('src/')[1], f]))('%s imports nothing forbidden and reads no clock or randomness', (_n, file) => {
    const text = readFileSync(file as string, 'utf8');
    const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1] as string);
    for (const imp of imports) for (const rule of FORBIDDEN_IMPORTS) expect(rule.test(imp), `${file} imports ${imp}`).toBe(false);
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const rule of FORBIDDEN_GLOBALS) expect(rule.test(code), `${file} uses ${rule}`).toBe(false);
  });

  it('only src/db imports sql.js', () => {
    const all = sources(join(__dirname, '../src')).filter((f) => !f.includes('/src/db/'));
    for (const f of all) expect(/from\s+'sql\.js'/.test(readFileSync(f, 'utf8')), f).toBe(false);
  });
});
