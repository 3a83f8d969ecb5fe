import { useCallback, useRef, useState } from 'react';
import LazyCodeEditor from './LazyCodeEditor';
import ResultGrid from './ResultGrid';
import { useEditorTheme, type EditorTheme } from './useEditorTheme';

export interface SqlResult {
  columns: string[];
  rows: unknown[][];
}

/** One statement of a run of several: its rows, or the error that stopped the run there. */
export interface StatementResult extends SqlResult {
  statement: string;
  error: string | null;
}

export interface SqlConsoleProps {
  laneId: string;
  initialSql?: string;
  /**
   * Runs the SQL on the lane's database at the cursor; a rejection is shown inline as the error. A list answers a run
   * of several statements: each is shown with its statement, in order.
   */
  onRun: (sql: string) => Promise<SqlResult | StatementResult[]>;
  /** Shown beside Run while a run is under way (e.g. "Rebuilding the lane at step 12…"). */
  busyText?: string;
  /** Table names offered as completions. */
  tables?: string[];
  onChange?: (sql: string) => void;
  /** A result cell was activated (e.g. show the rows of a duplicated key). */
  onCellClick?: (column: string, value: unknown, row: unknown[]) => void;
  /** Editor theme; follows `data-theme` on <html> (or the system) when absent. */
  theme?: EditorTheme;
  /** Editor height in px. */
  height?: number;
}

const DEFAULT_SQL = 'SELECT COUNT(*) AS rows FROM dest;';

type Outcome = { kind: 'result'; result: SqlResult } | { kind: 'each'; results: StatementResult[] } | { kind: 'error'; message: string };

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A SQL editor, Run (button or Ctrl/Cmd+Enter) and the result grid, for one lane at a time. */
export default function SqlConsole({
  laneId,
  initialSql,
  onRun,
  tables,
  onChange,
  onCellClick,
  theme,
  height = 140,
  busyText,
}: SqlConsoleProps) {
  // text, outcome and busy state per lane: switching lanes and back keeps each lane's query and result
  const [sqlByLane, setSqlByLane] = useState<Record<string, string>>({});
  const [outcomeByLane, setOutcomeByLane] = useState<Record<string, Outcome>>({});
  const [busyByLane, setBusyByLane] = useState<Record<string, boolean>>({});
  const editorTheme = useEditorTheme(theme);

  const sql = sqlByLane[laneId] ?? initialSql ?? DEFAULT_SQL;
  const outcome = outcomeByLane[laneId];
  const busy = busyByLane[laneId] === true;

  // The text as typed, kept outside React's render cycle: Ctrl+Enter right after a keystroke arrives before the
  // re-render that would give `run` the new text (it then ran "… FROM de").
  const typed = useRef<Record<string, string>>({});

  const change = useCallback(
    (text: string) => {
      typed.current[laneId] = text;
      setSqlByLane((m) => ({ ...m, [laneId]: text }));
      onChange?.(text);
    },
    [laneId, onChange],
  );

  const run = useCallback(async () => {
    const lane = laneId;
    const text = (typed.current[lane] ?? sql).trim();
    if (!text || busyByLane[lane]) return;
    setBusyByLane((m) => ({ ...m, [lane]: true }));
    let next: Outcome;
    try {
      const out = await onRun(text);
      next = Array.isArray(out) ? { kind: 'each', results: out } : { kind: 'result', result: out };
    } catch (e) {
      next = { kind: 'error', message: messageOf(e) };
    }
    // keyed by the lane that asked, so a slow answer never lands on another lane
    setOutcomeByLane((m) => ({ ...m, [lane]: next }));
    setBusyByLane((m) => ({ ...m, [lane]: false }));
  }, [laneId, sql, busyByLane, onRun]);

  const runNow = useCallback(() => void run(), [run]);

  return (
    <div data-testid={`sql-editor-${laneId}`} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      <LazyCodeEditor
        value={sql}
        onChange={change}
        language="sql"
        path={`lane-${laneId}.sql`}
        ariaLabel={`SQL for lane ${laneId}`}
        height={height}
        theme={editorTheme}
        onRun={runNow}
        completions={tables}
      />
      <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
        <button type="button" data-testid={`btn-run-sql-${laneId}`} onClick={runNow} disabled={busy} aria-keyshortcuts="Control+Enter Meta+Enter">
          {busy ? 'Running…' : '▶ Run'}
        </button>
        <span style={{ color: 'var(--muted, #6b6b6b)', fontSize: '0.875em' }}>
          Ctrl/⌘+Enter{tables && tables.length > 0 ? ` · tables: ${tables.join(', ')}` : ''}
        </span>
        {busy && (
          <span role="status" style={{ color: 'var(--muted, #6b6b6b)' }}>
            {busyText ?? `Running on ${laneId}…`}
          </span>
        )}
      </div>
      {outcome?.kind === 'error' && (
        <p data-testid={`sql-error-${laneId}`} role="alert" style={{ margin: 0, color: 'var(--danger, #c62828)', whiteSpace: 'pre-wrap' }}>
          {outcome.message}
        </p>
      )}
      {outcome?.kind === 'each' && <StatementResults laneId={laneId} results={outcome.results} stale={busy} onCellClick={onCellClick} />}
      {outcome?.kind === 'result' && (
        <ResultGrid
          testId={`sql-result-${laneId}`}
          columns={outcome.result.columns}
          rows={outcome.result.rows}
          stale={busy}
          onCellClick={onCellClick}
        />
      )}
    </div>
  );
}

/** Each statement of a run with its rows (or its error, which stopped the run), in order; the last grid keeps the lane's test id. */
function StatementResults({ laneId, results, stale, onCellClick }: { laneId: string; results: StatementResult[]; stale: boolean; onCellClick?: SqlConsoleProps['onCellClick'] }) {
  const lastGrid = results.reduce((at, r, i) => (r.error === null && r.columns.length > 0 ? i : at), -1);
  return (
    <ol className="sql-results" data-testid={`sql-results-${laneId}`} aria-label="Results, statement by statement">
      {results.map((r, i) => (
        <li key={i} className="sql-results__item">
          <pre className="sql-results__statement">{r.statement}</pre>
          {r.error !== null ? (
            <p data-testid={`sql-error-${laneId}`} role="alert" className="sql-results__error">
              {r.error}
            </p>
          ) : r.columns.length === 0 ? (
            <p className="sql-results__done muted">Done in the scratch copy; it returned no rows.</p>
          ) : (
            <ResultGrid testId={i === lastGrid ? `sql-result-${laneId}` : `sql-result-${laneId}-${i}`} columns={r.columns} rows={r.rows} stale={stale} onCellClick={onCellClick} />
          )}
        </li>
      ))}
    </ol>
  );
}
