import { lazy, Suspense, useState } from 'react';
import { useApp } from './storeContext';

const EditorConsole = lazy(() => import('../editor/SqlConsole'));

/** The lane's SQL console (lazy: Monaco loads only when a console is opened), run in the worker at the cursor. */
export function SqlConsole({ laneId, metaTable }: { laneId: string; metaTable: string | null }) {
  const runQuery = useApp((s) => s.runQuery);
  const cursor = useApp((s) => s.cursor);
  const [open, setOpen] = useState(false);
  return (
    <details className="console" data-testid={`sql-console-${laneId}`} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary aria-label={`SQL console for ${laneId}`}>SQL console <span className="muted">(at step {cursor})</span></summary>
      {open && (
        <Suspense fallback={<p className="muted">Loading the console…</p>}>
          <EditorConsole
            laneId={laneId}
            initialSql="SELECT COUNT(*) AS rows, COUNT(DISTINCT id) AS keys FROM dest;"
            onRun={(sql) => runQuery(laneId, sql)}
            tables={['dest', 'truth', ...(metaTable ? [metaTable] : [])]}
            height={110}
          />
        </Suspense>
      )}
    </details>
  );
}
