import type { EditorTheme } from './useEditorTheme';

/** A problem to show in the editor at a 1-based position (underlined to the end of that line). */
export interface EditorMarker {
  line: number;
  column: number;
  message: string;
}

/** What a host can do to a mounted editor (Monaco or the textarea fallback). */
export interface EditorApi {
  focus(): void;
  reveal(line: number, column: number): void;
}

/** Props shared by the Monaco editor and its textarea fallback. */
export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  language: 'sql' | 'json';
  /** Model identity, e.g. `lane-merge.sql`: each path keeps its own model and undo history. */
  path: string;
  ariaLabel: string;
  height: number;
  theme: EditorTheme;
  /** Ctrl/Cmd+Enter. */
  onRun?: () => void;
  markers?: readonly EditorMarker[];
  /** Table names offered as completions (SQL). */
  completions?: readonly string[];
  onReady?: (api: EditorApi) => void;
}
