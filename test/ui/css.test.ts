import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The styling contract (see the head of src/ui/styles.css): every design token is defined once, in src/ui/tokens.css;
 * class names follow one scheme, BEM (`block__element--modifier`), a block belongs to the one component that renders
 * it, and a class generated from data (`--kind-${kind}`) can never spell a fixed class of another meaning. The review
 * bug this pins: `.step-error` named both a step of kind "error" (`step-${kind}`) and the error paragraph under a step,
 * and `--border`, `--crash`, `--tx-band` were used but defined nowhere.
 */

const UI = join(__dirname, '../../src/ui');
const TOKENS = join(UI, 'tokens.css');
/** Classes that mean the same wherever they are used. */
const UTILITIES = new Set(['muted', 'visually-hidden']);
const PART = '[a-z0-9]+(?:-[a-z0-9]+)*';
const BEM = new RegExp(`^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:__${PART})?(?:--${PART})?$`);

function files(dir: string, name: RegExp): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = join(dir, entry);
    return statSync(p).isDirectory() ? files(p, name) : name.test(entry) ? [p] : [];
  });
}
const read = (f: string): string => readFileSync(f, 'utf8');
const rel = (f: string): string => relative(UI, f);
const stripCssComments = (s: string): string => s.replace(/\/\*[\s\S]*?\*\//g, '');
const stripCodeComments = (s: string): string => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

const cssFiles = files(UI, /\.css$/);
const codeFiles = files(UI, /\.tsx?$/);

/** Custom properties declared (`--x:`) in a stylesheet. */
const declared = (css: string): string[] => [...stripCssComments(css).matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1] as string);

/** `var(--x)` uses; `dynamic` when the name is completed at run time (`var(--attempt-${slot})`). */
function varUses(text: string): { name: string; dynamic: boolean }[] {
  return [...text.matchAll(/var\(\s*(--[\w-]+)(\$\{)?/g)].map((m) => ({ name: m[1] as string, dynamic: m[2] !== undefined }));
}

/** Class names in a stylesheet's selectors (at-rule preludes and declarations left out). */
function cssClasses(css: string): Set<string> {
  const out = new Set<string>();
  for (const m of stripCssComments(css).matchAll(/([^{}]+)\{/g)) {
    const prelude = (m[1] as string).trim();
    if (prelude.startsWith('@')) continue;
    for (const c of prelude.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) out.add(c[1] as string);
  }
  return out;
}

/** Index just past the `}` closing the `{` at `open` (quotes and nested templates are balanced well enough here). */
function closeBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced braces in ${s.slice(open, open + 80)}`);
}

interface ClassUse {
  fixed: Set<string>;
  /** Prefixes of classes completed at run time: `step-list__item--kind-` in `step-list__item--kind-${e.kind}`. */
  generated: Set<string>;
}

/** The classes a JS expression (a className value) can produce. */
function classesOfExpression(expr: string, into: ClassUse): void {
  let i = 0;
  while (i < expr.length) {
    const q = expr[i];
    if (q === "'" || q === '"') {
      const end = expr.indexOf(q, i + 1);
      for (const t of expr.slice(i + 1, end).split(/\s+/)) if (t) into.fixed.add(t);
      i = end + 1;
    } else if (q === '`') {
      i = template(expr, i + 1, into);
    } else i++;
  }
}

/** Reads a template literal from just after its opening backtick; returns the index after its closing one. */
function template(s: string, start: number, into: ClassUse): number {
  let text = '';
  let afterInterpolation = false;
  const flush = (beforeInterpolation: boolean) => {
    const tokens = text.split(/(\s+)/);
    tokens.forEach((t, k) => {
      if (!t || /^\s+$/.test(t)) return;
      if (k === 0 && afterInterpolation) return; // the tail of a generated class
      if (k === tokens.length - 1 && beforeInterpolation && /[-_]$/.test(t)) into.generated.add(t);
      else into.fixed.add(t);
    });
    text = '';
  };
  let i = start;
  while (i < s.length) {
    if (s[i] === '`') {
      flush(false);
      return i + 1;
    }
    if (s[i] === '$' && s[i + 1] === '{') {
      flush(true);
      const end = closeBrace(s, i + 1);
      classesOfExpression(s.slice(i + 2, end - 1), into);
      afterInterpolation = true;
      i = end;
      continue;
    }
    if (afterInterpolation && /\s/.test(s[i] as string)) afterInterpolation = false;
    text += s[i];
    i++;
  }
  throw new Error('unterminated template literal');
}

/** Every className={…} / className="…" of a source file. */
function codeClasses(src: string): ClassUse {
  const use: ClassUse = { fixed: new Set(), generated: new Set() };
  for (const m of src.matchAll(/className=/g)) {
    const at = (m.index ?? 0) + m[0].length;
    if (src[at] === '"') classesOfExpression(src.slice(at, src.indexOf('"', at + 1) + 1), use);
    else if (src[at] === '{') classesOfExpression(src.slice(at + 1, closeBrace(src, at) - 1), use);
  }
  return use;
}

const blockOf = (c: string): string => c.split('__')[0]!.split('--')[0]!;

const tokens = new Set(declared(read(TOKENS)));
const allCss = new Set(cssFiles.flatMap((f) => [...cssClasses(read(f))]));
const uses = new Map(codeFiles.map((f) => [rel(f), codeClasses(read(f))]));

describe('design tokens', () => {
  it('every var(--x) used in src/ui (css, tsx, ts) is defined in tokens.css', () => {
    const missing: string[] = [];
    for (const f of [...cssFiles, ...codeFiles]) {
      const text = f.endsWith('.css') ? stripCssComments(read(f)) : stripCodeComments(read(f));
      for (const u of varUses(text)) {
        const ok = u.dynamic ? [...tokens].some((t) => t.startsWith(u.name)) : tokens.has(u.name);
        if (!ok) missing.push(`${rel(f)}: ${u.name}${u.dynamic ? '…' : ''}`);
      }
    }
    expect(missing).toEqual([]);
    // the chart's attempt colours are picked as --attempt-<slot>, slot 1..4
    for (const slot of [1, 2, 3, 4]) expect(tokens.has(`--attempt-${slot}`)).toBe(true);
    // the tokens the review found undefined
    for (const t of ['--border', '--crash', '--tx-band']) expect(tokens.has(t)).toBe(true);
  });

  it('tokens live in one block: no other stylesheet declares one, and tokens.css is imported once', () => {
    for (const f of cssFiles.filter((f) => f !== TOKENS)) expect(declared(read(f)), rel(f)).toEqual([]);
    const imports = [...cssFiles, ...codeFiles].filter((f) => /tokens\.css/.test(f.endsWith('.css') ? stripCssComments(read(f)) : stripCodeComments(read(f))));
    expect(imports.map(rel)).toEqual(['styles.css']);
  });

  it('both themes come from the same tokens: colours are light-dark() pairs and data-theme pins the scheme', () => {
    const css = stripCssComments(read(TOKENS));
    expect(css).toMatch(/:root\[data-theme='light'\]\s*\{\s*color-scheme:\s*light;/);
    expect(css).toMatch(/:root\[data-theme='dark'\]\s*\{\s*color-scheme:\s*dark;/);
    for (const t of ['--bg', '--panel', '--fg', '--muted', '--line', '--accent', '--danger'])
      expect(css, t).toMatch(new RegExp(`${t}:\\s*light-dark\\(`));
  });
});

describe('class names', () => {
  it('every class selector is BEM (block__element--modifier) or a utility', () => {
    const bad = [...allCss].filter((c) => !UTILITIES.has(c) && !BEM.test(c));
    expect(bad).toEqual([]);
    for (const [file, use] of uses) for (const c of use.fixed) expect(BEM.test(c), `${file}: ${c}`).toBe(true);
  });

  it('a block belongs to one component, and every styled class is rendered by it', () => {
    const owners = new Map<string, Set<string>>();
    for (const [file, use] of uses)
      for (const c of [...use.fixed, ...use.generated]) {
        if (UTILITIES.has(c)) continue;
        const set = owners.get(blockOf(c)) ?? new Set<string>();
        set.add(file);
        owners.set(blockOf(c), set);
      }
    const shared = [...owners].filter(([, f]) => f.size > 1).map(([b, f]) => `${b}: ${[...f].join(', ')}`);
    expect(shared).toEqual([]);
    const unused = [...allCss].filter(
      (c) => !UTILITIES.has(c) && ![...uses.values()].some((u) => u.fixed.has(c) || [...u.generated].some((p) => c.startsWith(p))),
    );
    expect(unused).toEqual([]);
  });

  it('no generated class can spell a fixed class (the `.step-error` bug)', () => {
    const clashes: string[] = [];
    for (const [gf, g] of uses)
      for (const prefix of g.generated)
        for (const [ff, f] of uses) for (const c of f.fixed) if (c.startsWith(prefix)) clashes.push(`${gf}: ${prefix}… / ${ff}: ${c}`);
    expect(clashes).toEqual([]);
    // modifiers that carry a value name their key
    for (const [file, use] of uses) for (const p of use.generated) expect(p, file).toMatch(/--[a-z0-9-]+-$/);
  });

  it('an error step and an error paragraph are two classes with their own rules', () => {
    const steps = uses.get('components/StepList.tsx');
    expect(steps?.generated.has('step-list__item--kind-')).toBe(true);
    expect(steps?.fixed.has('step-list__error')).toBe(true);
    expect(allCss.has('step-error')).toBe(false);
    const css = stripCssComments(read(join(UI, 'styles.css')));
    // the error paragraph is in the danger colour; a step of kind error colours only its mark
    expect(css).toMatch(/\.step-list__error\s*\{[^}]*color:\s*var\(--danger\)/);
    expect(css).toMatch(/\.step-list__item--kind-error \.step-list__mark\s*\{[^}]*color:\s*var\(--err\)/);
    expect(css).not.toMatch(/\.step-list__item--kind-error\s*\{/);
  });
});
