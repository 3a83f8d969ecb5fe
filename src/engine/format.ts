const grouped = new Intl.NumberFormat('en-US');

/** 1800000 -> "1,800,000". One cached formatter: toLocaleString builds a new one per call (hot when stepping). */
export const fmt = (n: number): string => grouped.format(n);

/** "1 row", "2 rows", "1,000 rows": trace labels are read aloud by the narration. */
export const rowCount = (n: number): string => `${fmt(n)} ${n === 1 ? 'row' : 'rows'}`;
