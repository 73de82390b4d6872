import { USERS_BULK_MAX, type DuoAdminClient, type DuoUser } from '@duohub/sdk';
import { z } from 'zod';
import { resolveUserRef, userReference } from '../bypass-codes/resolve-user-ref.js';
import { duoId } from '../schemas/common.js';

/** 1-100 users named any way people type them (id, username, alias, email). */
export const userReferenceList = z
  .array(userReference.unwrap())
  .min(1)
  .max(USERS_BULK_MAX)
  .describe(`1 to ${USERS_BULK_MAX} users: Duo user ids, usernames, aliases or email addresses`);

/** 1-100 Duo user ids (trashed users cannot be looked up by name). */
export const userIdList = z.array(duoId('user')).min(1).max(USERS_BULK_MAX).describe(`1 to ${USERS_BULK_MAX} Duo user ids`);

/** The user ids a list of references names, in order, without repeats. */
export async function resolveUserIds(client: DuoAdminClient, refs: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const user of refs) ids.push((await resolveUserRef(client, { user })).user_id);
  return [...new Set(ids)];
}

/** The users among `ids` that ordinary reads still show (not trashed, not deleted), by id. */
export async function visibleUsers(client: DuoAdminClient, ids: readonly string[]): Promise<Map<string, DuoUser>> {
  const found = await client.users.list({ user_id_list: [...ids] }).toArray();
  return new Map(found.map((u) => [u.user_id, u]));
}
