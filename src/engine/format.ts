const grouped = new Intl.NumberFormat('en-US');

/** 1800000 -> "1,800,000". One cached formatter: toLocaleString builds a new one per call (hot when stepping). */
export const fmt = (n: number): string => grouped.format(n);

/** The one pluralisation rule: "row" for 1, "rows" otherwise (0 rows, 2 rows, 1,000 rows). */
export const plural = (n: number, one: string, many = `${one}s`): string => (n === 1 ? one : many);

/** "1 key", "2 duplicate rows": a count with its noun, pluralised by `plural`. */
export const counted = (n: number, one: string, many = `${one}s`): string => `${fmt(n)} ${plural(n, one, many)}`;

/** "1 row", "2 rows", "1,000 rows": trace labels are read aloud by the narration. Every "N rows" label uses it. */
export const rowCount = (n: number): string => counted(n, 'row');

/**
 * Control, bidirectional-formatting and line-separator characters: they break a one-line text (a newline) or reorder
 * what is displayed around them (U+202E RIGHT-TO-LEFT OVERRIDE makes `landing/\u202Ev.csv` read as `landing/vsc.`).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A user's text (a path, a value, a message quoting one) made safe for a one-line label: every control, bidi and
 * line-separator character is shown escaped (`\n`, `\u202e`), everything else as it is. Every label the engine builds
 * around such a text goes through it.
 */
export const oneLine = (text: string): string =>
  text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Whether a text holds a character `oneLine` escapes. */
export const hasUnsafeChar = (text: string): boolean => text.search(UNSAFE) !== -1;
