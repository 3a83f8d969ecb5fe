import { useEffect, useMemo, useRef, useState } from 'react';
import Editor from '@monaco-editor/react';
import { monaco, setSqlTables } from './monacoSetup';
import type { CodeEditorProps } from './codeEditorTypes';
import FallbackEditor from './FallbackEditor';

type Standalone = monaco.editor.IStandaloneCodeEditor;

const MARKER_OWNER = 'runtwice';

/** Monaco, wired for RunTwice: theme, Ctrl/Cmd+Enter, markers, completions. Load lazily (see LazyCodeEditor). */
export default function CodeEditor(props: CodeEditorProps) {
  const { value, onChange, language, path, ariaLabel, height, theme, markers, completions, onReady } = props;
  const [ed, setEd] = useState<Standalone | null>(null);
  // the action is registered once at mount; read the latest callback through a ref
  const onRunRef = useRef(props.onRun);
  useEffect(() => {
    onRunRef.current = props.onRun;
  }, [props.onRun]);

  // Uncontrolled Monaco: a controlled `value` races fast typing (a render still carrying an earlier text would
  // overwrite the model and drop keystrokes). Texts this editor reported are queued; a `value` found in the queue is
  // an echo (renders arrive in order, maybe batched), anything else is an outside change written into the model.
  const echoes = useRef<string[]>([]);
  useEffect(() => {
    const model = ed?.getModel();
    if (!ed || !model) return;
    const at = echoes.current.indexOf(value);
    if (at >= 0) {
      echoes.current.splice(0, at + 1);
      return;
    }
    echoes.current = [];
    if (model.getValue() === value) return;
    ed.executeEdits('runtwice', [{ range: model.getFullModelRange(), text: value, forceMoveMarkers: true }]);
    ed.pushUndoStop();
  }, [ed, value]);

  useEffect(() => {
    const model = ed?.getModel();
    if (!model) return;
    const list = (markers ?? []).map((m) => {
      const line = Math.min(Math.max(1, m.line), model.getLineCount());
      return {
        severity: monaco.MarkerSeverity.Error,
        message: m.message,
        startLineNumber: line,
        startColumn: Math.max(1, m.column),
        endLineNumber: line,
        endColumn: Math.max(m.column + 1, model.getLineMaxColumn(line)),
      };
    });
    monaco.editor.setModelMarkers(model, MARKER_OWNER, list);
  }, [ed, markers, value]);

  useEffect(() => {
    const model = ed?.getModel();
    if (!model || language !== 'sql') return;
    const uri = model.uri.toString();
    setSqlTables(uri, completions ?? []);
    return () => setSqlTables(uri, []);
  }, [ed, completions, language]);

  // stable, because @monaco-editor/react calls updateOptions whenever this object changes identity
  const options = useMemo(
    () => ({
      ariaLabel,
      minimap: { enabled: false },
      fontSize: 15,
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      automaticLayout: true,
      wordWrap: language === 'sql' ? ('on' as const) : ('off' as const),
      tabSize: 2,
      fixedOverflowWidgets: true,
    }),
    [ariaLabel, language],
  );

  return (
    <Editor
      height={height}
      language={language}
      path={path}
      // also the text of a new model when `path` changes (another lane)
      defaultValue={value}
      theme={theme === 'dark' ? 'vs-dark' : 'vs'}
      // while the editor instance is created, keep the textarea so the text stays readable
      loading={<FallbackEditor {...props} />}
      onChange={(v) => {
        const text = v ?? '';
        echoes.current.push(text);
        onChange(text);
      }}
      onMount={(editor) => {
        editor.addAction({
          id: 'runtwice.run',
          label: 'Run',
          // addAction (not addCommand): commands are global, so the last console would win
          keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
          run: () => onRunRef.current?.(),
        });
        setEd(editor);
        onReady?.({
          focus: () => editor.focus(),
          reveal: (line, column) => {
            editor.revealLineInCenter(line);
            editor.setPosition({ lineNumber: line, column });
            editor.focus();
          },
        });
      }}
      options={options}
    />
  );
}
