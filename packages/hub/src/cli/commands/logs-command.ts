import { loadConfig } from '../../config/load-config.js';
import { logSyncJobOptionsFromEnv } from '../../jobs/log-sync/log-sync-job-options.js';
import { logSearchCommands } from '../../logs/search/log-search-commands.js';
import type { LogSyncUnitView } from '../../logs/sync/log-sync-status.js';
import type { StartedLogSync } from '../../logs/sync/start-log-sync.js';
import { defineCommand, type CliCommandDefinition, type CliIo } from '../define-command.js';
import type { HubClient } from '../hub-client.js';
import { connectionOptions, openCliClient, withCliClient } from '../open-cli-client.js';
import { formatTable, printResult } from '../print-result.js';
import { resolveRef } from '../resolve-ref.js';
import { logAlertsCommand, logDestinationsCommand } from './log-destinations-command.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `GET /api/logs/sync` with the command's filters. */
async function readStatus(client: HubClient, filters: { integrationId?: string | undefined; organizationId?: string | undefined }) {
  const query = new URLSearchParams();
  if (filters.integrationId) query.set('integration_id', filters.integrationId);
  if (filters.organizationId) query.set('organization_id', filters.organizationId);
  const q = query.toString();
  return client.request('GET', `/api/logs/sync${q ? `?${q}` : ''}`);
}

/** The status as a table: one line per account and log type. */
export function formatLogSyncStatus(items: LogSyncUnitView[]): string {
  const rows = items.map((u) => ({
    account: u.duo_account_id === 'parent' ? 'parent' : (u.account_name ?? u.duo_account_id),
    type: u.log_type,
    state: u.state,
    'synced through': u.synced_through,
    lag: u.lag_seconds === null ? null : formatLag(u.lag_seconds),
    stored: u.events_stored,
    'last run': u.last_finished_at ? `+${u.last_run.inserted}/${u.last_run.fetched}` : null,
    error: u.last_error ? `${u.last_error.kind}: ${u.last_error.message}` : null,
  }));
  return formatTable(rows, ['account', 'type', 'state', 'synced through', 'lag', 'stored', 'last run', 'error']);
}

function formatLag(seconds: number): string {
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}

/** Counts of a status by state, for the progress line. */
function tally(items: LogSyncUnitView[]): Record<LogSyncUnitView['state'], number> {
  const out = { idle: 0, queued: 0, running: 0, failed: 0, removed: 0 };
  for (const u of items) out[u.state] += 1;
  return out;
}

/**
 * Polls the status of the integrations a start asked for until none of their units is queued or
 * running; a line on stderr whenever the counts change. Resolves with the last status, or undefined
 * when `timeoutMs` passed first.
 */
async function waitForSync(client: HubClient, io: CliIo, integrationIds: string[], options: { pollMs: number; timeoutMs: number | undefined }): Promise<LogSyncUnitView[] | undefined> {
  const until = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  let last = '';
  for (;;) {
    const items: LogSyncUnitView[] = [];
    for (const id of integrationIds) {
      const res = await readStatus(client, { integrationId: id });
      if (res.status >= 400) throw new Error(`cannot read the log sync status: ${res.status} ${JSON.stringify(res.body)}`);
      items.push(...(res.body as { items: LogSyncUnitView[] }).items);
    }
    const t = tally(items);
    const line = `log sync: ${t.running} running, ${t.queued} queued, ${t.idle} done, ${t.failed} failed`;
    if (line !== last) io.err(`${line}\n`);
    last = line;
    if (t.running === 0 && t.queued === 0) return items;
    if (Date.now() > until) return undefined;
    await sleep(options.pollMs);
  }
}

/** `duohub logs sync`: requests a sync now; with --wait, follows it to the end and prints each account's state. */
export const logsSyncCommand = defineCommand({
  name: 'sync',
  description: "sync Duo's logs now (every account and log type of one integration, or of all); --wait follows it to the end",
  options: [
    { flags: '--integration <integration>', description: 'only this integration (name or id); default: every integration' },
    { flags: '--wait', description: 'wait until every unit has synced, then print the status (exit 1 if any failed)' },
    { flags: '--timeout <seconds>', description: 'with --wait: give up after this long (exit 2)' },
    { flags: '--poll-ms <ms>', description: 'with --wait: how often to check', default: '500' },
    ...connectionOptions,
  ],
  run: async (ctx) => {
    const o = ctx.options;
    const json = Boolean(o.json);
    const wait = Boolean(o.wait);
    const timeout = o.timeout === undefined ? undefined : Number(o.timeout);
    if (timeout !== undefined && !(timeout > 0)) throw new Error('--timeout must be a number of seconds above 0');
    const pollMs = Math.max(20, Number(o.pollMs) || 500);
    // On the local store a runner must work in this process while it waits (a `duohub serve` elsewhere may share the work).
    const client = wait
      ? await openCliClient(o, ctx.env, async (hub) => {
          // The runner loads only beside a local store (see open-cli-client.ts).
          const [{ duoLogPacingFromEnv }, { startLogSyncJobs }] = await Promise.all([
            import('../../jobs/log-sync/duo-log-pacing-from-env.js'),
            import('../../jobs/log-sync/log-sync-jobs.js'),
          ]);
          Object.assign(hub.duo, duoLogPacingFromEnv(ctx.env));
          return startLogSyncJobs(hub, { retry: {}, ...logSyncJobOptionsFromEnv(ctx.env), scheduleMs: undefined, prune: false, databaseUrl: loadConfig(ctx.env).databaseUrl });
        })
      : await openCliClient(o, ctx.env);
    try {
      const integrationId = typeof o.integration === 'string' ? await resolveRef(client, 'integration', o.integration) : undefined;
      const res = await client.request('POST', '/api/logs/sync', integrationId ? { integration_id: integrationId } : {});
      if (res.status >= 400 || !wait) {
        return printResult(ctx.io, res, json, (b: StartedLogSync) =>
          formatTable(
            b.integrations.map((i) => ({ integration: i.integration_id, accounts: i.accounts, units: i.units, error: i.error ? `${i.error.code}: ${i.error.message}` : null })),
            ['integration', 'accounts', 'units', 'error'],
          ) + (wait ? '' : 'requested; follow it with `duohub logs status`\n'),
        );
      }
      const started = res.body as StartedLogSync;
      const ids = started.integrations.filter((i) => i.error === null).map((i) => i.integration_id);
      const items = await waitForSync(client, ctx.io, ids, { pollMs, timeoutMs: timeout === undefined ? undefined : timeout * 1000 });
      if (!items) {
        ctx.io.err(`error: the sync did not finish within ${timeout} s; it goes on in the hub (see \`duohub logs status\`)\n`);
        return 2;
      }
      const code = printResult(ctx.io, { status: 200, body: { requested_at: started.requested_at, items } }, json, (b: { items: LogSyncUnitView[] }) => formatLogSyncStatus(b.items));
      const failed = started.integrations.some((i) => i.error !== null) || items.some((u) => u.state === 'failed');
      return failed ? 1 : code;
    } finally {
      await client.close();
    }
  },
});

/** `duohub logs status`: where every account and log type stands. */
export const logsStatusCommand = defineCommand({
  name: 'status',
  description: 'show where the log sync of every Duo account and log type stands',
  options: [
    { flags: '--integration <integration>', description: 'only this integration (name or id)' },
    { flags: '--org <org>', description: "only this organization's Duo account (name or id)" },
    ...connectionOptions,
  ],
  run: (ctx) =>
    withCliClient(ctx, async (client) => {
      const o = ctx.options;
      const integrationId = typeof o.integration === 'string' ? await resolveRef(client, 'integration', o.integration) : undefined;
      const organizationId = typeof o.org === 'string' ? await resolveRef(client, 'organization', o.org) : undefined;
      const res = await readStatus(client, { integrationId, organizationId });
      return printResult(ctx.io, res, Boolean(o.json), (b: { items: LogSyncUnitView[] }) => formatLogSyncStatus(b.items));
    }),
});

/** The subcommands of `duohub logs`; log search and export add theirs here. */
export const logsSubcommands: CliCommandDefinition[] = [logsSyncCommand, logsStatusCommand, ...logSearchCommands, logDestinationsCommand, logAlertsCommand];

/** `duohub logs`: Duo's logs kept by the hub. */
export const logsCommand = defineCommand({
  name: 'logs',
  description: "Duo's logs kept by the hub: sync them, see where the sync stands, search and export them",
  subcommands: logsSubcommands,
});
