import { lazy, Suspense, useState } from 'react';
import ResultGrid from '../editor/ResultGrid';
import { useApp } from './storeContext';

const EditorConsole = lazy(() => import('../editor/SqlConsole'));

interface Lineage {
  key: string;
  columns: string[];
  rows: unknown[][];
  error: string | null;
}

/** SQL literal for a clicked value (numbers as they are, text quoted with doubled quotes). */
const literal = (v: unknown): string => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/**
 * The lane's SQL console (lazy: Monaco loads only when a console is opened), run in the worker at the cursor.
 * It opens on the duplicated keys; clicking a key shows every row of it with its run / attempt / file lineage.
 */
export function SqlConsole({ laneId, metaTable }: { laneId: string; metaTable: string | null }) {
  const runQuery = useApp((s) => s.runQuery);
  const cursor = useApp((s) => s.cursor);
  const key = useApp((s) => s.doc?.table.key ?? ['id']);
  const columns = useApp((s) => s.doc?.table.columns);
  const [open, setOpen] = useState(false);
  const [lineage, setLineage] = useState<Lineage | null>(null);
  const keys = key.map((k) => `"${k}"`).join(', ');
  const showLineage = (column: string, value: unknown): void => {
    if (key.length !== 1 || column !== key[0]) return;
    const where = `"${column}" = ${literal(value)}`;
    // lineage first: in a narrow lane the last columns are off to the right. _rowid_ is SQLite's row id under the name
    // no user column can take (a column may be called rowid).
    const data = Object.keys(columns ?? {});
    const sql = `SELECT _run AS run, _attempt AS attempt, _file AS file, ${data.length ? `${data.map((c) => `"${c}"`).join(', ')}, ` : ''}_rowid_ FROM dest WHERE ${where} ORDER BY _rowid_`;
    runQuery(laneId, sql).then(
      (r) => setLineage({ key: `${column} = ${String(value)}`, columns: r.columns, rows: r.rows, error: null }),
      (e: unknown) => setLineage({ key: `${column} = ${String(value)}`, columns: [], rows: [], error: (e as Error).message }),
    );
  };
  return (
    <details className="sql-console" data-testid={`sql-console-${laneId}`} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary aria-label={`SQL console for ${laneId}`}>SQL console <span className="muted">(at step {cursor})</span></summary>
      {open && (
        <Suspense fallback={<p className="muted">Loading the console…</p>}>
          <EditorConsole
            laneId={laneId}
            initialSql={`SELECT ${keys}, COUNT(*) AS copies FROM dest GROUP BY ${keys} HAVING COUNT(*) > 1 LIMIT 100;`}
            onRun={(sql) => runQuery(laneId, sql)}
            onCellClick={showLineage}
            tables={['dest', 'truth', 'landing', ...(metaTable ? [metaTable] : [])]}
            height={110}
          />
          {lineage && (
            <section className="sql-console__lineage" aria-live="polite" data-testid={`lineage-${laneId}`}>
              <h4>
                Rows of {lineage.key} <span className="muted">(which run, attempt and file wrote each)</span>
              </h4>
              {lineage.error ? <p className="sql-console__error">{lineage.error}</p> : <ResultGrid columns={lineage.columns} rows={lineage.rows} testId={`lineage-grid-${laneId}`} />}
            </section>
          )}
        </Suspense>
      )}
    </details>
  );
}
