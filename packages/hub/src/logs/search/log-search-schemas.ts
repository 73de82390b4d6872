import { z } from '@hono/zod-openapi';
import { LOG_TYPES } from '../log-tables.js';
import { decodeLogCursor } from './log-cursor.js';
import type { LogFilters } from './log-filters.js';
import { parseLogTime } from './parse-log-time.js';

/** The most rows one search page returns. */
export const MAX_LOG_PAGE = 1000;
/** Values a repeatable filter takes at most. */
const MAX_REPEATS = 100;
/** The dashboard's span when `since` is not given. */
export const DEFAULT_DASHBOARD_DAYS = 30;

const TIME_MESSAGE = 'must be epoch milliseconds, a date (YYYY-MM-DD, UTC) or an ISO-8601 date-time with a zone such as 2026-01-31T12:00:00Z';

const param = (name: string, description?: string) => ({ param: { name, in: 'query' as const }, ...(description ? { description } : {}) });
const text = (name: string, description?: string, max = 200) => z.string().min(1).max(max).optional().openapi(param(name, description));

/** A query parameter that may repeat (`?organization_id=a&organization_id=b`); always read as a list. */
function repeatable<T extends z.ZodType<string, string>>(item: T, name: string, description: string) {
  return z
    .union([item, z.array(item).min(1).max(MAX_REPEATS)])
    .optional()
    .transform((v): Array<z.output<T>> | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]))
    .openapi({ param: { name, in: 'query', style: 'form', explode: true }, description });
}

const time = (name: string, description: string) =>
  z
    .string()
    .max(40)
    .refine((v) => parseLogTime(v) !== undefined, TIME_MESSAGE)
    .transform((v) => parseLogTime(v)!)
    .optional()
    .openapi({ ...param(name, description), example: '2026-11-01T00:00:00Z' });

const OrganizationIds = repeatable(z.string().min(1).max(100), 'organization_id', 'Only these organizations (repeat the parameter for several). A limited token sees only its own: others match nothing.');

/** Filters shared by the search, the export and (in part) the dashboard. */
const filterShape = {
  organization_id: OrganizationIds,
  duo_account_id: text('duo_account_id', 'A Duo child account id, or `parent`.', 100),
  log_type: repeatable(z.enum(LOG_TYPES), 'log_type', `Only these log types (repeatable): ${LOG_TYPES.join(', ')}.`),
  username: text('username', 'Exact username as Duo logged it.'),
  application: text('application', 'Exact application (integration) name.'),
  factor: text('factor', 'e.g. duo_push, phone_call, passcode, sms_passcode, webauthn.', 100),
  result: text('result', 'e.g. success, denied, fraud.', 100),
  reason: text('reason', 'e.g. user_approved, user_denied, user_marked_fraud, deny_unenrolled_user.', 100),
  event_type: text('event_type', 'Exact event type (authentication, enrollment, or an administrator action such as user_update).', 100),
  since: time('since', 'Inclusive lower bound on when it happened.'),
  until: time('until', 'Exclusive upper bound on when it happened.'),
  q: text('q', 'Text found anywhere in the username or event type, ignoring case.'),
};

type TimeRange = { since?: number | undefined; until?: number | undefined };

/** `until` must come after `since`: reported on `until`. */
function checkRange(value: TimeRange, ctx: z.RefinementCtx): void {
  if (value.since !== undefined && value.until !== undefined && value.until <= value.since) {
    ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be later than since' });
  }
}

/** Query of `GET /api/logs`. */
export const LogSearchQuerySchema = z
  .object({
    ...filterShape,
    limit: z.coerce.number().int().min(1).max(MAX_LOG_PAGE).default(100).openapi(param('limit', `Rows per page, at most ${MAX_LOG_PAGE}.`)),
    cursor: z
      .string()
      .max(300)
      .refine((v) => decodeLogCursor(v) !== undefined, 'is not a cursor of this API; pass next_cursor back unchanged')
      .transform((v) => decodeLogCursor(v)!)
      .optional()
      .openapi(param('cursor', '`next_cursor` of the previous page (opaque).')),
  })
  .superRefine(checkRange);

/** Query of `GET /api/logs/export`. */
export const LogExportQuerySchema = z
  .object({
    ...filterShape,
    format: z.enum(['jsonl', 'csv']).default('jsonl').openapi(param('format', '`jsonl`: one search item per line; `csv`: fixed columns (the search fields, then raw).')),
  })
  .superRefine(checkRange);

/** Query of `GET /api/logs/dashboard`. */
export const LogDashboardQuerySchema = z
  .object({
    organization_id: OrganizationIds,
    since: time('since', `Inclusive lower bound (default: ${DEFAULT_DASHBOARD_DAYS} days ago).`),
    until: time('until', 'Exclusive upper bound (default: none).'),
    utc_offset_minutes: z.coerce
      .number()
      .int()
      .min(-840)
      .max(840)
      .default(0)
      .openapi(param('utc_offset_minutes', "Minutes east of UTC where days begin (the viewer's zone, e.g. 60 for UTC+1); default 0.")),
  })
  .superRefine(checkRange);

/** The parsed filters of a search or export query. */
export function toLogFilters(q: z.output<typeof LogExportQuerySchema> | z.output<typeof LogSearchQuerySchema>): LogFilters {
  return {
    organizationIds: q.organization_id,
    duoAccountId: q.duo_account_id,
    logTypes: q.log_type,
    username: q.username,
    application: q.application,
    factor: q.factor,
    result: q.result,
    reason: q.reason,
    eventType: q.event_type,
    since: q.since,
    until: q.until,
    q: q.q,
  };
}

const nullableText = z.string().nullable();
const NamedCount = z.object({ name: z.string(), count: z.number().int() });

/** One stored Duo log entry. */
export const LogItemSchema = z
  .object({
    id: z.string(),
    occurred_at: z.string().openapi({ description: 'When it happened in Duo (ISO-8601, UTC).' }),
    log_type: z.enum(LOG_TYPES),
    organization_id: nullableText.openapi({ description: 'The organization mapped to the Duo account (stored entries are re-tagged when a mapping changes); null for an unmapped account.' }),
    duo_account_id: z.string(),
    integration_id: z.string(),
    event_key: z.string().openapi({ description: "Duo's identity of the entry within its account and type (txid, telephony id...)." }),
    username: nullableText,
    application: nullableText,
    factor: nullableText,
    result: nullableText,
    reason: nullableText,
    event_type: nullableText,
    ip: nullableText,
    ingested_at: z.string(),
    event: z.unknown().openapi({ description: "Duo's log row as Duo returned it." }),
  })
  .openapi('LogEvent');

/** A page of log events, newest first. */
export const LogPageSchema = z
  .object({ items: z.array(LogItemSchema), next_cursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null at the end.' }) })
  .openapi('LogPage');

/** Figures of every log type for one organization or the fleet. */
export const LogDashboardSchema = z
  .object({
    scope: z.object({
      organization_ids: z.array(z.string()).nullable().openapi({ description: 'The organizations counted; null for every one (an unlimited token without a filter).' }),
      since: z.string(),
      until: z.string().nullable(),
      utc_offset_minutes: z.number().int(),
    }),
    totals: z.object({ authentications: z.number().int(), success: z.number().int(), denied: z.number().int(), fraud: z.number().int() }),
    factors: z.array(z.object({ factor: z.string(), count: z.number().int() })),
    results_by_day: z.array(z.object({ day: z.string().openapi({ example: '2026-11-22' }), total: z.number().int(), results: z.record(z.string(), z.number().int()) })),
    top_failing_users: z.array(
      z.object({ username: z.string(), denied: z.number().int(), fraud: z.number().int(), failures: z.number().int(), last_failure_at: z.string() }),
    ),
    events_by_type: z.array(z.object({ log_type: z.enum(LOG_TYPES), count: z.number().int() })).openapi({ description: 'Entries of every log type in the span.' }),
    administrator: z.object({
      actions: z.number().int(),
      top_actions: z.array(NamedCount).openapi({ description: 'Administrator actions (e.g. user_update, bypass_create), most frequent first.' }),
      top_administrators: z.array(z.object({ username: z.string(), actions: z.number().int(), last_action_at: z.string() })),
    }),
    telephony: z.object({
      events: z.number().int(),
      credits_used: z.number().openapi({ description: "Sum of Duo's `credits` over the span's telephony entries." }),
      by_type: z.array(z.object({ type: z.string().openapi({ example: 'sms' }), events: z.number().int(), credits: z.number() })),
    }),
    trust_monitor: z.object({
      events: z.number().int(),
      by_type: z.array(NamedCount).openapi({ description: 'e.g. auth, bypass_status_enabled, device_registration.' }),
      by_state: z.array(NamedCount).openapi({ description: 'Triage state, e.g. new, interesting, not_interesting.' }),
    }),
    offline_enrollment: z.object({ events: z.number().int(), by_action: z.array(NamedCount), users: z.number().int().openapi({ description: 'Distinct users named.' }) }),
  })
  .openapi('LogDashboard');
