import type { z } from 'zod';
import type { ValidationIssue } from './issues';

/** A zod error as the validator's issues, each with its JSON path (the one mapping every schema of the engine uses). */
export function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    // a bad record key: say what is wrong with it (zod says only "Invalid key in record")
    message: issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message,
  }));
}
