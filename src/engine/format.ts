const grouped = new Intl.NumberFormat('en-US');

/** 1800000 -> "1,800,000". One cached formatter: toLocaleString builds a new one per call (hot when stepping). */
export const fmt = (n: number): string => grouped.format(n);

/** "1 row", "2 rows", "1,000 rows": trace labels are read aloud by the narration. */
export const rowCount = (n: number): string => `${fmt(n)} ${n === 1 ? 'row' : 'rows'}`;

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
