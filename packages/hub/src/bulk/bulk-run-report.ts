import { requireScope, type Actor } from '../access/actor.js';
import { csvField } from '../audit/query-audit.js';
import type { HubContext } from '../hub-context.js';
import type { BulkItemView } from './bulk-plan-schemas.js';
import { toBulkItemView } from './bulk-run-view.js';
import { bulkDb } from './bulk-tables.js';
import { itemOrganizationNames } from './list-bulk-items.js';
import { requireBulkRunAccess } from './require-bulk-run-access.js';

// Items read per query while building a report.
const REPORT_CHUNK = 1000;

/** The report's CSV columns, in order. */
export const BULK_REPORT_COLUMNS = [
  'seq', 'organization_id', 'organization_name', 'action_id', 'target', 'target_id', 'status', 'attempts',
  'code', 'message', 'duo_code', 'http_status', 'summary', 'started_at', 'finished_at', 'input',
] as const;

/** Every item of a run (access-checked), in seq order. */
export async function bulkRunReportItems(hub: HubContext, actor: Actor, runId: string): Promise<BulkItemView[]> {
  requireScope(actor, 'read');
  const run = await requireBulkRunAccess(hub, actor, runId);
  const out: BulkItemView[] = [];
  for (let after = 0; ; ) {
    const rows = await bulkDb(hub.store.db).selectFrom('bulk_items').selectAll().where('run_id', '=', runId).where('seq', '>', after).orderBy('seq').limit(REPORT_CHUNK).execute();
    if (rows.length === 0) break;
    const names = await itemOrganizationNames(hub, run.spec, rows.map((r) => r.organization_id));
    out.push(...rows.map((r) => toBulkItemView(r, names.get(r.organization_id) ?? r.organization_id)));
    after = Number(rows.at(-1)!.seq);
  }
  return out;
}

/**
 * Items as CSV (pure): a header row, CRLF lines, cells quoted when needed and a leading = + - @
 * prefixed with ' so a spreadsheet never runs a username or a Duo message as a formula.
 */
export function bulkReportCsv(items: readonly BulkItemView[]): string {
  const lines = [BULK_REPORT_COLUMNS.join(',')];
  for (const item of items) {
    const o = item.outcome ?? {};
    const values: Record<(typeof BULK_REPORT_COLUMNS)[number], unknown> = {
      seq: item.seq,
      organization_id: item.organization_id,
      organization_name: item.organization_name,
      action_id: item.action_id,
      target: item.target,
      target_id: item.target_id,
      status: item.status,
      attempts: item.attempts,
      code: o.code,
      message: o.message,
      duo_code: o.duo_code,
      http_status: o.http_status,
      summary: o.summary,
      started_at: item.started_at,
      finished_at: item.finished_at,
      input: JSON.stringify(item.input),
    };
    lines.push(BULK_REPORT_COLUMNS.map((c) => csvField(values[c] === null || values[c] === undefined ? '' : String(values[c]))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
