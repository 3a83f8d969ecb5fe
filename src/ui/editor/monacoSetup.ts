/**
 * The only module that imports monaco-editor. Load it lazily (through CodeEditor): it pulls ~1 MB of editor code
 * that the first paint does not need.
 *
 * monaco-editor 0.57 ESM layout: the slim API entry `monaco-editor/editor` registers no languages and no editor
 * contributions, so we add the few we use; workers come through Vite's `?worker` suffix; and
 * `loader.config({ monaco })` hands this bundled copy to @monaco-editor/react so it never injects its CDN loader.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/suggest/register';
// the suggest widget itself (features/suggest/register only brings inline completions in 0.57)
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/wordHighlighter/register';
// Registered before the first editor exists, though RunTwice uses neither: Monaco's standalone services are collected
// once, when the first editor is created. The JSON language's worker manager (loaded lazily with the first JSON model)
// imports every editor contribution (monaco-editor/internal/common/workers), and these two register their services
// (ICodeLensCache, treeViewsDndService) only then: every later editor asked for services Monaco did not know and threw
// "depends on UNKNOWN service" (microsoft/monaco-editor#4229 is the same failure with other services).
import 'monaco-editor/features/codelens/register';
import 'monaco-editor/features/dropOrPasteInto/register';
import 'monaco-editor/languages/definitions/sql/register';
// JSON with its language service (syntax diagnostics, folding, formatting) in its own worker
import 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { loader } from '@monaco-editor/react';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

loader.config({ monaco });

/** Table names offered as SQL completions, per model: completion providers are global, consoles are per lane. */
const sqlTables = new Map<string, readonly string[]>();
let sqlCompletionsRegistered = false;

/** Offers `tables` as completions in the SQL model `modelUri` (an empty list removes them). */
export function setSqlTables(modelUri: string, tables: readonly string[]): void {
  if (tables.length) sqlTables.set(modelUri, tables);
  else sqlTables.delete(modelUri);
  if (sqlCompletionsRegistered) return;
  sqlCompletionsRegistered = true;
  monaco.languages.registerCompletionItemProvider('sql', {
    provideCompletionItems: (model, position) => {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const suggestions = (sqlTables.get(model.uri.toString()) ?? []).map((t) => ({
        label: t,
        kind: monaco.languages.CompletionItemKind.Struct,
        insertText: t,
        detail: 'table',
        range,
      }));
      return { suggestions };
    },
  });
}

export { monaco };
