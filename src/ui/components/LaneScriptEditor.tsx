import { useCallback, useMemo, useRef } from 'react';
import { laneIssueText, type LaneIssue } from '../../state/customLanes';
import type { EditorApi, EditorMarker } from '../editor/codeEditorTypes';
import LazyCodeEditor from '../editor/LazyCodeEditor';
import { useEditorTheme } from '../editor/useEditorTheme';
import '../challenge.css';

export interface LaneScriptEditorProps {
  text: string;
  onChange(text: string): void;
  /** Problems on their lines: each a marker in the editor and a line of the list below it. */
  issues: readonly LaneIssue[];
  /** Model identity: each lane (or challenge) keeps its own text and undo history. */
  path: string;
  height: number;
  ariaLabel: string;
  /** Ctrl/Cmd+Enter. */
  onRun?: () => void;
  testId?: string;
}

/** A custom lane's script (SQL with header comments) in Monaco, its problems marked on their lines and listed. */
export function LaneScriptEditor({ text, onChange, issues, path, height, ariaLabel, onRun, testId = 'lane-editor' }: LaneScriptEditorProps) {
  const theme = useEditorTheme();
  const api = useRef<EditorApi | null>(null);
  const onReady = useCallback((a: EditorApi) => {
    api.current = a;
  }, []);
  const markers = useMemo<EditorMarker[]>(() => issues.map((i) => ({ line: i.line, column: 1, message: laneIssueText(i) })), [issues]);
  return (
    <div className="lane-script-editor" data-testid={testId}>
      <LazyCodeEditor
        value={text}
        onChange={onChange}
        language="sql"
        path={path}
        ariaLabel={ariaLabel}
        height={height}
        theme={theme}
        markers={markers}
        onReady={onReady}
        {...(onRun ? { onRun } : {})}
        completions={['dest', 'batch', 'batch_n']}
      />
      <div className="lane-script-editor__issues" data-testid={`${testId}-issues`} aria-live="polite">
        {issues.length > 0 && (
          <ul>
            {issues.map((i, k) => (
              <li key={k}>
                <button type="button" className="lane-script-editor__issue" onClick={() => api.current?.reveal(i.line, 1)}>
                  <span aria-hidden="true">✗ </span>
                  <span className="muted">line {i.line}</span> {i.statement && <code>{i.statement}</code>}
                  {i.statement ? ': ' : ''}
                  {i.message}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
