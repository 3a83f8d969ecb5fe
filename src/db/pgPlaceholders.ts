/**
 * Rewrites the port's `?` placeholders to PostgreSQL's `$1`, `$2`, … A `?` inside a string literal ('…', E'…' with
 * backslash escapes, $tag$…$tag$), a quoted identifier ("…") or a comment (-- …, nested /* … *\/) is text, not a
 * placeholder, and is left alone. Returns the rewritten text and how many placeholders it found.
 */
export function rewritePlaceholders(sql: string): { text: string; count: number } {
  let out = '';
  let n = 0;
  let i = 0;
  const len = sql.length;
  while (i < len) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === '?') {
      out += `$${++n}`;
      i += 1;
      continue;
    }
    let end = i + 1;
    if (c === "'") {
      // E'…' (or e'…'): a backslash escapes the next character; otherwise '' is a quote inside the literal
      const escapes = i > 0 && /[eE]/.test(sql[i - 1] as string) && (i < 2 || !/[A-Za-z0-9_$]/.test(sql[i - 2] as string));
      end = i + 1;
      while (end < len) {
        const d = sql[end];
        if (escapes && d === '\\') end += 2;
        else if (d === "'" && sql[end + 1] === "'") end += 2;
        else if (d === "'") {
          end += 1;
          break;
        } else end += 1;
      }
    } else if (c === '"') {
      end = i + 1;
      while (end < len) {
        if (sql[end] === '"' && sql[end + 1] === '"') end += 2;
        else if (sql[end] === '"') {
          end += 1;
          break;
        } else end += 1;
      }
    } else if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      end = nl < 0 ? len : nl + 1;
    } else if (c === '/' && next === '*') {
      let depth = 1;
      end = i + 2;
      while (end < len && depth > 0) {
        const pair = sql.slice(end, end + 2);
        if (pair === '/*' || pair === '*/') {
          depth += pair === '/*' ? 1 : -1;
          end += 2;
        } else end += 1;
      }
    } else if (c === '$' && (i === 0 || !/[A-Za-z0-9_]/.test(sql[i - 1] as string))) {
      // $tag$ … $tag$ (tag empty or an identifier); `$1` is a PostgreSQL placeholder written as such
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (m) {
        const close = sql.indexOf(m[0], i + m[0].length);
        end = close < 0 ? len : close + m[0].length;
      }
    }
    out += sql.slice(i, end);
    i = end;
  }
  return { text: out, count: n };
}
