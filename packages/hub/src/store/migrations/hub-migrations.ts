import type { Migration } from 'kysely';
import { initialMigration } from './0001-initial.js';
import { mfaMigration } from './0002-mfa.js';
import { coverageJobsMigration } from './0003-coverage-jobs.js';
import { masterKeysMigration } from './0004-master-keys.js';
import { organizationAuthMigration } from './0005-organization-auth.js';
import { pacerStateMigration } from './0006-pacer-state.js';
import { duoLogsMigration } from './0007-duo-logs.js';
import { logSyncMigration } from './0008-log-sync.js';
import { logForwardingMigration } from './0009-log-forwarding.js';
import { fleetOperationsMigration } from './0010-fleet-operations.js';
import { tokenExpiryMigration } from './0011-token-expiry.js';
import { pacerResetMigration } from './0012-pacer-reset.js';
import { coverageTaskPartsMigration } from './0013-coverage-task-parts.js';
import { coverageTaskOrderMigration } from './0014-coverage-task-order.js';
import { coverageUsersApartMigration } from './0015-coverage-users-apart.js';

/**
 * Every migration, in order, as code. Later work appends here (jobs and reports, MFA methods);
 * names sort lexically, so keep the 4-digit prefix.
 */
export const hubMigrations: Record<string, Migration> = {
  '0001_initial': initialMigration,
  '0002_mfa': mfaMigration,
  '0003_coverage_jobs': coverageJobsMigration,
  '0004_master_keys': masterKeysMigration,
  '0005_organization_auth': organizationAuthMigration,
  '0006_pacer_state': pacerStateMigration,
  '0007_duo_logs': duoLogsMigration,
  '0008_log_sync': logSyncMigration,
  '0009_log_forwarding': logForwardingMigration,
  '0010_fleet_operations': fleetOperationsMigration,
  '0011_token_expiry': tokenExpiryMigration,
  '0012_pacer_reset': pacerResetMigration,
  '0013_coverage_task_parts': coverageTaskPartsMigration,
  '0014_coverage_task_order': coverageTaskOrderMigration,
  '0015_coverage_users_apart': coverageUsersApartMigration,
};
