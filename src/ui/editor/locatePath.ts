import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { formatPath, type ValidationIssue } from '../../engine/issues';

/** A 1-based position in the text, as Monaco counts (columns in UTF-16 code units). */
export interface TextPosition {
  line: number;
  column: number;
}

/** An issue placed in the text: where it points, its path as the contract prints it, and its message. */
export interface LocatedIssue extends TextPosition {
  path: string;
  message: string;
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

/** The text's JSON tree, or null when the text is not strict JSON (no comments, no trailing commas). */
function jsonTree(text: string): Node | null {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return root && errors.length === 0 ? root : null;
}

/** The node at the path, or at its deepest existing ancestor: a member's key, an array's item, the document's start. */
function offsetOf(root: Node, path: ValidationIssue['path']): number {
  for (let n = path.length; n > 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (node) return node.parent?.type === 'property' ? node.parent.offset : node.offset;
  }
  return root.offset;
}

/**
 * Where a validation path points in the JSON text: the member's key for object paths, the item for array paths.
 * A path that goes deeper than the document (a missing member) stops at its deepest existing ancestor.
 * Null when the text is not valid JSON.
 */
export function locatePath(text: string, path: ValidationIssue['path']): TextPosition | null {
  const root = jsonTree(text);
  return root ? positionAt(text, offsetOf(root, path)) : null;
}

/**
 * Places each issue in the text (parsed once): a JSON syntax error at its offset, any other issue at its path;
 * line 1 when the text no longer parses (issues may lag the text by one validation).
 */
export function locateIssues(text: string, issues: readonly ValidationIssue[]): LocatedIssue[] {
  let root: Node | null | undefined;
  return issues.map((issue) => {
    let at: TextPosition = { line: 1, column: 1 };
    if (issue.offset !== undefined) at = positionAt(text, issue.offset);
    else {
      if (root === undefined) root = jsonTree(text);
      if (root) at = positionAt(text, offsetOf(root, issue.path));
    }
    return { ...at, path: formatPath(issue.path), message: issue.message };
  });
}
