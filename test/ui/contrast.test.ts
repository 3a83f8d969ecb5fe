import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Text contrast of the design tokens, computed from src/ui/tokens.css (WCAG 2 relative luminance, AA: 4.5:1), in both
 * themes. The walkthrough found the "lost" badge at 2.25:1, a crash step's text at 3.4:1 and the chart's "truth" label
 * at 3.4:1 in the light theme, and the scrubber's ↻ retry marks at 3.2:1 in the dark one.
 */

const css = readFileSync(join(__dirname, '../../src/ui/tokens.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** Each colour token as [light, dark]: `light-dark(#a, #b)` or one hex for both. */
function colourTokens(): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  for (const m of css.matchAll(/(--[\w-]+):\s*light-dark\(\s*(#[0-9a-f]{6})\s*,\s*(#[0-9a-f]{6})\s*\)/gi)) out.set(m[1] as string, [m[2] as string, m[3] as string]);
  for (const m of css.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)) out.set(m[1] as string, [m[2] as string, m[2] as string]);
  return out;
}

const rgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const channel = (c: number): number => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const luminance = (hex: string): number => {
  const [r, g, b] = rgb(hex).map(channel) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
/** `color-mix(in srgb, a p, b)` as the final badge's background does it (12% of its text colour over the panel). */
const mix = (a: string, b: string, p: number): string =>
  `#${rgb(a).map((x, i) => Math.round(x * p + (rgb(b)[i] as number) * (1 - p)).toString(16).padStart(2, '0')).join('')}`;

const tokens = colourTokens();
const THEMES = [['light', 0], ['dark', 1]] as const;
/** Where text sits: the page, panels (lane columns, the side, the footer) and the current step's highlight. */
const BACKGROUNDS = ['--bg', '--panel', '--current'];
/** Text colours: the verdict badges, step marks and chart labels, the ↻ retry marks, muted text, links, errors. */
const TEXT = ['--fg', '--ok', '--dup', '--lost', '--stale', '--err', '--info', '--muted', '--accent', '--danger'];
const BADGES = ['--ok', '--dup', '--lost', '--stale', '--err'];

const colour = (name: string, theme: 0 | 1): string => {
  const pair = tokens.get(name);
  if (!pair) throw new Error(`${name} is not a hex colour token in tokens.css`);
  return pair[theme];
};

describe('token contrast (WCAG AA, 4.5:1)', () => {
  it('computes ratios the way WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#e69f00', '#ffffff')).toBeCloseTo(2.25, 2); // the old "lost" badge
    expect(contrast('#009e73', '#ffffff')).toBeCloseTo(3.42, 2); // the old "truth" label
  });

  for (const [theme, i] of THEMES)
    it(`every text token on every background, ${theme} theme`, () => {
      const low: string[] = [];
      for (const fg of TEXT)
        for (const bg of BACKGROUNDS) {
          const r = contrast(colour(fg, i), colour(bg, i));
          if (r < 4.5) low.push(`${fg} on ${bg}: ${r.toFixed(2)}`);
        }
      // a final badge: its text on 12% of itself over the panel
      for (const fg of BADGES) {
        const r = contrast(colour(fg, i), mix(colour(fg, i), colour('--panel', i), 0.12));
        if (r < 4.5) low.push(`${fg} badge on its tint: ${r.toFixed(2)}`);
      }
      expect(low).toEqual([]);
    });

  it('the walkthrough pairs by name: lost badge, crash step, truth label (light), retry marks (dark)', () => {
    expect(contrast(colour('--lost', 0), colour('--panel', 0))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour('--dup', 0), colour('--current', 0))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour('--ok', 0), colour('--panel', 0))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour('--info', 1), colour('--panel', 1))).toBeGreaterThanOrEqual(4.5);
  });
});

describe('what the contrast rules read', () => {
  it('the crash step, the retry marks and the truth label use those tokens', () => {
    const styles = readFileSync(join(__dirname, '../../src/ui/styles.css'), 'utf8');
    expect(styles).toMatch(/\.step-list__item--kind-crash \.step-list__label\s*\{[^}]*color:\s*var\(--dup\)/);
    expect(styles).toMatch(/\.scrubber__mark--kind-retry\s*\{[^}]*color:\s*var\(--info\)/);
    const chart = readFileSync(join(__dirname, '../../src/ui/charts/LaneChart.tsx'), 'utf8');
    expect(chart).toMatch(/fill=\{C\.ok\}[^>]*>\s*truth/);
  });
});
