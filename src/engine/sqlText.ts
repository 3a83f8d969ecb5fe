import type { Dialect } from '../db/dialect';

/** Helpers that build SQL text from validated identifiers, in the dialect of the database they are for. */
export interface SqlText {
  dialect: Dialect;
  /** Quotes an identifier. */
  q(name: string): string;
  /** A comma-separated list of quoted identifiers, optionally prefixed by a table alias. */
  cols(names: readonly string[], alias?: string): string;
  /** `a.k1 = b.k1 AND a.k2 = b.k2` */
  keyMatch(key: readonly string[], a: string, b: string): string;
  /** Null-safe equality of every named column: `a.c1 IS b.c1 AND …` in SQLite. */
  allEqual(names: readonly string[], a: string, b: string): string;
}

const cache = new WeakMap<Dialect, SqlText>();

/** The SQL text helpers for one dialect. */
export function sqlText(dialect: Dialect): SqlText {
  let t = cache.get(dialect);
  if (t) return t;
  const q = dialect.quote;
  const cols = (names: readonly string[], alias?: string): string => names.map((n) => (alias ? `${alias}.${q(n)}` : q(n))).join(', ');
  t = {
    dialect,
    q,
    cols,
    keyMatch: (key, a, b) => key.map((k) => `${a}.${q(k)} = ${b}.${q(k)}`).join(' AND '),
    allEqual: (names, a, b) => names.map((k) => dialect.nullSafeEqual(`${a}.${q(k)}`, `${b}.${q(k)}`)).join(' AND '),
  };
  cache.set(dialect, t);
  return t;
}

/** A SQL string literal, built the way the note's code builds it: by interpolation, with no escaping at all. */
export const naiveLiteral = (value: string | number): string => (typeof value === 'number' ? String(value) : `'${value}'`);
