import { useCallback, useMemo, useRef } from 'react';
import type { ValidationIssue } from '../../engine/issues';
import type { EditorApi, EditorMarker } from './codeEditorTypes';
import LazyCodeEditor from './LazyCodeEditor';
import { locateIssues } from './locatePath';
import { useEditorTheme, type EditorTheme } from './useEditorTheme';

export interface ScenarioEditorProps {
  /** The scenario document (JSON text). */
  text: string;
  /** Validation issues (validateScenario / parseScenarioText): each a path array and a message. */
  errors: readonly ValidationIssue[];
  onChange: (text: string) => void;
  /** Editor theme; follows `data-theme` on <html> (or the system) when absent. */
  theme?: EditorTheme;
  /** Editor height in px. */
  height?: number;
}

/** The scenario as JSON in Monaco, with each validation error as a marker at its path and in a list below. */
export default function ScenarioEditor({ text, errors, onChange, theme, height = 420 }: ScenarioEditorProps) {
  const editorTheme = useEditorTheme(theme);
  const api = useRef<EditorApi | null>(null);
  const onReady = useCallback((a: EditorApi) => {
    api.current = a;
  }, []);

  // errors may lag the text by one validation; locating against the current text keeps markers on real lines
  const located = useMemo(() => locateIssues(text, errors), [errors, text]);
  const markers = useMemo<EditorMarker[]>(
    () => located.map((l) => ({ line: l.line, column: l.column, message: `${l.path}: ${l.message}` })),
    [located],
  );

  return (
    <div data-testid="scenario-editor" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      <LazyCodeEditor
        value={text}
        onChange={onChange}
        language="json"
        path="scenario.json"
        ariaLabel="Scenario document (JSON)"
        height={height}
        theme={editorTheme}
        markers={markers}
        onReady={onReady}
      />
      <div data-testid="scenario-errors" aria-live="polite">
        {located.length > 0 && (
          <ul style={{ margin: 0, paddingLeft: '1.2em', color: 'var(--danger, #c62828)' }}>
            {located.map((l, i) => (
              <li key={i}>
                <button
                  type="button"
                  onClick={() => api.current?.reveal(l.line, l.column)}
                  style={{ font: 'inherit', color: 'inherit', background: 'none', border: 0, padding: 0, cursor: 'pointer', textAlign: 'left' }}
                >
                  <span style={{ color: 'var(--muted, #6b6b6b)' }}>line {l.line}</span> <code>{l.path}</code>: {l.message}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
