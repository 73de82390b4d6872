import type { Actor } from '../access/actor.js';
import { requireScope } from '../access/actor.js';
import type { AuditEntry, AuditQuery } from './audit-schemas.js';
import type { HubContext } from '../hub-context.js';
import type { AuditLogTable } from '../store/database.js';

/** One page of audit entries matching the filters, newest first; limited actors see only their organizations. */
export async function queryAudit(
  hub: HubContext,
  actor: Actor,
  query: Omit<AuditQuery, 'format'>,
): Promise<{ items: AuditEntry[]; next_cursor: string | null }> {
  requireScope(actor, 'read');
  let q = hub.store.db.selectFrom('audit_log').selectAll();
  if (query.action) q = q.where('action', '=', query.action);
  if (query.organization_id) q = q.where('organization_id', '=', query.organization_id);
  if (query.outcome) q = q.where('outcome', '=', query.outcome);
  if (query.token_id) q = q.where('token_id', '=', query.token_id);
  if (query.since) q = q.where('at', '>=', query.since);
  if (query.until) q = q.where('at', '<', query.until);
  if (query.cursor) q = q.where('id', '<', query.cursor);
  if (actor.organizationIds !== null) {
    // An empty list would make `in ()` invalid SQL; such a token simply sees nothing.
    if (actor.organizationIds.length === 0) return { items: [], next_cursor: null };
    q = q.where('organization_id', 'in', actor.organizationIds);
  }
  const rows = await q.orderBy('id', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toAuditEntry),
    next_cursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

/** A stored row as the API shows it (inputs parsed back from JSON). */
export function toAuditEntry(row: AuditLogTable): AuditEntry {
  let inputs: unknown = null;
  if (row.inputs !== null) {
    try {
      inputs = JSON.parse(row.inputs);
    } catch {
      inputs = null;
    }
  }
  return { ...row, inputs };
}

/** Every matching entry as CSV (RFC 4180 quoting), newest first, up to `max` rows. */
export async function exportAuditCsv(
  hub: HubContext,
  actor: Actor,
  query: Omit<AuditQuery, 'format' | 'limit' | 'cursor'>,
  max = 100_000,
): Promise<string> {
  const columns = ['id', 'at', 'token_id', 'actor', 'action', 'organization_id', 'target_type', 'target_id', 'outcome', 'error_code', 'inputs'] as const;
  const lines = [columns.join(',')];
  let cursor: string | undefined;
  let count = 0;
  do {
    const page = await queryAudit(hub, actor, { ...query, limit: 1000, ...(cursor ? { cursor } : {}) });
    for (const entry of page.items) {
      lines.push(
        columns
          .map((c) => {
            const value = c === 'inputs' ? (entry.inputs === null ? '' : JSON.stringify(entry.inputs)) : entry[c];
            return csvField(value ?? '');
          })
          .join(','),
      );
      if (++count >= max) return lines.join('\r\n') + '\r\n';
    }
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return lines.join('\r\n') + '\r\n';
}

/** Quotes a CSV field when needed; a leading =+-@ is prefixed with `'` so spreadsheets do not run it as a formula. */
export function csvField(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
