import { HubError } from '../../errors/hub-error.js';
import type { DuoCaller } from '../duo-caller.js';

/** The single user a username or email filter finds, or `not_found` (Duo answers an empty list). */
export async function findUser(
  client: DuoCaller,
  filter: { username: string } | { email: string },
): Promise<Record<string, unknown>> {
  const answer = await client.request('GET', '/admin/v1/users', filter);
  const list = Array.isArray(answer.response) ? (answer.response as Record<string, unknown>[]) : [];
  const [user] = list;
  if (!user) {
    const by = 'username' in filter ? 'username' : 'email';
    throw new HubError('not_found', { message: `No Duo user has that ${by}.`, details: { lookup: by } });
  }
  return user;
}
