import type { z } from 'zod';
import type { AnyAction } from '../actions/define-action.js';
import type { FieldIssue } from '../errors/error-registry.js';
import { zodIssuesToFieldIssues } from '../errors/zod-issues-to-field-issues.js';

/** The input fields a bulk plan fills from each user. */
export const USER_FIELDS = ['user_id', 'username', 'email'] as const;

/** One of `USER_FIELDS`. */
export type UserField = (typeof USER_FIELDS)[number];

/** What a plan knows of a user. */
export interface PlanUser {
  user_id: string;
  username: string;
  email: string | null;
  status: string;
  /** Unix seconds, or null when never. */
  last_login: number | null;
  aliases: string[];
}

/** The keys of an action's input object, looking through refinements and pipes; null when it is not an object. */
export function inputKeysOf(action: AnyAction): string[] | null {
  let schema: z.ZodType | undefined = action.input;
  for (let depth = 0; schema && depth < 5; depth++) {
    const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
    if (shape && typeof shape === 'object') return Object.keys(shape);
    const def = (schema as unknown as { _zod?: { def?: { type?: string; in?: z.ZodType; innerType?: z.ZodType } } })._zod?.def;
    schema = def?.type === 'pipe' ? def.in : def?.innerType;
  }
  return null;
}

/** Which of user_id, username and email an action's input accepts. */
export function userFieldsOf(action: AnyAction): UserField[] {
  const keys = inputKeysOf(action) ?? [];
  return USER_FIELDS.filter((f) => keys.includes(f));
}

/** Whether an action acts on one user per call: its input has `user_id` or `username`. */
export function isPerUserAction(action: AnyAction): boolean {
  const fields = userFieldsOf(action);
  return fields.includes('user_id') || fields.includes('username');
}

/**
 * The input of one user's call (pure apart from the schema check): the template with the user's
 * fields the schema accepts filled in, unless the template gives them. The fewest fields that make
 * a valid input win, the stable id first (bypass codes want exactly one reference; enrolling wants
 * both username and email), so a call never renames a user to the name it already has by accident.
 * No valid fill: the issues of the fullest attempt.
 */
export function fillUserInput(
  action: AnyAction,
  template: Readonly<Record<string, unknown>>,
  user: PlanUser,
): { input: Record<string, unknown> } | { issues: FieldIssue[] } {
  const accepted = userFieldsOf(action).filter((f) => template[f] === undefined);
  const value = (f: UserField): string | null => (f === 'user_id' ? user.user_id : f === 'username' ? user.username : user.email);
  // Last, nothing filled: the template may name the user itself.
  const attempts: UserField[][] = [...accepted.map((f) => [f]), accepted, []];
  let issues: FieldIssue[] = [];
  const tried = new Set<string>();
  for (const fields of attempts) {
    const usable = fields.filter((f) => value(f) !== null);
    const key = usable.join(',');
    if (tried.has(key)) continue;
    tried.add(key);
    const input: Record<string, unknown> = { ...Object.fromEntries(usable.map((f) => [f, value(f)])), ...template };
    const parsed = action.input.safeParse(input);
    if (parsed.success) return { input };
    if (usable.length === 0 && accepted.length > 0) continue;
    issues = zodIssuesToFieldIssues(parsed.error, 'body').map((d) => ({ ...d, field: d.field ? `input.${d.field}` : 'input' }));
  }
  return { issues };
}
