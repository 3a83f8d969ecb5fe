import { lazy, Suspense, useState } from 'react';
import ResultGrid from '../editor/ResultGrid';
import { useApp } from './storeContext';
import type { LaneResult } from '../../worker/types';

const EditorConsole = lazy(() => import('../editor/SqlConsole'));

/** The key before a document is loaded: one constant, so the store's selector returns the same value each time. */
const NO_KEY: readonly string[] = ['id'];

interface Lineage {
  key: string;
  columns: string[];
  rows: unknown[][];
  error: string | null;
}

/** SQL literal for a clicked value (numbers as they are, text quoted with doubled quotes). */
const literal = (v: unknown): string => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/** The lane column's way into its console: opens (or closes) the drawer on this lane. */
export function SqlConsoleButton({ laneId }: { laneId: string }) {
  const open = useApp((s) => s.consoleLane === laneId);
  const setConsoleLane = useApp((s) => s.setConsoleLane);
  return (
    <button
      type="button"
      className="sql-console-button"
      data-testid={`sql-console-${laneId}`}
      aria-expanded={open}
      aria-controls="sql-console-drawer"
      onClick={() => setConsoleLane(open ? null : laneId)}
    >
      SQL console{open ? ' (open below)' : ''}
    </button>
  );
}

/**
 * The SQL console as a wide drawer over the lanes (lineage columns fit): Monaco loads only when it first opens. Runs
 * the statements in order on a scratch copy of the lane at the cursor, each result shown; clicking a key shows every
 * row of it with its run / attempt / file lineage.
 */
export function SqlConsoleDrawer() {
  // only this is read on every step while the console is closed: the cursor is read by the open drawer alone
  const laneId = useApp((s) => s.consoleLane);
  const lane = useApp((s) => (s.consoleLane === null ? undefined : s.result?.lanes.find((l) => l.id === s.consoleLane)));
  if (!laneId || !lane) return null;
  return <OpenConsoleDrawer laneId={laneId} lane={lane} />;
}

function OpenConsoleDrawer({ laneId, lane }: { laneId: string; lane: LaneResult }) {
  const lanes = useApp((s) => s.result?.lanes);
  const setConsoleLane = useApp((s) => s.setConsoleLane);
  const runStatements = useApp((s) => s.runStatements);
  const runQuery = useApp((s) => s.runQuery);
  const cursor = useApp((s) => s.cursor);
  const key = useApp((s) => s.doc?.table.key ?? NO_KEY);
  const columns = useApp((s) => s.doc?.table.columns);
  const [lineage, setLineage] = useState<Lineage | null>(null);
  const [phase, setPhase] = useState<'rebuilding' | 'running'>('running');
  const keys = key.map((k) => `"${k}"`).join(', ');
  const showLineage = (column: string, value: unknown): void => {
    if (key.length !== 1 || column !== key[0]) return;
    const where = `"${column}" = ${literal(value)}`;
    // _rowid_ is SQLite's row id under the name no user column can take (a column may be called rowid)
    const data = Object.keys(columns ?? {});
    const sql = `SELECT _run AS run, _attempt AS attempt, _file AS file, ${data.length ? `${data.map((c) => `"${c}"`).join(', ')}, ` : ''}_rowid_ FROM dest WHERE ${where} ORDER BY _rowid_`;
    runQuery(laneId, sql).then(
      (r) => setLineage({ key: `${column} = ${String(value)}`, columns: r.columns, rows: r.rows, error: null }),
      (e: unknown) => setLineage({ key: `${column} = ${String(value)}`, columns: [], rows: [], error: (e as Error).message }),
    );
  };
  const close = () => {
    setConsoleLane(null);
    document.querySelector<HTMLElement>(`[data-testid="sql-console-${CSS.escape(laneId)}"]`)?.focus();
  };
  return (
    <section
      id="sql-console-drawer"
      className="sql-console"
      role="region"
      aria-labelledby="sql-console-title"
      data-testid="sql-console-drawer"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target instanceof HTMLElement && e.target.closest('.suggest-widget'))) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <header className="sql-console__head">
        <h2 id="sql-console-title" className="sql-console__title">SQL console</h2>
        <label className="sql-console__lane">
          <span>lane</span>
          <select value={laneId} onChange={(e) => { setLineage(null); setConsoleLane(e.target.value); }} aria-label="Lane the console queries">
            {lanes?.map((l) => <option key={l.id} value={l.id}>{l.id}</option>)}
          </select>
        </label>
        <span className="sql-console__at">at step {cursor}</span>
        <button type="button" className="sql-console__close" onClick={close} aria-label="Close the SQL console (Esc)">✕</button>
      </header>
      <p className="sql-console__scratch" data-testid="sql-console-scratch">
        <strong>Scratch copy.</strong> Statements (separated by “;”) run in order on a copy of {laneId} at step {cursor}:
        a write changes the copy for the statements after it, and the copy is thrown away after the run. The lane itself
        never changes. The time limit counts the statements only, not rebuilding the lane.
      </p>
      <div className="sql-console__body">
        <Suspense fallback={<p className="muted">Loading the console…</p>}>
          <EditorConsole
            laneId={laneId}
            initialSql={`SELECT ${keys}, COUNT(*) AS copies FROM dest GROUP BY ${keys} HAVING COUNT(*) > 1 LIMIT 100;`}
            onRun={(sql) => runStatements(laneId, sql, setPhase)}
            busyText={phase === 'rebuilding' ? `Rebuilding ${laneId} at step ${cursor}…` : `Running on the scratch copy of ${laneId}…`}
            onCellClick={showLineage}
            tables={['dest', 'truth', 'landing', ...(lane.metaTable ? [lane.metaTable] : [])]}
            height={96}
          />
          {lineage && (
            <section className="sql-console__lineage" aria-live="polite" data-testid={`lineage-${laneId}`}>
              <h3>
                Rows of {lineage.key} <span className="muted">(which run, attempt and file wrote each)</span>
              </h3>
              {lineage.error ? <p className="sql-console__error">{lineage.error}</p> : <ResultGrid columns={lineage.columns} rows={lineage.rows} testId={`lineage-grid-${laneId}`} />}
            </section>
          )}
        </Suspense>
      </div>
    </section>
  );
}
