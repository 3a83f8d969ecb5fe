/** Helpers that build SQL text from validated identifiers (plain [A-Za-z_][A-Za-z0-9_]* names). */

/** Quotes an identifier. */
export const q = (name: string): string => `"${name}"`;

/** A comma-separated list of quoted identifiers, optionally prefixed by a table alias. */
export const cols = (names: readonly string[], alias?: string): string =>
  names.map((n) => (alias ? `${alias}.${q(n)}` : q(n))).join(', ');

/** `a.k1 = b.k1 AND a.k2 = b.k2` */
export const keyMatch = (key: readonly string[], a: string, b: string): string =>
  key.map((k) => `${a}.${q(k)} = ${b}.${q(k)}`).join(' AND ');

/** `a.c1 IS b.c1 AND …` (null-safe equality) */
export const allEqual = (names: readonly string[], a: string, b: string): string =>
  names.map((k) => `${a}.${q(k)} IS ${b}.${q(k)}`).join(' AND ');

/** A SQL string literal, built the way the note's code builds it: by interpolation, with no escaping at all. */
export const naiveLiteral = (value: string | number): string => (typeof value === 'number' ? String(value) : `'${value}'`);
