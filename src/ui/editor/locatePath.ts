/** A 1-based position in the text, as Monaco counts (columns in UTF-16 code units). */
export interface TextPosition {
  line: number;
  column: number;
}

/** A JSON value with where it starts; object members keep where their key starts. */
type Node =
  | { kind: 'object'; offset: number; members: Map<string, { keyOffset: number; value: Node }> }
  | { kind: 'array'; offset: number; items: Node[] }
  | { kind: 'scalar'; offset: number };

type Step = { name: string } | { index: number };

/** Minimal JSON parser that remembers offsets; throws on invalid JSON (validation reports those itself). */
function parse(text: string): Node {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw new Error(`invalid JSON at ${i}`);
  };
  const string = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): Node => {
    ws();
    const offset = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members = new Map<string, { keyOffset: number; value: Node }>();
      ws();
      if (text[i] === '}') return i++, { kind: 'object', offset, members };
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const keyOffset = i;
        const key = string();
        ws();
        if (text[i++] !== ':') fail();
        members.set(key, { keyOffset, value: value() });
        ws();
        const sep = text[i++];
        if (sep === '}') return { kind: 'object', offset, members };
        if (sep !== ',') fail();
      }
    }
    if (c === '[') {
      i++;
      const items: Node[] = [];
      ws();
      if (text[i] === ']') return i++, { kind: 'array', offset, items };
      for (;;) {
        items.push(value());
        ws();
        const sep = text[i++];
        if (sep === ']') return { kind: 'array', offset, items };
        if (sep !== ',') fail();
      }
    }
    if (c === '"') {
      string();
      return { kind: 'scalar', offset };
    }
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += (m as RegExpExecArray)[0].length;
    return { kind: 'scalar', offset };
  };
  const root = value();
  ws();
  if (i < text.length) fail();
  return root;
}

/** `runs[1].input[0]` → name/index steps; `(document)` → no steps. */
export function parsePath(path: string): Step[] {
  if (path === '(document)' || path === '') return [];
  const steps: Step[] = [];
  for (const m of path.matchAll(/\[(\d+)\]|\.?([^.[\]]+)/g)) {
    if (m[1] !== undefined) steps.push({ index: Number(m[1]) });
    else if (m[2] !== undefined) steps.push({ name: m[2] });
  }
  return steps;
}

/** Offset → 1-based line and column. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: Math.min(offset, text.length) - lineStart + 1 };
}

/**
 * Where a validation path points in the JSON text: the member's key for object paths, the item for array paths.
 * A path that goes deeper than the document (a missing member) stops at its deepest existing ancestor.
 * Null when the text is not valid JSON.
 */
export function locatePath(text: string, path: string): TextPosition | null {
  let node: Node;
  try {
    node = parse(text);
  } catch {
    return null;
  }
  let at = node.offset;
  const steps = parsePath(path);
  let k = 0;
  while (k < steps.length) {
    const step = steps[k] as Step;
    if ('index' in step) {
      const item = node.kind === 'array' ? node.items[step.index] : undefined;
      if (!item) break;
      node = item;
      at = item.offset;
      k++;
      continue;
    }
    if (node.kind !== 'object') break;
    // keys may themselves contain dots (`files.a.csv.rows`): try the longest run of names that is a key
    let matched = 0;
    let joined = '';
    const names: string[] = [];
    for (let j = k; j < steps.length; j++) {
      const s = steps[j] as Step;
      if (!('name' in s)) break;
      names.push(s.name);
    }
    for (let n = names.length; n > 0 && matched === 0; n--) {
      joined = names.slice(0, n).join('.');
      if (node.members.has(joined)) matched = n;
    }
    const member = matched ? node.members.get(joined) : undefined;
    if (!member) break;
    node = member.value;
    at = member.keyOffset;
    k += matched;
  }
  return positionAt(text, at);
}

/** Where `<json.path>: <message>` points; JSON syntax errors use the parser's own line/column or position. */
export function locateError(text: string, error: string): TextPosition & { path: string; message: string } {
  const sep = error.indexOf(': ');
  const path = sep >= 0 ? error.slice(0, sep) : '(document)';
  const message = sep >= 0 ? error.slice(sep + 2) : error;
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]), path, message };
  const pos = /position (\d+)/.exec(message);
  if (path === '(document)' && pos) return { ...positionAt(text, Number(pos[1])), path, message };
  return { ...(locatePath(text, path) ?? { line: 1, column: 1 }), path, message };
}
