import type { HubContext } from '../hub-context.js';
import { HubError } from '../errors/hub-error.js';
import { resolveDuoClients } from '../integrations/resolve-duo-clients.js';
import { coverageDb } from '../jobs/mfa-coverage/coverage-tables.js';
import { resolveSnapshot, type SnapshotRef } from '../reports/mfa-coverage-history/coverage-report.js';
import { storedUsersWithoutMfa } from '../reports/mfa-coverage-history/stored-coverage.js';
import type { PlanUser } from './action-user-fields.js';
import type { PlanOrganization } from './select-bulk-organizations.js';

/**
 * An organization's users read live through the Admin API (users.list, the pooled and paced
 * clients actions use: read-only calls on that organization's account only), trimmed to what a
 * plan needs.
 */
export async function readLiveUsers(hub: HubContext, org: PlanOrganization): Promise<PlanUser[]> {
  const clients = await resolveDuoClients(hub.store, { integrationId: org.integrationId!, organizationId: org.id }, hub.duo);
  if (!clients.admin) {
    throw new HubError('credentials_missing', {
      message: `Integration "${clients.integration.name}" has no credentials that reach this organization's users.`,
      details: { integration_id: clients.integration.id, credential_set: 'admin' },
    });
  }
  const users: PlanUser[] = [];
  for await (const u of clients.admin.users.list()) {
    const aliases = [u.alias1, u.alias2, u.alias3, u.alias4, ...Object.values(u.aliases ?? {})].filter((a): a is string => typeof a === 'string' && a !== '');
    users.push({
      user_id: u.user_id,
      username: u.username,
      email: u.email ? u.email : null,
      status: String(u.status),
      last_login: typeof u.last_login === 'number' ? u.last_login : null,
      aliases: [...new Set(aliases)],
    });
  }
  return users;
}

/** The users without MFA a coverage snapshot holds for an organization, or why there are none. */
export type SnapshotUsers = { snapshot: SnapshotRef; users: PlanUser[] } | { snapshot: SnapshotRef | null; missing: string };

/**
 * Users without MFA of one organization from a coverage snapshot: `snapshotId`, else the latest of
 * the organization's integration (snapshots are written only when a run finishes). The row is the
 * one of the organization's Duo account.
 */
export async function readSnapshotUsers(
  hub: HubContext,
  org: PlanOrganization,
  snapshotId: string | undefined,
  cache: Map<string, SnapshotRef | null>,
): Promise<SnapshotUsers> {
  const key = snapshotId ?? `latest:${org.integrationId}`;
  let snapshot = cache.get(key);
  if (snapshot === undefined) {
    try {
      snapshot = await resolveSnapshot(hub, snapshotId ? { id: snapshotId } : { integrationId: org.integrationId! });
    } catch (error) {
      if (!(error instanceof HubError && error.code === 'not_found')) throw error;
      if (snapshotId) throw new HubError('validation_failed', { details: [{ in: 'body', field: 'users.snapshot_id', message: 'no coverage snapshot with this id' }] });
      snapshot = null;
    }
    cache.set(key, snapshot);
  }
  if (!snapshot) return { snapshot: null, missing: 'no finished MFA coverage run for its integration yet (run `duohub report mfa-coverage`)' };
  if (snapshot.integration_id !== org.integrationId) return { snapshot, missing: `snapshot ${snapshot.id} is of another integration` };
  const row = await coverageDb(hub.store.db)
    .selectFrom('coverage_snapshot_rows')
    .select(['status', 'coverage', 'users_without_mfa'])
    .where('snapshot_id', '=', snapshot.id)
    .where('account_id', '=', org.duoAccountId!)
    .executeTakeFirst();
  if (!row) return { snapshot, missing: `snapshot ${snapshot.id} has no row for its Duo account` };
  if (row.status !== 'ok' || !row.coverage) return { snapshot, missing: `its account could not be scanned in snapshot ${snapshot.id}` };
  const list = storedUsersWithoutMfa(row);
  return {
    snapshot,
    users: list.map((u) => ({ user_id: u.user_id, username: u.username, email: u.email ? u.email : null, status: u.status, last_login: u.last_login, aliases: [] })),
  };
}
