/**
 * A small SQL lexer for learner-written statements: enough to find words, named parameters and statement ends while
 * skipping string literals, quoted identifiers and comments, so that `':path'` or `-- ATTACH` is never mistaken for
 * code. It does not parse SQL: the database does that, and reports its own errors.
 */

export type Token =
  | { kind: 'word'; text: string; start: number }
  | { kind: 'ident'; text: string; start: number } // a quoted identifier, unquoted
  | { kind: 'param'; text: string; start: number; end: number } // :name, without the colon
  | { kind: 'positional'; text: string; start: number } // ?, ?1, $x, @x
  | { kind: 'string'; start: number }
  | { kind: 'punct'; text: string; start: number };

/** The tokens of `sql`; an unterminated literal or comment runs to the end of the text. */
export function tokens(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  const until = (close: string, from: number): number => {
    const j = sql.indexOf(close, from);
    return j < 0 ? n : j + close.length;
  };
  while (i < n) {
    const c = sql[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      i = until('\n', i);
    } else if (c === '/' && sql[i + 1] === '*') {
      i = until('*/', i + 2);
    } else if (c === "'") {
      const start = i;
      i++;
      for (;;) {
        const j = sql.indexOf("'", i);
        if (j < 0) {
          i = n;
          break;
        }
        if (sql[j + 1] === "'") {
          i = j + 2;
          continue;
        }
        i = j + 1;
        break;
      }
      out.push({ kind: 'string', start });
    } else if (c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      const start = i;
      let text = '';
      i++;
      for (;;) {
        const j = sql.indexOf(close, i);
        if (j < 0) {
          text += sql.slice(i);
          i = n;
          break;
        }
        text += sql.slice(i, j);
        if (close !== ']' && sql[j + 1] === close) {
          text += close;
          i = j + 2;
          continue;
        }
        i = j + 1;
        break;
      }
      out.push({ kind: 'ident', text, start });
    } else if (c === ':' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const m = /^:([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(i)) as RegExpExecArray;
      out.push({ kind: 'param', text: m[1] as string, start: i, end: i + m[0].length });
      i += m[0].length;
    } else if (c === '?' || ((c === '$' || c === '@') && /[A-Za-z0-9_]/.test(sql[i + 1] ?? ''))) {
      const m = /^[?$@][A-Za-z0-9_]*/.exec(sql.slice(i)) as RegExpExecArray;
      out.push({ kind: 'positional', text: m[0], start: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i)) as RegExpExecArray;
      out.push({ kind: 'word', text: m[0], start: i });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9][0-9A-Za-z_.]*/.exec(sql.slice(i)) as RegExpExecArray;
      i += m[0].length;
    } else {
      out.push({ kind: 'punct', text: c, start: i });
      i++;
    }
  }
  return out;
}

/** The statement's words (unquoted names included), upper-cased, in order. */
export const words = (sql: string): string[] =>
  tokens(sql)
    .filter((t): t is Extract<Token, { kind: 'word' | 'ident' }> => t.kind === 'word' || t.kind === 'ident')
    .map((t) => t.text.toUpperCase());

/** The first word of the statement, upper-cased ('' for none). */
export const firstWord = (sql: string): string => {
  const t = tokens(sql).find((x) => x.kind !== 'punct' || x.text !== '(');
  return t && t.kind === 'word' ? t.text.toUpperCase() : '';
};

/** Whether the text holds more than one statement (something after a `;`). */
export function isSeveralStatements(sql: string): boolean {
  const ts = tokens(sql);
  const semi = ts.findIndex((t) => t.kind === 'punct' && t.text === ';');
  return semi >= 0 && ts.slice(semi + 1).some((t) => !(t.kind === 'punct' && t.text === ';'));
}

/** The named parameters a statement uses, in order of first use. */
export const namedParams = (sql: string): string[] => [
  ...new Set(tokens(sql).flatMap((t) => (t.kind === 'param' ? [t.text] : []))),
];

/** Positional parameter markers (`?`, `$x`, `@x`), which custom lanes do not take. */
export const positionalParams = (sql: string): string[] => tokens(sql).flatMap((t) => (t.kind === 'positional' ? [t.text] : []));

/** The statement with every `:name` turned into `?`, and the names in the order of the markers (for binding). */
export function toPositional(sql: string): { sql: string; names: string[] } {
  const names: string[] = [];
  let out = '';
  let at = 0;
  for (const t of tokens(sql)) {
    if (t.kind !== 'param') continue;
    out += `${sql.slice(at, t.start)}?`;
    names.push(t.text);
    at = t.end;
  }
  return { sql: out + sql.slice(at), names };
}

/**
 * The statement's own verb past a `WITH` clause: the first INSERT, REPLACE, UPDATE, DELETE, SELECT or VALUES outside
 * parentheses (a CTE's body is inside them). '' when there is none.
 */
export function mainVerb(sql: string): string {
  let depth = 0;
  for (const t of tokens(sql)) {
    if (t.kind === 'punct') {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0 || t.kind !== 'word') continue;
    const w = t.text.toUpperCase();
    if (['INSERT', 'REPLACE', 'UPDATE', 'DELETE', 'SELECT', 'VALUES'].includes(w)) return w;
  }
  return '';
}
