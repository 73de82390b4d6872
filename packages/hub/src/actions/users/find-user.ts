import type { DuoAdminClient, DuoUser } from '@duohub/sdk';

/**
 * The single user a username (or alias) or an email names. None is `not_found`, several (an
 * email shared by two users) is `reference_ambiguous` with the candidates, both naming the field.
 */
export async function findUser(client: DuoAdminClient, filter: { username: string } | { email: string }): Promise<DuoUser> {
  return client.users.resolve(filter);
}
