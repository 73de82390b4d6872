import type { Migration } from 'kysely';
import { initialMigration } from './0001-initial.js';
import { mfaMigration } from './0002-mfa.js';
import { coverageJobsMigration } from './0003-coverage-jobs.js';

/**
 * Every migration, in order, as code. Later work appends here (jobs and reports, MFA methods);
 * names sort lexically, so keep the 4-digit prefix.
 */
export const hubMigrations: Record<string, Migration> = {
  '0001_initial': initialMigration,
  '0002_mfa': mfaMigration,
  '0003_coverage_jobs': coverageJobsMigration,
};
