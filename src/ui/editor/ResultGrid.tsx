import { memo } from 'react';
import { fmt, rowCount } from '../../engine/format';

/** Rows shown at most; a SELECT * on a million-row table must not build a million DOM rows. */
export const MAX_ROWS = 200;

export interface ResultGridProps {
  columns: string[];
  rows: unknown[][];
  testId: string;
  /** Shown dimmed while a new query runs. */
  stale?: boolean;
  onCellClick?: (column: string, value: unknown, row: unknown[]) => void;
}

const cellButton = {
  font: 'inherit',
  color: 'inherit',
  background: 'none',
  border: 0,
  padding: 0,
  cursor: 'pointer',
  textDecoration: 'underline dotted',
} as const;

const isNumeric = (v: unknown): boolean => typeof v === 'number' || typeof v === 'bigint';

/** How a SQLite value reads in a cell. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (v instanceof Uint8Array) return `<blob ${v.length} bytes>`;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
  return String(v);
}

/** A query result as a table: headers, the first MAX_ROWS rows, numbers right-aligned, NULL dimmed. */
function ResultGrid({ columns, rows, testId, stale, onCellClick }: ResultGridProps) {
  const shown = rows.length > MAX_ROWS ? rows.slice(0, MAX_ROWS) : rows;
  const cellStyle = { padding: '2px 10px', borderBottom: '1px solid var(--border, #8883)', whiteSpace: 'pre' as const };
  return (
    <div data-testid={testId} style={{ opacity: stale ? 0.55 : 1 }}>
      <p style={{ margin: '4px 0', color: 'var(--muted, #6b6b6b)' }}>
        {rows.length > MAX_ROWS
          ? `Showing the first ${fmt(MAX_ROWS)} of ${rowCount(rows.length)}.`
          : `${rowCount(rows.length)}.`}
      </p>
      {columns.length > 0 && (
        <div style={{ overflow: 'auto', maxHeight: 360 }}>
          <table style={{ borderCollapse: 'collapse', fontVariantNumeric: 'tabular-nums' }}>
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <th key={i} scope="col" style={{ ...cellStyle, textAlign: 'left', position: 'sticky', top: 0, background: 'var(--bg, Canvas)' }}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row, r) => (
                <tr key={r}>
                  {columns.map((c, i) => {
                    const v = row[i];
                    const text = cellText(v);
                    return (
                      <td
                        key={i}
                        style={{
                          ...cellStyle,
                          textAlign: isNumeric(v) ? 'right' : 'left',
                          color: v === null || v === undefined ? 'var(--muted, #6b6b6b)' : undefined,
                        }}
                      >
                        {onCellClick ? (
                          // a button, so keyboard users can open a cell too
                          <button type="button" style={cellButton} title={`Show rows where ${c} = ${text}`} onClick={() => onCellClick(c, v, row)}>
                            {text}
                          </button>
                        ) : (
                          text
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Memoised: the console re-renders on every keystroke, a 200-row grid should not. */
export default memo(ResultGrid);
