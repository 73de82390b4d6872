import type { Kysely, Migration } from 'kysely';

/** MFA coverage runs, their per-account tasks, and the dated snapshots finished runs leave behind. */
export const coverageJobsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('coverage_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('integration_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text')
      // One scheduled run per integration and interval slot, however many replicas tick at once.
      .addColumn('schedule_slot', 'text')
      // The reference time every account is judged against (epoch ms; a double is exact to 2^53).
      .addColumn('now_ms', 'double precision', (c) => c.notNull())
      .addColumn('accounts_total', 'integer', (c) => c.notNull())
      .addColumn('accounts_done', 'integer', (c) => c.notNull())
      .addColumn('accounts_failed', 'integer', (c) => c.notNull())
      .addColumn('users_seen', 'integer', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addUniqueConstraint('coverage_runs_schedule_slot_uq', ['integration_id', 'schedule_slot'])
      .execute();
    await db.schema.createIndex('coverage_runs_status_idx').on('coverage_runs').columns(['status', 'created_at']).execute();

    await db.schema
      .createTable('coverage_tasks')
      .addColumn('run_id', 'text', (c) => c.notNull().references('coverage_runs.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('api_hostname', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('replica_id', 'text')
      .addColumn('worker_id', 'text')
      .addColumn('lease_expires_at', 'text')
      .addColumn('users_seen', 'integer', (c) => c.notNull())
      .addColumn('processed_by', 'text')
      .addColumn('result', 'text')
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addPrimaryKeyConstraint('coverage_tasks_pk', ['run_id', 'account_id'])
      .execute();
    await db.schema.createIndex('coverage_tasks_status_idx').on('coverage_tasks').columns(['status', 'run_id']).execute();

    await db.schema
      .createTable('coverage_snapshots')
      .addColumn('id', 'text', (c) => c.primaryKey().references('coverage_runs.id').onDelete('cascade'))
      .addColumn('integration_id', 'text', (c) => c.notNull())
      .addColumn('taken_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text', (c) => c.notNull())
      .addColumn('totals', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('coverage_snapshots_taken_idx').on('coverage_snapshots').columns(['integration_id', 'taken_at']).execute();

    await db.schema
      .createTable('coverage_snapshot_rows')
      .addColumn('snapshot_id', 'text', (c) => c.notNull().references('coverage_snapshots.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('organization_id', 'text')
      .addColumn('organization_name', 'text')
      .addColumn('duo_account_name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('users', 'integer', (c) => c.notNull())
      .addColumn('mfa', 'integer', (c) => c.notNull())
      .addColumn('no_mfa', 'integer', (c) => c.notNull())
      .addColumn('coverage', 'text')
      .addColumn('mfa_user_ids', 'text')
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('coverage_snapshot_rows_pk', ['snapshot_id', 'account_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['coverage_snapshot_rows', 'coverage_snapshots', 'coverage_tasks', 'coverage_runs']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
