import { PARTITIONED_PATTERNS, PATTERN_IDS } from '../engine/schema';
import type { ValidationIssue } from '../engine/issues';
import { validateScenario } from '../engine/validate';
import { laneToScript, parseLaneScript, statementLines, type LaneScriptDoc } from '../engine/custom/script';
import naive from '../../scenarios/lanes/naive.json';
import trackingAtomic from '../../scenarios/lanes/tracking-atomic.json';
import overwrite from '../../scenarios/lanes/overwrite.json';
import mergeLatest from '../../scenarios/lanes/merge-latest.json';
import antiJoin from '../../scenarios/lanes/anti-join.json';
import type { WorkspaceDoc } from './types';

/** A lane as a scenario's `lanes` array holds it: a pattern name or an object. */
export type LaneEntry = NonNullable<WorkspaceDoc['lanes']>[number];

/** A template the "New lane" editor starts from: a built-in written as a custom lane, or a blank lane. */
export interface LaneTemplate {
  id: string;
  label: string;
  /** Needs `table.partitionBy` (the overwrite lane deletes a partition). */
  partitioned?: boolean;
  lane: LaneScriptDoc;
}

const BLANK: LaneScriptDoc = { id: 'my-lane', pattern: 'custom', sql: { unit: 'file', transaction: false, statements: ['INSERT INTO dest SELECT * FROM batch'] } };

/** The templates of the lane editor, blank first, then the five built-ins written as custom lanes (scenarios/lanes). */
export const LANE_TEMPLATES: readonly LaneTemplate[] = [
  { id: 'blank', label: 'Blank lane (appends every row)', lane: BLANK },
  { id: 'naive', label: 'naive: row by row, no memory', lane: naive as LaneScriptDoc },
  { id: 'tracking-atomic', label: 'tracking-atomic: rows and mark in one transaction', lane: trackingAtomic as LaneScriptDoc },
  { id: 'overwrite', label: 'overwrite: replace the partitions', lane: overwrite as LaneScriptDoc, partitioned: true },
  { id: 'merge-latest', label: 'merge-latest: upsert the newest version', lane: mergeLatest as LaneScriptDoc },
  { id: 'anti-join', label: 'anti-join: insert only the missing keys', lane: antiJoin as LaneScriptDoc },
];

/** The lanes a document runs, as entries: its own `lanes`, or the built-ins its table supports (the engine's default). */
export function docLanes(doc: WorkspaceDoc): LaneEntry[] {
  if (doc.lanes) return [...doc.lanes];
  return PATTERN_IDS.filter((p) => doc.table.partitionBy !== undefined || !PARTITIONED_PATTERNS.includes(p));
}

/** A lane entry's id. */
export const laneEntryId = (l: LaneEntry): string => (typeof l === 'string' ? l : l.id);

/** The custom lane `id` of a document, or null (a built-in or absent). */
export function customLaneOf(doc: WorkspaceDoc | null, id: string): LaneScriptDoc | null {
  const l = doc?.lanes?.find((x) => typeof x !== 'string' && x.id === id && x.pattern === 'custom');
  return l && typeof l !== 'string' ? (l as LaneScriptDoc) : null;
}

/** An id for a new lane that no lane of the document has yet: `base`, else `base-2`, `base-3`… */
export function freeLaneId(doc: WorkspaceDoc, base: string): string {
  const taken = new Set(docLanes(doc).map(laneEntryId));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** The document with `lane` added at the end, or in place of the lane `replacing` (an edit keeps the column's place). */
export function withCustomLane(doc: WorkspaceDoc, lane: LaneScriptDoc, replacing: string | null = null): WorkspaceDoc {
  const lanes = docLanes(doc);
  const at = replacing === null ? -1 : lanes.findIndex((l) => laneEntryId(l) === replacing);
  const next = at < 0 ? [...lanes, lane] : lanes.map((l, i) => (i === at ? lane : l));
  return { ...doc, lanes: next as WorkspaceDoc['lanes'] };
}

/** The document without the lane `id` (its last lane is never removed: a scenario runs at least one). */
export function withoutLane(doc: WorkspaceDoc, id: string): WorkspaceDoc {
  const lanes = docLanes(doc).filter((l) => laneEntryId(l) !== id);
  return lanes.length === 0 ? doc : { ...doc, lanes: lanes as WorkspaceDoc['lanes'] };
}

/** The script a template opens with, its id made free in the document. */
export function templateScript(doc: WorkspaceDoc | null, template: LaneTemplate): string {
  const id = doc ? freeLaneId(doc, template.id === 'blank' ? 'my-lane' : `my-${template.id}`) : template.lane.id;
  const { label: _label, ...lane } = template.lane;
  return laneToScript({ ...lane, id });
}

/** A problem of a lane script on its line, as the editor marks it and its list says it. */
export interface LaneIssue {
  line: number;
  /** The statement it is about, as the scenario format names it (`statements[1]`), when it is about one. */
  statement: string | null;
  message: string;
}

/**
 * Places validator issues about a lane (paths under `prefix`, e.g. `['lanes', 10]`) on the script's lines:
 * `sql.statements[1]…` on that statement's first line, anything else about the lane on line 1.
 */
export function locateLaneIssues(text: string, prefix: readonly (string | number)[], issues: readonly ValidationIssue[]): LaneIssue[] {
  const lines = statementLines(text);
  const out: LaneIssue[] = [];
  for (const issue of issues) {
    const p = issue.path;
    const inLane = prefix.every((x, i) => p[i] === x);
    if (!inLane) {
      out.push({ line: 1, statement: null, message: `${p.join('.') || '(document)'}: ${issue.message}` });
      continue;
    }
    const rest = p.slice(prefix.length);
    if (rest[0] === 'sql' && typeof rest[1] === 'string') {
      const section = rest[1];
      const statement = section === 'skip' ? 'skip' : typeof rest[2] === 'number' ? `${section}[${rest[2]}]` : null;
      const line = statement ? lines[statement] : undefined;
      out.push({ line: line ?? 1, statement: statement ?? section, message: issue.message });
    } else out.push({ line: 1, statement: null, message: rest.length ? `${rest.join('.')}: ${issue.message}` : issue.message });
  }
  return out;
}

/** A script parsed for the editor: the lane, or its problems on their lines. */
export function readLaneScript(text: string): { ok: true; lane: LaneScriptDoc } | { ok: false; issues: LaneIssue[] } {
  const parsed = parseLaneScript(text);
  if (parsed.ok) return parsed;
  return { ok: false, issues: parsed.issues.map((i) => ({ line: i.line, statement: null, message: i.message })) };
}

/** How a lane issue reads in the editor's list. */
export const laneIssueText = (i: LaneIssue): string => `${i.statement ? `${i.statement}: ` : ''}${i.message}`;

/** The line of a statement named as the scenario format names it (`statements[1]`, `skip`), or 1. */
export function statementLine(text: string, statement: string | null): number {
  return (statement && statementLines(text)[statement]) || 1;
}

/**
 * Everything wrong with a lane script, on its lines: the script's own problems, else the validator's for the document
 * `place` puts the lane in (its issues under `prefix` land on the statements; the rest on line 1).
 */
export function checkLaneScript(
  text: string,
  place: (lane: LaneScriptDoc) => { doc: unknown; prefix: readonly (string | number)[] },
): { lane: LaneScriptDoc | null; issues: LaneIssue[] } {
  const read = readLaneScript(text);
  if (!read.ok) return { lane: null, issues: read.issues };
  const { doc, prefix } = place(read.lane);
  const v = validateScenario(doc);
  return { lane: read.lane, issues: v.ok ? [] : locateLaneIssues(text, prefix, v.errors) };
}

/** Where the playground's editor puts a lane: in the workspace document, at the end or in place of `replacing`. */
export function placeInWorkspace(doc: WorkspaceDoc, replacing: string | null) {
  return (lane: LaneScriptDoc) => {
    const next = withCustomLane(doc, lane, replacing);
    const index = (next.lanes ?? []).findIndex((l) => typeof l !== 'string' && l === (lane as unknown));
    return { doc: next, prefix: ['lanes', index] as const };
  };
}
