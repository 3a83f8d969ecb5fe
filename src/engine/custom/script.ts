import { statementOf, type CustomSqlInput } from './language';
import { tokens } from './sqlScan';

/**
 * The lane script: how a learner writes a custom lane in the editor — plain SQL with a few header comments, turned into
 * the scenario format's `{ id, pattern: "custom", sql }` and back. Sections start with a comment line of their name;
 * statements end with `;`; `-- each row` before a statement makes it run once per batch row.
 *
 *   -- lane: my-fix
 *   -- unit: file            (file | run)
 *   -- transaction: on       (on | off)
 *   -- setup
 *   CREATE TABLE processed (hash TEXT PRIMARY KEY);
 *   -- skip
 *   SELECT 1 FROM processed WHERE hash = :hash;
 *   -- statements
 *   INSERT INTO dest SELECT * FROM batch;
 *   INSERT INTO processed VALUES (:hash);
 *   -- on error
 */

export interface LaneScriptDoc {
  id: string;
  pattern: 'custom';
  label?: string;
  sql: CustomSqlInput;
}

/** A problem in a script, on its 1-based line. */
export interface ScriptIssue {
  line: number;
  message: string;
}

const SECTIONS = { setup: 'setup', skip: 'skip', statements: 'statements', 'on error': 'onError', onerror: 'onError' } as const;
type Section = (typeof SECTIONS)[keyof typeof SECTIONS];

/** The script text of a lane document. */
export function laneToScript(lane: LaneScriptDoc): string {
  const s = lane.sql;
  const out = [`-- lane: ${lane.id}`];
  if (lane.label) out.push(`-- label: ${lane.label}`);
  out.push(`-- unit: ${s.unit}`, `-- transaction: ${s.transaction ? 'on' : 'off'}`, '');
  const block = (name: string, list: readonly (string | { sql: string; each?: 'row' })[]): void => {
    out.push(`-- ${name}`);
    for (const entry of list) {
      const { sql, perRow } = statementOf(entry);
      if (perRow) out.push('-- each row');
      out.push(`${sql.trim()};`);
    }
    out.push('');
  };
  if (s.setup?.length) block('setup', s.setup);
  if (s.skip) block('skip', [s.skip]);
  block('statements', s.statements);
  if (s.onError?.length) block('on error', s.onError);
  return `${out.join('\n').trimEnd()}\n`;
}

/** Parses a lane script; every problem comes back with its line. The statements themselves are checked by the validator. */
export function parseLaneScript(text: string): { ok: true; lane: LaneScriptDoc } | { ok: false; issues: ScriptIssue[] } {
  const issues: ScriptIssue[] = [];
  const lines = text.split('\n');
  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length;
  const header: Record<string, { value: string; line: number }> = {};
  const lists: Record<Section, { sql: string; each: boolean; line: number }[]> = { setup: [], skip: [], statements: [], onError: [] };
  let section: Section | null = null;
  let eachNext = false;
  let buf = '';
  let bufStart = -1;
  let bufEach = false;
  // Statement ends are found by the lexer, so a `;` inside a string or a comment does not end one.
  const ends = new Set(tokens(text).flatMap((t) => (t.kind === 'punct' && t.text === ';' ? [t.start] : [])));
  const flush = (): void => {
    const sql = buf.trim();
    if (sql) {
      if (!section) issues.push({ line: lineAt(bufStart), message: 'a statement before any section: start with "-- statements" (or "-- setup", "-- skip", "-- on error")' });
      else lists[section].push({ sql, each: bufEach, line: lineAt(bufStart) });
    }
    buf = '';
    bufStart = -1;
    bufEach = false;
  };
  let offset = 0;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    const directive = /^--\s*([A-Za-z ]+?)\s*(?::\s*(.*))?$/.exec(line);
    const name = directive?.[1]?.toLowerCase() ?? '';
    if (directive && buf.trim() === '' && (name in SECTIONS || ['lane', 'label', 'unit', 'transaction', 'each row'].includes(name))) {
      if (name === 'each row') eachNext = true;
      else if (name in SECTIONS) {
        section = SECTIONS[name as keyof typeof SECTIONS];
        eachNext = false;
      } else if (header[name]) issues.push({ line: i + 1, message: `"${name}" is set twice (first on line ${header[name]?.line})` });
      else header[name] = { value: (directive[2] ?? '').trim(), line: i + 1 };
      offset += raw.length + 1;
      continue;
    }
    // SQL: copy it, ending statements at the lexer's semicolons
    for (let c = 0; c < raw.length; c++) {
      const at = offset + c;
      if (ends.has(at)) {
        flush();
        continue;
      }
      if (bufStart < 0 && !/\s/.test(raw[c] as string)) {
        bufStart = at;
        bufEach = eachNext;
        eachNext = false;
      }
      buf += raw[c];
    }
    buf += '\n';
    offset += raw.length + 1;
  }
  flush();
  const id = header.lane?.value ?? 'my-lane';
  if (!/^[a-z0-9-]+$/.test(id)) issues.push({ line: header.lane?.line ?? 1, message: `lane ids must match [a-z0-9-]+ (got "${id}")` });
  const unit = header.unit?.value.toLowerCase() ?? 'file';
  if (unit !== 'file' && unit !== 'run') issues.push({ line: header.unit?.line ?? 1, message: `unit must be "file" or "run" (got "${unit}")` });
  const tx = header.transaction?.value.toLowerCase() ?? 'off';
  if (!['on', 'off'].includes(tx)) issues.push({ line: header.transaction?.line ?? 1, message: `transaction must be "on" or "off" (got "${tx}")` });
  if (lists.skip.length > 1) issues.push({ line: lists.skip[1]?.line ?? 1, message: 'skip takes one query' });
  for (const sec of ['setup', 'skip', 'onError'] as const)
    for (const s of lists[sec]) if (s.each) issues.push({ line: s.line, message: '"-- each row" applies only to statements' });
  if (lists.statements.length === 0) issues.push({ line: lines.length, message: 'no statements: add "-- statements" and at least one statement' });
  if (issues.length) return { ok: false, issues };
  const sql: CustomSqlInput = {
    unit: unit as 'file' | 'run',
    transaction: tx === 'on',
    statements: lists.statements.map((s) => (s.each ? { sql: s.sql, each: 'row' as const } : s.sql)),
  };
  if (lists.setup.length) sql.setup = lists.setup.map((s) => s.sql);
  if (lists.skip[0]) sql.skip = lists.skip[0].sql;
  if (lists.onError.length) sql.onError = lists.onError.map((s) => s.sql);
  return { ok: true, lane: { id, pattern: 'custom', ...(header.label?.value ? { label: header.label.value } : {}), sql } };
}

/** The 1-based line of each statement of a script, by section and index: the validator's paths become editor markers. */
export function statementLines(text: string): Record<string, number> {
  const parsed = parseLaneScript(text);
  if (!parsed.ok) return {};
  const out: Record<string, number> = {};
  const lines = text.split('\n');
  let section = '';
  let index = -1;
  let inStatement = false;
  const counters: Record<string, number> = {};
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    const m = /^--\s*([A-Za-z ]+?)\s*$/.exec(line);
    if (m && !inStatement && (m[1] as string).toLowerCase() in SECTIONS) {
      section = SECTIONS[(m[1] as string).toLowerCase() as keyof typeof SECTIONS];
      continue;
    }
    if (!line || line.startsWith('--')) continue;
    if (!inStatement && section) {
      index = counters[section] ?? 0;
      counters[section] = index + 1;
      out[section === 'skip' ? 'skip' : `${section}[${index}]`] = i + 1;
      inStatement = true;
    }
    if (/;\s*(--.*)?$/.test(line)) inStatement = false;
  }
  return out;
}
