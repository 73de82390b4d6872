import type { ActionContext } from '../action-context.js';
import { pickGroupsByName } from './group-name-match.js';

/**
 * Whether a `groups.create` whose answer never came took effect. Duo keeps group names unique, so
 * one group of that exact name with the given description and status means yes, none means no, and
 * anything else (a same-named group that differs) is `unknown`.
 */
export async function reconcileGroupCreate(ctx: ActionContext, input: { name: string; desc?: string | undefined; status?: unknown }): Promise<'applied' | 'not_applied' | 'unknown'> {
  const named: Array<{ name: string; desc?: unknown; status?: unknown }> = [];
  for await (const group of ctx.admin().groups.list()) {
    if (String(group.name) === input.name) named.push({ ...group, name: String(group.name) });
  }
  const exact = pickGroupsByName(named, input.name);
  if (exact.length === 0) return 'not_applied';
  if (exact.length > 1) return 'unknown';
  const group = exact[0]!;
  if (input.desc !== undefined && String(group.desc ?? '') !== input.desc) return 'unknown';
  if (input.status !== undefined && String(group.status ?? '') !== String(input.status)) return 'unknown';
  return 'applied';
}
