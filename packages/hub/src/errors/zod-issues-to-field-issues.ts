import type { ZodError } from 'zod';
import type { FieldIssue } from './error-registry.js';

/** Zod's issues as field-level details; messages are zod's own, which name types and limits, not values. */
export function zodIssuesToFieldIssues(error: ZodError, location: string): FieldIssue[] {
  return error.issues.map((issue) => {
    let field = issue.path.map(String).join('.');
    // Unknown keys are reported on their parent; naming the key itself is what a caller needs.
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys?: string[] }).keys ?? [];
      field = keys.map((k) => (field ? `${field}.${k}` : k)).join(',');
    }
    return { in: location, field, message: issue.message };
  });
}
