import { readFile } from 'node:fs/promises';
import { connectionOptions, withCliClient as withClient } from '../open-cli-client.js';
import { defineCommand, type CliRunContext } from '../define-command.js';
import { formatTable, printResult } from '../print-result.js';

const enc = encodeURIComponent;

/** Where a destination sends, in one short cell (a webhook URL's origin only: its path can hold a token). */
function targetOf(d: any): string {
  if (d.kind === 'webhook') {
    try {
      return `${new URL(d.url).origin}/…`;
    } catch {
      return '(invalid URL)';
    }
  }
  return `${d.syslog?.transport ?? 'tls'}://${d.syslog?.host}:${d.syslog?.port}`;
}

function destinationRow(d: any) {
  return {
    id: d.id,
    name: d.name,
    kind: d.kind,
    target: targetOf(d),
    enabled: d.enabled ? 'yes' : 'no',
    pending: d.status.pending,
    delivered: d.status.delivered_count,
    failed: d.status.failed_count,
    lag: `${d.status.lag_seconds}s`,
    'last error': d.status.last_error,
  };
}

const COLUMNS = ['id', 'name', 'kind', 'target', 'enabled', 'pending', 'delivered', 'failed', 'lag', 'last error'];

/** Reads a PEM file named by an option, or undefined when the option is absent. */
async function pemOption(ctx: CliRunContext, name: string): Promise<string | undefined> {
  const file = ctx.options[name] as string | undefined;
  return file === undefined ? undefined : readFile(file, 'utf8');
}

/** The syslog part of a body from `--syslog host:port` and the TLS file options. */
async function syslogBody(ctx: CliRunContext, creating: boolean): Promise<Record<string, unknown> | undefined> {
  const o = ctx.options;
  const out: Record<string, unknown> = {};
  if (o.syslog !== undefined) {
    const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(String(o.syslog));
    if (!m) throw new Error('--syslog must be host:port');
    out.host = m[1]!.replace(/^\[|\]$/g, '');
    out.port = Number(m[2]);
  }
  if (o.transport !== undefined) out.transport = o.transport;
  if (o.facility !== undefined) out.facility = Number(o.facility);
  if (o.syslogHostname !== undefined) out.hostname = o.syslogHostname;
  const tls: Record<string, unknown> = {};
  const ca = await pemOption(ctx, 'caFile');
  const cert = await pemOption(ctx, 'clientCertFile');
  const key = await pemOption(ctx, 'clientKeyFile');
  if (ca !== undefined) tls.ca = ca;
  if (o.serverName !== undefined) tls.server_name = o.serverName;
  if (cert !== undefined) tls.client_cert = cert;
  if (key !== undefined) tls.client_key = key;
  if (Object.keys(tls).length > 0) out.tls = tls;
  if (Object.keys(out).length === 0) return undefined;
  if (creating && out.transport === undefined) out.transport = 'tls';
  return out;
}

const syslogOptions = [
  { flags: '--syslog <host:port>', description: 'syslog receiver (RFC 5424, octet-counted framing)' },
  { flags: '--transport <tcp|tls>', description: 'syslog transport (default tls)' },
  { flags: '--facility <n>', description: 'syslog facility 0-23 (default 13, log audit)' },
  { flags: '--syslog-hostname <name>', description: "HOSTNAME field of each message (default this server's name)" },
  { flags: '--ca-file <pem>', description: "CA certificate(s) of the receiver's certificate" },
  { flags: '--server-name <name>', description: "the name on the receiver's certificate, when not the host" },
  { flags: '--client-cert-file <pem>', description: 'client certificate, for receivers that require one' },
  { flags: '--client-key-file <pem>', description: 'its private key (stored sealed, never shown)' },
];

const filterOptions = [
  { flags: '--org <ids...>', description: 'only events (and alerts) of these organizations' },
  { flags: '--all-orgs', description: 'every organization again (update)' },
  { flags: '--log-type <types...>', description: 'only these log types (authentication administrator telephony activity offline_enrollment trust_monitor)' },
  { flags: '--all-log-types', description: 'every log type again (update)' },
];

function filterBody(ctx: CliRunContext, body: Record<string, unknown>): void {
  const o = ctx.options;
  if (o.org !== undefined) body.organization_ids = o.org;
  if (o.allOrgs) body.organization_ids = null;
  if (o.logType !== undefined) body.log_types = o.logType;
  if (o.allLogTypes) body.log_types = null;
}

/** `duohub logs destinations list|add|show|update|remove|test`: where Duo's logs and alerts are forwarded. */
export const logDestinationsCommand = defineCommand({
  name: 'destinations',
  description: "forward Duo's logs and alerts to webhooks and syslog receivers",
  subcommands: [
    {
      name: 'list',
      description: 'list destinations with their delivery status',
      options: connectionOptions,
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const res = await client.request('GET', '/api/log-destinations');
          return printResult(ctx.io, res, Boolean(ctx.options.json), (b) => formatTable(b.items.map(destinationRow), COLUMNS));
        }),
    },
    {
      name: 'add',
      description: 'add a webhook (--webhook URL) or syslog (--syslog host:port) destination',
      options: [
        { flags: '--name <name>', description: 'a name for the destination' },
        { flags: '--webhook <url>', description: 'POST each event as signed JSON to this URL' },
        ...syslogOptions,
        ...filterOptions,
        { flags: '--alerts', description: 'also forward alerts as they fire' },
        { flags: '--alerts-only', description: 'forward alerts only, no log events' },
        { flags: '--backfill', description: 'also forward events stored before now' },
        { flags: '--disabled', description: 'create it disabled' },
        ...connectionOptions,
      ],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const o = ctx.options;
          if ((o.webhook === undefined) === (o.syslog === undefined)) throw new Error('give exactly one of --webhook <url> or --syslog <host:port>');
          const body: Record<string, unknown> = { name: o.name, kind: o.webhook !== undefined ? 'webhook' : 'syslog' };
          if (o.webhook !== undefined) body.url = o.webhook;
          const syslog = await syslogBody(ctx, true);
          if (syslog) body.syslog = syslog;
          filterBody(ctx, body);
          if (o.alerts || o.alertsOnly) body.include_alerts = true;
          if (o.alertsOnly) body.include_events = false;
          if (o.backfill) body.backfill = true;
          if (o.disabled) body.enabled = false;
          const res = await client.request('POST', '/api/log-destinations', body);
          return printResult(ctx.io, res, Boolean(o.json), (d) =>
            d.secret
              ? `created ${d.id} (${d.name})\n\nSigning secret (shown once; store it now):\n\n  ${d.secret}\n\nReceivers verify X-Duohub-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">.\n`
              : `created ${d.id} (${d.name})\n`,
          );
        }),
    },
    {
      name: 'show',
      description: 'show one destination and its delivery status',
      arguments: [{ name: 'id', description: 'destination id', required: true }],
      options: connectionOptions,
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const res = await client.request('GET', `/api/log-destinations/${enc(String(ctx.args[0]))}`);
          return printResult(ctx.io, res, Boolean(ctx.options.json), (d) =>
            [
              `${d.name} (${d.id}), ${d.kind} to ${targetOf(d)}, ${d.enabled ? 'enabled' : 'disabled'}`,
              `organizations: ${d.organization_ids?.join(', ') ?? 'all'}; log types: ${d.log_types?.join(', ') ?? 'all'}; events: ${d.include_events ? 'yes' : 'no'}; alerts: ${d.include_alerts ? 'yes' : 'no'}`,
              `pending ${d.status.pending}, delivered ${d.status.delivered_count}, failed ${d.status.failed_count}, lag ${d.status.lag_seconds}s`,
              `last delivered: ${d.status.last_delivered_at ?? '-'}; last error: ${d.status.last_error ? `${d.status.last_error} (${d.status.last_error_at})` : '-'}`,
              '',
            ].join('\n'),
          );
        }),
    },
    {
      name: 'update',
      description: 'change a destination (only what is given)',
      arguments: [{ name: 'id', description: 'destination id', required: true }],
      options: [
        { flags: '--name <name>', description: 'rename' },
        { flags: '--webhook <url>', description: 'new webhook URL' },
        ...syslogOptions,
        ...filterOptions,
        { flags: '--enable', description: 'start forwarding again' },
        { flags: '--disable', description: 'stop forwarding (the queue is kept)' },
        { flags: '--alerts', description: 'forward alerts' },
        { flags: '--no-alerts', description: 'stop forwarding alerts' },
        { flags: '--rotate-secret', description: 'replace the webhook signing secret (shown once)' },
        ...connectionOptions,
      ],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const o = ctx.options;
          const body: Record<string, unknown> = {};
          if (o.name !== undefined) body.name = o.name;
          if (o.webhook !== undefined) body.url = o.webhook;
          const syslog = await syslogBody(ctx, false);
          if (syslog) body.syslog = syslog;
          filterBody(ctx, body);
          if (o.enable) body.enabled = true;
          if (o.disable) body.enabled = false;
          if (o.alerts === true) body.include_alerts = true;
          if (o.alerts === false) body.include_alerts = false;
          if (o.rotateSecret) body.rotate_secret = true;
          const res = await client.request('PATCH', `/api/log-destinations/${enc(String(ctx.args[0]))}`, body);
          return printResult(ctx.io, res, Boolean(o.json), (d) =>
            d.secret ? `updated ${d.id}\n\nNew signing secret (shown once; store it now):\n\n  ${d.secret}\n\n` : `updated ${d.id}\n`,
          );
        }),
    },
    {
      name: 'remove',
      description: 'delete a destination and its queue',
      arguments: [{ name: 'id', description: 'destination id', required: true }],
      options: connectionOptions,
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const id = String(ctx.args[0]);
          const res = await client.request('DELETE', `/api/log-destinations/${enc(id)}`);
          return printResult(ctx.io, { ...res, body: res.body ?? { deleted: id } }, Boolean(ctx.options.json), () => `deleted ${id}\n`);
        }),
    },
    {
      name: 'test',
      description: 'send a test message now; exits 1 when the receiver did not take it',
      arguments: [{ name: 'id', description: 'destination id', required: true }],
      options: connectionOptions,
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const res = await client.request('POST', `/api/log-destinations/${enc(String(ctx.args[0]))}/test`);
          const code = printResult(ctx.io, res, Boolean(ctx.options.json), (r) => (r.ok ? `ok (${r.duration_ms} ms${r.status ? `, HTTP ${r.status}` : ''})\n` : `FAILED: ${r.error}\n`));
          return code === 0 && !(res.body as { ok?: boolean }).ok ? 1 : code;
        }),
    },
  ],
});

/** `duohub logs alerts list|ack|rules|rule`: alerts fired over Duo's logs, and the rules' settings. */
export const logAlertsCommand = defineCommand({
  name: 'alerts',
  description: 'alerts fired by rules over Duo logs (bypass codes, fraud, repeated denials, admin changes...)',
  subcommands: [
    {
      name: 'list',
      description: 'list alerts, newest first',
      options: [
        { flags: '--status <status>', description: 'open, acknowledged or all', default: 'all' },
        { flags: '--org <id>', description: 'one organization' },
        { flags: '--rule <id>', description: 'one rule' },
        { flags: '--limit <n>', description: 'at most this many', default: '100' },
        ...connectionOptions,
      ],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const o = ctx.options;
          const q = new URLSearchParams({ status: String(o.status), limit: String(o.limit) });
          if (o.org) q.set('organization_id', String(o.org));
          if (o.rule) q.set('rule', String(o.rule));
          const res = await client.request('GET', `/api/alerts?${q}`);
          return printResult(ctx.io, res, Boolean(o.json), (b) =>
            formatTable(
              b.items.map((a: any) => ({ id: a.id, when: a.occurred_at, severity: a.severity, rule: a.rule, title: a.title, organization: a.organization_id, acknowledged: a.acknowledged_at ? 'yes' : 'no' })),
              ['id', 'when', 'severity', 'rule', 'title', 'organization', 'acknowledged'],
            ),
          );
        }),
    },
    {
      name: 'ack',
      description: 'acknowledge an alert',
      arguments: [{ name: 'id', description: 'alert id', required: true }],
      options: connectionOptions,
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const res = await client.request('POST', `/api/alerts/${enc(String(ctx.args[0]))}/acknowledge`);
          return printResult(ctx.io, res, Boolean(ctx.options.json), (a) => `acknowledged ${a.id} (${a.title})\n`);
        }),
    },
    {
      name: 'rules',
      description: 'list the alert rules with their settings',
      options: connectionOptions,
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const res = await client.request('GET', '/api/alert-rules');
          return printResult(ctx.io, res, Boolean(ctx.options.json), (b) =>
            formatTable(
              b.items.map((r: any) => ({
                id: r.id,
                enabled: r.fleet.enabled ? 'yes' : 'no',
                severity: r.severity,
                params: r.fleet.params ? `${r.fleet.params.threshold} in ${r.fleet.params.window_minutes}m` : null,
                'organization settings': r.organizations.length,
                title: r.title,
              })),
              ['id', 'enabled', 'severity', 'params', 'organization settings', 'title'],
            ),
          );
        }),
    },
    {
      name: 'rule',
      description: "change a rule's settings, fleet-wide or for one organization (--org)",
      arguments: [{ name: 'id', description: 'rule id (see `duohub logs alerts rules`)', required: true }],
      options: [
        { flags: '--org <id>', description: 'the organization these settings are for (default: fleet-wide)' },
        { flags: '--enable', description: 'turn the rule on' },
        { flags: '--disable', description: 'turn the rule off' },
        { flags: '--inherit', description: 'clear enable/disable at this scope (the wider scope applies)' },
        { flags: '--threshold <n>', description: 'repeated_denials: N denials' },
        { flags: '--window <minutes>', description: 'repeated_denials: within M minutes' },
        ...connectionOptions,
      ],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const o = ctx.options;
          const body: Record<string, unknown> = { organization_id: o.org ?? null };
          if (o.enable) body.enabled = true;
          if (o.disable) body.enabled = false;
          if (o.inherit) body.enabled = null;
          if (o.threshold !== undefined) body.threshold = Number(o.threshold);
          if (o.window !== undefined) body.window_minutes = Number(o.window);
          const res = await client.request('PATCH', `/api/alert-rules/${enc(String(ctx.args[0]))}`, body);
          return printResult(ctx.io, res, Boolean(o.json), (r) => `${r.id}: fleet-wide ${r.fleet.enabled ? 'on' : 'off'}${r.fleet.params ? `, ${r.fleet.params.threshold} in ${r.fleet.params.window_minutes}m` : ''}; ${r.organizations.length} organization setting(s)\n`);
        }),
    },
  ],
});
