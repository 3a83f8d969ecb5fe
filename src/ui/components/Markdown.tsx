import type { ReactNode } from 'react';

/** `**bold**` and `code` inside a line, as React nodes (never HTML). */
function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /(\*\*[^*]+\*\*|`[^`]+`|\*[^*\s][^*]*\*)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const tok = m[0];
    if (tok.startsWith('**')) out.push(<strong key={m.index}>{tok.slice(2, -2)}</strong>);
    else if (tok.startsWith('`')) out.push(<code key={m.index}>{tok.slice(1, -1)}</code>);
    else out.push(<em key={m.index}>{tok.slice(1, -1)}</em>);
    last = m.index + tok.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

type Block = { kind: 'p'; text: string } | { kind: 'h'; text: string } | { kind: 'ul'; items: string[] };

function blocks(source: string): Block[] {
  const out: Block[] = [];
  let para: string[] = [];
  let list: string[] | null = null;
  const flush = () => {
    if (para.length) out.push({ kind: 'p', text: para.join(' ') });
    para = [];
    if (list) out.push({ kind: 'ul', items: list });
    list = null;
  };
  for (const raw of source.split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') flush();
    else if (/^#{1,6}\s/.test(line)) {
      flush();
      out.push({ kind: 'h', text: line.replace(/^#+\s*/, '') });
    } else if (/^\s*[-*]\s+/.test(line)) {
      if (para.length) {
        out.push({ kind: 'p', text: para.join(' ') });
        para = [];
      }
      list ??= [];
      list.push(line.replace(/^\s*[-*]\s+/, ''));
    } else if (list && /^\s+/.test(raw)) {
      list[list.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) {
        out.push({ kind: 'ul', items: list });
        list = null;
      }
      para.push(line.trim());
    }
  }
  flush();
  return out;
}

/** Renders the story's small Markdown subset: headings, paragraphs, lists, **bold** and `code`. */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      {blocks(source).map((b, i) =>
        b.kind === 'h' ? (
          <h3 key={i}>{inline(b.text)}</h3>
        ) : b.kind === 'p' ? (
          <p key={i}>{inline(b.text)}</p>
        ) : (
          <ul key={i}>
            {b.items.map((it, j) => (
              <li key={j}>{inline(it)}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
