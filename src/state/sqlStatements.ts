/**
 * Splits console text into statements at the semicolons SQL ends them with: not inside quotes ('…', "…", `…`, […])
 * or comments (-- …, / * … * /), and not inside a CREATE TRIGGER body (its statements end at END;). Empty statements
 * (blank or comments only) are left out; each statement is trimmed, without its closing semicolon.
 */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const s = text.slice(start, end).trim();
    if (stripComments(s).trim()) out.push(s);
    start = end + 1;
  };
  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      // a doubled quote is an escaped quote inside the literal
      while (j < text.length && !(text[j] === close && text[j + 1] !== close)) j += text[j] === close ? 2 : 1;
      i = j + 1;
    } else if (c === ';') {
      const sofar = stripComments(text.slice(start, i));
      if (!(/^\s*CREATE\s+(TEMP\s+|TEMPORARY\s+)?TRIGGER\b/i.test(sofar) && !/\bEND\s*$/i.test(sofar))) push(i);
      i += 1;
    } else i += 1;
  }
  push(text.length);
  return out;
}

/** The text without its comments (quotes are not looked into: enough to tell a blank statement and a trigger). */
function stripComments(s: string): string {
  return s.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ');
}
