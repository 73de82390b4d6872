import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';

/**
 * Log sync as jobs (issue 17): each row of `log_checkpoints` becomes a job unit. A unit is due while
 * `request_seq > done_seq` (on-demand starts and schedule slots bump `request_seq`; a finished run
 * sets `done_seq` to the value it claimed), and is held by at most one worker at a time through its
 * lease (`replica_id`, `worker_id`, `lease_expires_at`), fenced by `attempts` so a presumed-dead
 * holder can never write after a take-over.
 */
export const logSyncMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // SQLite alters one column per statement.
    const columns: Array<[string, 'text' | 'integer', ((c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder)?]> = [
      // Duo's name and API host of the account (children only; the parent's host is the Admin keys').
      ['account_name', 'text'],
      ['api_hostname', 'text'],
      ['request_seq', 'integer', (c) => c.notNull().defaultTo(0)],
      ['done_seq', 'integer', (c) => c.notNull().defaultTo(0)],
      // The schedule slot that last requested the unit: one request per slot however many replicas tick.
      ['schedule_slot', 'text'],
      ['replica_id', 'text'],
      ['worker_id', 'text'],
      ['lease_expires_at', 'text'],
      // Claims so far; also the fencing token of the current claim.
      ['attempts', 'integer', (c) => c.notNull().defaultTo(0)],
      ['last_started_at', 'text'],
      ['last_fetched', 'integer', (c) => c.notNull().defaultTo(0)],
      ['last_inserted', 'integer', (c) => c.notNull().defaultTo(0)],
      // Rows of the unit in log_events: moved with every stored page and every prune, in their transactions, so status never counts rows.
      ['events_stored', 'integer', (c) => c.notNull().defaultTo(0)],
      // The replica whose run last finished.
      ['processed_by', 'text'],
      // Set when the account left the integration's account list: the unit is kept but no longer run.
      ['removed_at', 'text'],
    ];
    for (const [name, type, build] of columns) {
      await db.schema
        .alterTable('log_checkpoints')
        .addColumn(name, type, build ?? ((c) => c))
        .execute();
    }
  },
  async down(db: Kysely<unknown>) {
    for (const name of [
      'removed_at',
      'processed_by',
      'events_stored',
      'last_inserted',
      'last_fetched',
      'last_started_at',
      'attempts',
      'lease_expires_at',
      'worker_id',
      'replica_id',
      'schedule_slot',
      'done_seq',
      'request_seq',
      'api_hostname',
      'account_name',
    ]) {
      await db.schema.alterTable('log_checkpoints').dropColumn(name).execute();
    }
  },
};
