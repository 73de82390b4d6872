import type { Kysely, Migration } from 'kysely';

/**
 * Fleet operations (issue 18): organization tags, bulk runs (a saved plan of items, run per
 * organization as leased tasks), baselines and the drift they find. Design notes live in
 * `src/bulk/bulk-tables.ts` and `src/baselines/baseline-tables.ts`.
 */
export const fleetOperationsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // JSON array of lower-case tags; bulk runs and baselines select organizations by them.
    await db.schema.alterTable('organizations').addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]')).execute();

    await db.schema
      .createTable('bulk_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      // The action every item runs, or null when items run different actions (a baseline's apply).
      .addColumn('action_id', 'text')
      // manual | coverage | baseline
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('baseline_id', 'text')
      // planned | queued | running | paused | cancelled | completed
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('requires_approval', 'integer', (c) => c.notNull())
      .addColumn('approved_by', 'text')
      .addColumn('approved_at', 'text')
      // The request the plan was built from, secrets removed (JSON).
      .addColumn('spec', 'text', (c) => c.notNull())
      // sha256 over the items: what the approver approved and what `run` executes.
      .addColumn('plan_hash', 'text', (c) => c.notNull())
      .addColumn('items_total', 'integer', (c) => c.notNull())
      .addColumn('items_done', 'integer', (c) => c.notNull())
      .addColumn('items_skipped', 'integer', (c) => c.notNull())
      .addColumn('items_failed', 'integer', (c) => c.notNull())
      .addColumn('items_review', 'integer', (c) => c.notNull())
      .addColumn('items_cancelled', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('bulk_runs_status_idx').on('bulk_runs').columns(['status', 'created_at']).execute();

    await db.schema
      .createTable('bulk_tasks')
      .addColumn('run_id', 'text', (c) => c.notNull().references('bulk_runs.id').onDelete('cascade'))
      .addColumn('organization_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      // pending | running | done | cancelled
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('replica_id', 'text')
      .addColumn('worker_id', 'text')
      .addColumn('lease_expires_at', 'text')
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addPrimaryKeyConstraint('bulk_tasks_pk', ['run_id', 'organization_id'])
      .execute();
    await db.schema.createIndex('bulk_tasks_status_idx').on('bulk_tasks').columns(['status', 'run_id']).execute();

    await db.schema
      .createTable('bulk_items')
      .addColumn('run_id', 'text', (c) => c.notNull().references('bulk_runs.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('organization_id', 'text', (c) => c.notNull())
      .addColumn('action_id', 'text', (c) => c.notNull())
      // What the item acts on, for people (a username, an organization's name) and its Duo id.
      .addColumn('target', 'text')
      .addColumn('target_id', 'text')
      // The full input, sealed (bulk_items / input / <run_id>:<seq>): it may hold secrets.
      .addColumn('input_sealed', 'text', (c) => c.notNull())
      // The input with secrets redacted, for plans, reports and audit (JSON).
      .addColumn('input_display', 'text', (c) => c.notNull())
      // pending | calling | done | skipped | failed | review | cancelled
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      // JSON: what happened (Duo's error, the reconciliation, a summary without secrets).
      .addColumn('outcome', 'text')
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addPrimaryKeyConstraint('bulk_items_pk', ['run_id', 'seq'])
      .execute();
    await db.schema.createIndex('bulk_items_task_idx').on('bulk_items').columns(['run_id', 'organization_id', 'status', 'seq']).execute();

    await db.schema
      .createTable('baselines')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text')
      // JSON: which organizations ({ all: true } | { organization_ids } | { tags } | { name_pattern }).
      .addColumn('selector', 'text', (c) => c.notNull())
      // JSON: the wanted values ({ settings: {...}, policies?: {...} }).
      .addColumn('wanted', 'text', (c) => c.notNull())
      // A check interval such as `6h`, or null for checks on demand only.
      .addColumn('check_every', 'text')
      .addColumn('last_checked_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('baseline_checks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('baseline_id', 'text', (c) => c.notNull().references('baselines.id').onDelete('cascade'))
      .addColumn('organization_id', 'text', (c) => c.notNull())
      .addColumn('checked_at', 'text', (c) => c.notNull())
      // clean | drifted | error
      .addColumn('status', 'text', (c) => c.notNull())
      // JSON array of { field, wanted, actual, since }.
      .addColumn('drift', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .execute();
    await db.schema.createIndex('baseline_checks_idx').on('baseline_checks').columns(['baseline_id', 'organization_id', 'checked_at']).execute();

    // The field-level drift open now, with the time it was first seen ("since when"); cleared when it matches again.
    await db.schema
      .createTable('baseline_drift')
      .addColumn('baseline_id', 'text', (c) => c.notNull().references('baselines.id').onDelete('cascade'))
      .addColumn('organization_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('wanted', 'text', (c) => c.notNull())
      .addColumn('actual', 'text', (c) => c.notNull())
      .addColumn('since', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('baseline_drift_pk', ['baseline_id', 'organization_id', 'field'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['baseline_drift', 'baseline_checks', 'baselines', 'bulk_items', 'bulk_tasks', 'bulk_runs']) {
      await db.schema.dropTable(table).execute();
    }
    await db.schema.alterTable('organizations').dropColumn('tags').execute();
  },
};
