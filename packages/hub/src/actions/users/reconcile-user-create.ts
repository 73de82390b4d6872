import type { ActionContext } from '../action-context.js';

// Fields a created user is compared on: what `users.create` sets and Duo shows back as given.
const COMPARED = ['email', 'realname', 'firstname', 'lastname', 'status', 'notes'] as const;

/**
 * Whether a `users.create` whose answer never came took effect: a user by that username (not an
 * alias of another) with every given field as asked means yes; no such user means no; a user
 * that differs (someone else's, or changed since) cannot be told apart and is `unknown`.
 */
export async function reconcileUserCreate(ctx: ActionContext, input: { username: string } & Partial<Record<(typeof COMPARED)[number], string>>): Promise<'applied' | 'not_applied' | 'unknown'> {
  const found = await ctx.admin().users.getByUsername(input.username, ctx.signal ? { signal: ctx.signal } : undefined);
  if (!found) return 'not_applied';
  if (String(found.username).toLowerCase() !== input.username.toLowerCase()) return 'unknown';
  const user = found as unknown as Record<string, unknown>;
  for (const field of COMPARED) {
    const wanted = input[field];
    if (wanted !== undefined && String(user[field] ?? '') !== wanted) return 'unknown';
  }
  return 'applied';
}
