import type { BulkRunRequest } from './bulk-types.ts';

/**
 * The plan request behind "Send enrollment to these N users": `users.enroll` in exactly one
 * organization for exactly the usernames listed, so the plan matches what the person saw (a fresh
 * `without_mfa` query could differ from the snapshot on screen). Approval is required, as for any
 * run that emails people.
 */
export function enrollmentRunBody(organization: { id: string; name: string }, usernames: readonly string[]): BulkRunRequest {
  const n = usernames.length;
  return {
    action_id: 'users.enroll',
    title: `Enrollment for ${n} ${n === 1 ? 'user' : 'users'} without MFA in ${organization.name}`,
    organizations: { ids: [organization.id] },
    users: { usernames: [...usernames] },
    requires_approval: true,
  };
}
