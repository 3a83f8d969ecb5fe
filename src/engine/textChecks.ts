// What text a scenario may hold, apart from its shape: a lone surrogate is not text, a one-line text holds no control
// or bidirectional-formatting character, no path holds NUL. validate.ts calls these.
import { hasUnsafeChar, oneLine } from './format';
import type { ValidationIssue } from './issues';
import type { ScenarioDoc } from './schema';

type Path = ValidationIssue['path'];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A lone UTF-16 surrogate is not text: SQLite stores it as U+FFFD, so what a lane reads back differs from what it
 * wrote (tracking would never recognise its own mark). Says where, escaped.
 */
export function loneSurrogate(text: string): string | null {
  const at = text.search(LONE_SURROGATE);
  if (at === -1) return null;
  return `not valid text: a lone surrogate \\u${text.charCodeAt(at).toString(16)} at character ${at + 1}`;
}

/**
 * One-line texts (the title, the summary, labels) hold no control or bidirectional-formatting character: they are
 * shown as they are, in the picker, the header and the trace. A path may (a file name can hold a newline): every
 * label shows it escaped. No path holds NUL, which no file system allows and which cuts string-built SQL short.
 */
export function checkText(doc: ScenarioDoc, errors: ValidationIssue[]): void {
  const lines: [Path, string | undefined][] = [
    [['title'], doc.title],
    [['summary'], doc.summary],
    ...doc.runs.map((r, i): [Path, string | undefined] => [['runs', i, 'label'], r.label]),
    ...(doc.lanes ?? []).map((l, i): [Path, string | undefined] => [['lanes', i, 'label'], typeof l === 'string' ? undefined : l.label]),
  ];
  for (const [path, text] of lines)
    if (text !== undefined && hasUnsafeChar(text))
      errors.push({ path, message: `holds a control or bidirectional-formatting character (${oneLine(text)}): not allowed in a one-line text` });
  for (const [id, file] of Object.entries(doc.files))
    if (file.path.includes('\u0000')) errors.push({ path: ['files', id, 'path'], message: `holds NUL (U+0000), which no file path can (${oneLine(file.path)})` });
}
