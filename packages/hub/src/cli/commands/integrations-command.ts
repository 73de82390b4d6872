import { confirmDestructive, yesOption } from '../confirm-destructive.js';
import { connectionOptions, withCliClient as withClient } from '../open-cli-client.js';
import { defineCommand, type CliRunContext } from '../define-command.js';
import type { HubClient } from '../hub-client.js';
import { formatTable, printResult } from '../print-result.js';
import { resolveRef } from '../resolve-ref.js';

type Kind = 'admin' | 'accounts' | 'auth';

function credentialOptions(kind: Kind) {
  return [
    { flags: `--${kind}-host <host>`, description: `${kind} API hostname` },
    { flags: `--${kind}-ikey <ikey>`, description: `${kind} integration key` },
    { flags: `--${kind}-skey <skey>`, description: `${kind} secret key (visible in the process list; prefer --${kind}-skey-env)` },
    { flags: `--${kind}-skey-env <var>`, description: `read the ${kind} secret key from this environment variable` },
  ];
}

function credentialSet(ctx: CliRunContext, kind: Kind): Record<string, string> | undefined {
  const o = ctx.options;
  const host = o[`${kind}Host`] as string | undefined;
  const ikey = o[`${kind}Ikey`] as string | undefined;
  const envVar = o[`${kind}SkeyEnv`] as string | undefined;
  const skey = (o[`${kind}Skey`] as string | undefined) ?? (envVar ? ctx.env[envVar] : undefined);
  if (host === undefined && ikey === undefined && skey === undefined) return undefined;
  const set: Record<string, string> = {};
  if (host !== undefined) set.api_host = host;
  if (ikey !== undefined) set.integration_key = ikey;
  if (skey !== undefined) set.secret_key = skey;
  return set;
}

function checkLines(report: { sets?: Array<{ kind: string; status: string; message: string }> } | null | undefined): string {
  return (report?.sets ?? []).map((s) => `  ${s.kind.padEnd(8)} ${s.status.padEnd(22)} ${s.message}`).join('\n');
}


const accountOption = { flags: '--account <id>', description: 'one Duo account (a child account id, or parent)' };

/** The learned-limits route of the integration named in the first argument, for --account's account when given. */
async function rateLimitsPath(ctx: CliRunContext, client: HubClient): Promise<string> {
  const id = await resolveRef(client, 'integration', String(ctx.args[0]));
  const account = ctx.options.account as string | undefined;
  return `/api/integrations/${encodeURIComponent(id)}/rate-limits${account === undefined ? '' : `?account_id=${encodeURIComponent(account)}`}`;
}

/** `duohub integrations list|add|test|remove|limits|reset-limits`; an integration by name or id. */
export const integrationsCommand = defineCommand({
  name: 'integrations',
  description: 'manage Duo integrations (credential sets are checked against Duo on save) and the rate limits learned for them',
  subcommands: [
    {
      name: 'list',
      description: 'list integrations',
      options: connectionOptions,
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const res = await client.request('GET', '/api/integrations');
          return printResult(ctx.io, res, Boolean(ctx.options.json), (body) =>
            formatTable(
              body.items.map((i: any) => ({
                id: i.id,
                name: i.name,
                sets: ['admin', 'accounts', 'auth'].filter((k) => i[k]),
                last_check: i.last_check ? (i.last_check.ok ? 'ok' : 'failing') : '-',
                base_url: i.base_url,
              })),
              ['id', 'name', 'sets', 'last_check', 'base_url'],
            ),
          );
        }),
    },
    {
      name: 'add',
      description: 'add an integration (checks each credential set first)',
      options: [
        { flags: '--name <name>', description: 'a name for this Duo parent account' },
        { flags: '--base-url <url>', description: 'connect here instead of the Duo host (emulator, proxy)' },
        { flags: '--sig-version <n>', description: 'signature version 2 or 5', default: '5' },
        ...credentialOptions('admin'),
        ...credentialOptions('accounts'),
        ...credentialOptions('auth'),
        { flags: '--force', description: 'save even if a check fails' },
        ...connectionOptions,
      ],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const body: Record<string, unknown> = { name: ctx.options.name, sig_version: Number(ctx.options.sigVersion) };
          if (ctx.options.baseUrl) body.base_url = ctx.options.baseUrl;
          for (const kind of ['admin', 'accounts', 'auth'] as const) {
            const set = credentialSet(ctx, kind);
            if (set) body[kind] = set;
          }
          const res = await client.request('POST', `/api/integrations${ctx.options.force ? '?force=true' : ''}`, body);
          return printResult(ctx.io, res, Boolean(ctx.options.json), (i) => `created ${i.id} (${i.name})\n${checkLines(i.last_check)}\n`);
        }),
    },
    {
      name: 'test',
      description: 're-run the credential checks of an integration',
      arguments: [{ name: 'integration', description: 'integration name or id', required: true }],
      options: connectionOptions,
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const id = await resolveRef(client, 'integration', String(ctx.args[0]));
          const res = await client.request('POST', `/api/integrations/${encodeURIComponent(id)}/test`);
          const code = printResult(ctx.io, res, Boolean(ctx.options.json), (r) => `${r.ok ? 'ok' : 'FAILING'}\n${checkLines(r)}\n`);
          return code === 0 && !(res.body as { ok?: boolean }).ok ? 1 : code;
        }),
    },
    {
      name: 'remove',
      description: 'delete an integration (asks first on a terminal; --yes otherwise)',
      arguments: [{ name: 'integration', description: 'integration name or id', required: true }],
      options: [yesOption, ...connectionOptions],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const id = await resolveRef(client, 'integration', String(ctx.args[0]));
          const found = await client.request('GET', `/api/integrations/${encodeURIComponent(id)}`);
          if (found.status >= 400) return printResult(ctx.io, found, Boolean(ctx.options.json), () => '');
          const name = (found.body as { name: string }).name;
          if (!(await confirmDestructive(ctx, `Delete integration "${name}" (${id}) and its stored credentials`))) return 1;
          const res = await client.request('DELETE', `/api/integrations/${encodeURIComponent(id)}`);
          return printResult(ctx.io, { ...res, body: res.body ?? { deleted: id, name } }, Boolean(ctx.options.json), () => `deleted ${id} (${name})\n`);
        }),
    },
    {
      name: 'limits',
      description: "show the Duo rate limits learned for the integration's accounts (what the next run starts from)",
      arguments: [{ name: 'integration', description: 'integration name or id', required: true }],
      options: [accountOption, ...connectionOptions],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const res = await client.request('GET', await rateLimitsPath(ctx, client));
          return printResult(ctx.io, res, Boolean(ctx.options.json), (body) =>
            body.items.length === 0
              ? 'nothing learned yet: runs start from Duo\'s published rates\n'
              : formatTable(
                  body.items.map((l: any) => ({
                    account: l.account_id,
                    organization: l.organization?.name ?? '-',
                    class: l.endpoint_class,
                    'rate/min': `${l.rate_per_minute}${l.exploring ? ' (exploring)' : ''}`,
                    published: l.published_per_minute,
                    burst: `${l.burst}${l.burst_known ? '' : '+'}`,
                    learned: `${l.learned_at}${l.expired ? ' (expired)' : ''}`,
                  })),
                  ['account', 'organization', 'class', 'rate/min', 'published', 'burst', 'learned'],
                ),
          );
        }),
    },
    {
      name: 'reset-limits',
      description: "forget the rate limits learned for the integration's accounts (or --account's): the next runs start from Duo's published rates",
      arguments: [{ name: 'integration', description: 'integration name or id', required: true }],
      options: [accountOption, ...connectionOptions],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const res = await client.request('DELETE', await rateLimitsPath(ctx, client));
          return printResult(ctx.io, res, Boolean(ctx.options.json), (body) => `reset the learned limits of ${body.accounts_reset.length} Duo account(s)\n`);
        }),
    },
  ],
});
