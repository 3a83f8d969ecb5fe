/**
 * Validation problems as data, and the one way they are printed. Free of zod so the UI can import it without pulling
 * the validator into the main bundle (the validator itself loads lazily).
 */

/** One problem in a scenario: where it is (a JSON path as an array, `[]` for the whole document) and what it is. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  /** Where in the text a JSON syntax error is (UTF-16 offset), when known; only `parseScenarioText` sets it. */
  offset?: number;
}

/** Renders a JSON path the way the contract shows it: `runs[1].input[0]`; the empty path is `(document)`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(document)' : out;
}

/** `runs[1].input[0]: unknown file "f9"`: what the CLI prints and the UI lists. */
export function formatIssue(issue: ValidationIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}
