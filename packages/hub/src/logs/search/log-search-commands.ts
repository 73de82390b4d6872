import { connectionOptions, withCliClient } from '../../cli/open-cli-client.js';
import { defineCommand, type CliCommandDefinition, type CliIo } from '../../cli/define-command.js';
import type { HubClient } from '../../cli/hub-client.js';
import { parseTimeBound } from '../../cli/parse-since.js';
import { formatTable, printResult } from '../../cli/print-result.js';
import { resolveRef } from '../../cli/resolve-ref.js';
import type { LogItem } from './to-log-item.js';

/** Filter flags shared by `logs search` and `logs export`; each maps to a query parameter of `/api/logs`. */
const filterOptions = [
  { flags: '--org <org...>', description: 'only these organizations (name or id; several: --org A B)' },
  { flags: '--account <id>', description: 'only this Duo account (a child account id, or parent)' },
  { flags: '--type <type...>', description: 'log types: authentication, administrator, telephony, activity, offline_enrollment, trust_monitor' },
  { flags: '--user <username>', description: 'only this username' },
  { flags: '--app <name>', description: 'only this application' },
  { flags: '--factor <factor>', description: 'e.g. duo_push, phone_call, passcode' },
  { flags: '--result <result>', description: 'e.g. success, denied, fraud' },
  { flags: '--reason <reason>', description: 'e.g. user_denied, user_marked_fraud' },
  { flags: '--event-type <type>', description: 'exact event type' },
  { flags: '--text <text>', description: 'text anywhere in the username or event type (ignoring case)' },
  { flags: '--since <time>', description: 'from this time on (ISO time, epoch ms, or a duration back from now: 90m, 24h, 7d)' },
  { flags: '--until <time>', description: 'before this time (same forms as --since)' },
];

const SINGLE: ReadonlyArray<readonly [string, string]> = [
  ['account', 'duo_account_id'],
  ['user', 'username'],
  ['app', 'application'],
  ['factor', 'factor'],
  ['result', 'result'],
  ['reason', 'reason'],
  ['eventType', 'event_type'],
  ['text', 'q'],
];

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

/** The query of `/api/logs` for the filter flags (organization names looked up; durations made times). */
export async function logQueryFromFlags(client: HubClient, options: Record<string, unknown>, now: Date): Promise<URLSearchParams> {
  const query = new URLSearchParams();
  for (const org of list(options.org)) query.append('organization_id', await resolveRef(client, 'organization', org));
  for (const type of list(options.type).flatMap((t) => t.split(','))) if (type.trim()) query.append('log_type', type.trim());
  for (const [flag, name] of SINGLE) if (typeof options[flag] === 'string') query.set(name, options[flag] as string);
  if (typeof options.since === 'string') query.set('since', parseTimeBound(options.since, now));
  if (typeof options.until === 'string') query.set('until', parseTimeBound(options.until, now));
  return query;
}

/** The search page as a table: times as the hub gives them (UTC), organizations by name where known. */
export function formatLogTable(items: readonly LogItem[], orgNames: ReadonlyMap<string, string>): string {
  return formatTable(
    items.map((i) => ({
      time: i.occurred_at,
      type: i.log_type,
      organization: i.organization_id ? (orgNames.get(i.organization_id) ?? i.organization_id) : `(${i.duo_account_id})`,
      user: i.username,
      application: i.application,
      factor: i.factor,
      result: i.result,
      reason: i.reason,
      event: i.log_type === 'authentication' ? null : i.event_type,
      ip: i.ip,
    })),
    ['time', 'type', 'organization', 'user', 'application', 'factor', 'result', 'reason', 'event', 'ip'],
  );
}

async function organizationNames(client: HubClient): Promise<Map<string, string>> {
  const res = await client.request('GET', '/api/organizations');
  if (res.status >= 400) return new Map();
  return new Map(((res.body as { items?: Array<{ id: string; name: string }> }).items ?? []).map((o) => [o.id, o.name]));
}

/** Copies a streamed body to stdout piece by piece; the whole body is never held. */
async function pipeToOut(body: ReadableStream<Uint8Array>, io: CliIo): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    io.out(value);
  }
}

/** `duohub logs search`: one page of stored Duo log entries, newest first. */
export const logsSearchCommand = defineCommand({
  name: 'search',
  description: "search Duo's logs kept by the hub, newest first (filters as GET /api/logs)",
  options: [
    ...filterOptions,
    { flags: '--limit <n>', description: 'entries per page (1-1000)', default: '50' },
    { flags: '--cursor <cursor>', description: 'the next page (printed after a full page)' },
    ...connectionOptions,
  ],
  run: (ctx) =>
    withCliClient(ctx, async (client) => {
      const json = Boolean(ctx.options.json);
      const query = await logQueryFromFlags(client, ctx.options, new Date());
      query.set('limit', String(ctx.options.limit));
      if (typeof ctx.options.cursor === 'string') query.set('cursor', ctx.options.cursor);
      const res = await client.request('GET', `/api/logs?${query}`);
      const names = res.status < 400 && !json ? await organizationNames(client) : new Map<string, string>();
      const code = printResult(ctx.io, res, json, (page: { items: LogItem[] }) => formatLogTable(page.items, names));
      const next = (res.body as { next_cursor?: string | null } | null)?.next_cursor;
      if (code === 0 && next && !json) ctx.io.err(`more: add --cursor ${next}\n`);
      return code;
    }),
});

/** `duohub logs export`: every matching entry as CSV or JSON lines on stdout, streamed. */
export const logsExportCommand = defineCommand({
  name: 'export',
  description: 'export matching log entries to stdout as CSV or JSON lines (streamed: duohub logs export --format csv > logs.csv)',
  options: [{ flags: '--format <format>', description: 'csv or jsonl', default: 'jsonl' }, ...filterOptions, ...connectionOptions],
  run: (ctx) =>
    withCliClient(ctx, async (client) => {
      const query = await logQueryFromFlags(client, ctx.options, new Date());
      query.set('format', String(ctx.options.format));
      const res = await client.stream(`/api/logs/export?${query}`);
      if (!res.ok || !res.body) {
        const text = await res.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // Not JSON: printed as it came.
        }
        return printResult(ctx.io, { status: res.status, body }, Boolean(ctx.options.json), () => '');
      }
      await pipeToOut(res.body, ctx.io);
      return 0;
    }),
});

/** The search and export subcommands of `duohub logs`. */
export const logSearchCommands: readonly CliCommandDefinition[] = [logsSearchCommand, logsExportCommand];
