import { confirmDestructive, yesOption } from '../confirm-destructive.js';
import { connectionOptions, withCliClient as withClient } from '../open-cli-client.js';
import { defineCommand } from '../define-command.js';
import { formatTable, printResult } from '../print-result.js';
import { resolveRef } from '../resolve-ref.js';


const suggestionColumns = ['organization_name', 'status', 'duo_account_name', 'duo_account_id', 'confidence', 'reason'];

/** Tags from a repeatable option, each also split on commas (`--tag a,b --tag c`). */
function tagList(value: unknown): string[] {
  const values = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return values.flatMap((v) => list(v));
}

function list(value: unknown): string[] {
  return typeof value === 'string' && value ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** `duohub orgs list|add|tag|map|auth|remove|suggest|apply`; organizations and integrations by name or id. */
export const orgsCommand = defineCommand({
  name: 'orgs',
  description: 'manage organizations and their mapping to Duo accounts',
  subcommands: [
    {
      name: 'list',
      description: 'list organizations',
      options: connectionOptions,
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const res = await client.request('GET', '/api/organizations');
          return printResult(ctx.io, res, Boolean(ctx.options.json), (body) =>
            formatTable(body.items, ['id', 'name', 'email_domains', 'tags', 'duo_account_name', 'duo_account_id', 'mapping_source', 'mapping_confidence']),
          );
        }),
    },
    {
      name: 'add',
      description: 'add an organization',
      options: [
        { flags: '--name <name>', description: 'organization name' },
        { flags: '--domains <list>', description: 'comma-separated email domains' },
        { flags: '--directory-key-env <var>', description: 'read the Duo Admin API directory key from this environment variable' },
        { flags: '--tag <tag...>', description: 'tag the organization (repeatable; bulk runs and baselines select by tag)' },
        ...connectionOptions,
      ],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const body: Record<string, unknown> = { name: ctx.options.name, email_domains: list(ctx.options.domains) };
          if (ctx.options.tag !== undefined) body.tags = tagList(ctx.options.tag);
          const keyVar = ctx.options.directoryKeyEnv as string | undefined;
          if (keyVar) body.duo_admin_api_directory_key = ctx.env[keyVar];
          const res = await client.request('POST', '/api/organizations', body);
          return printResult(ctx.io, res, Boolean(ctx.options.json), (o) => `created ${o.id} (${o.name})\n`);
        }),
    },
    {
      name: 'tag',
      description: "set an organization's tags (replaces them; --add/--remove edit them; --clear removes all)",
      arguments: [{ name: 'org', description: 'organization name or id', required: true }],
      options: [
        { flags: '--tag <tag...>', description: 'the tags to set (repeatable)' },
        { flags: '--add <tag...>', description: 'tags to add to the current ones' },
        { flags: '--remove <tag...>', description: 'tags to remove from the current ones' },
        { flags: '--clear', description: 'remove every tag' },
        ...connectionOptions,
      ],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const org = await resolveRef(client, 'organization', String(ctx.args[0]));
          const path = `/api/organizations/${encodeURIComponent(org)}`;
          let tags: string[] = ctx.options.clear ? [] : tagList(ctx.options.tag);
          if (ctx.options.add !== undefined || ctx.options.remove !== undefined) {
            const found = await client.request('GET', path);
            if (found.status >= 400) return printResult(ctx.io, found, Boolean(ctx.options.json), () => '');
            const removed = new Set(tagList(ctx.options.remove).map((t) => t.toLowerCase()));
            const current = ctx.options.tag !== undefined || ctx.options.clear ? tags : ((found.body as { tags?: string[] }).tags ?? []);
            tags = [...current, ...tagList(ctx.options.add)].filter((t) => !removed.has(t.toLowerCase()));
          } else if (ctx.options.tag === undefined && !ctx.options.clear) {
            ctx.io.err('error: give --tag, --add, --remove or --clear\n');
            return 2;
          }
          const res = await client.request('PATCH', path, { tags });
          return printResult(ctx.io, res, Boolean(ctx.options.json), (o) => `${o.name}: ${o.tags.length ? o.tags.join(', ') : 'no tags'}\n`);
        }),
    },
    {
      name: 'map',
      description: 'map an organization to a Duo account by hand (a manual mapping always wins over suggestions)',
      arguments: [{ name: 'org', description: 'organization name or id', required: true }],
      options: [
        { flags: '--integration <integration>', description: 'integration name or id' },
        { flags: '--account <id>', description: 'Duo child account id, or "parent"' },
        { flags: '--clear', description: 'remove the mapping' },
        { flags: '--force', description: 'do not verify the account with Duo' },
        ...connectionOptions,
      ],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const org = await resolveRef(client, 'organization', String(ctx.args[0]));
          const integration = typeof ctx.options.integration === 'string' ? await resolveRef(client, 'integration', ctx.options.integration) : undefined;
          const body = ctx.options.clear
            ? { integration_id: null, duo_account_id: null }
            : { integration_id: integration, duo_account_id: ctx.options.account };
          const path = `/api/organizations/${encodeURIComponent(org)}${ctx.options.force ? '?force=true' : ''}`;
          const res = await client.request('PATCH', path, body);
          return printResult(ctx.io, res, Boolean(ctx.options.json), (o) =>
            o.duo_account_id ? `${o.name} -> ${o.duo_account_name ?? o.duo_account_id} (manual)\n` : `${o.name} unmapped\n`,
          );
        }),
    },
    {
      name: 'auth',
      description: "store an organization's own Auth API keys (its Duo account's Auth API application; checked against Duo first)",
      arguments: [{ name: 'org', description: 'organization name or id', required: true }],
      options: [
        { flags: '--host <host>', description: 'Auth API hostname (api-xxxxxxxx.duosecurity.com)' },
        { flags: '--ikey <key>', description: 'Auth API integration key (DI...)' },
        { flags: '--skey-env <var>', description: 'read the Auth API secret key from this environment variable' },
        { flags: '--clear', description: 'remove the stored keys (asks first on a terminal; --yes otherwise)' },
        { flags: '--create', description: "create an Auth API application in the organization's Duo account and store its keys" },
        { flags: '--name <name>', description: 'with --create: the application name in Duo' },
        { flags: '--replace', description: 'with --create: replace keys already stored' },
        yesOption,
        ...connectionOptions,
      ],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const org = await resolveRef(client, 'organization', String(ctx.args[0]));
          if (ctx.options.create) {
            const body = { ...(ctx.options.name ? { name: ctx.options.name } : {}), ...(ctx.options.replace ? { replace: true } : {}) };
            const made = await client.request('POST', `/api/organizations/${encodeURIComponent(org)}/auth-application`, body);
            return printResult(ctx.io, made, Boolean(ctx.options.json), (r) =>
              `${r.organization.name}: created Auth API application "${r.name}" (${r.integration_key}) on ${r.api_hostname}; its keys are stored\n`,
            );
          }
          if (ctx.options.clear) {
            const found = await client.request('GET', `/api/organizations/${encodeURIComponent(org)}`);
            if (found.status >= 400) return printResult(ctx.io, found, Boolean(ctx.options.json), () => '');
            const { name, auth } = found.body as { name: string; auth: { integration_key: string } | null };
            // Nothing stored means nothing to lose: clearing stays a quiet no-op.
            const what = `Remove the Auth API keys (${auth?.integration_key}) stored for organization "${name}" (${org}); verifications for it stop using them`;
            if (auth && !(await confirmDestructive(ctx, what))) return 1;
          }
          const skeyVar = ctx.options.skeyEnv as string | undefined;
          // Only the given fields are sent: the hub merges them into stored keys (rotate with --skey-env alone).
          const auth = ctx.options.clear
            ? null
            : {
                ...(ctx.options.host ? { api_host: ctx.options.host } : {}),
                ...(ctx.options.ikey ? { integration_key: ctx.options.ikey } : {}),
                ...(skeyVar ? { secret_key: ctx.env[skeyVar] } : {}),
              };
          const res = await client.request('PATCH', `/api/organizations/${encodeURIComponent(org)}`, { auth });
          return printResult(ctx.io, res, Boolean(ctx.options.json), (o) =>
            o.auth ? `${o.name}: Auth API ${o.auth.api_host} ${o.auth.integration_key} (secret ${o.auth.secret_key_hint})\n` : `${o.name}: no Auth API keys\n`,
          );
        }),
    },
    {
      name: 'remove',
      description: 'delete an organization (asks first on a terminal; --yes otherwise)',
      arguments: [{ name: 'org', description: 'organization name or id', required: true }],
      options: [yesOption, ...connectionOptions],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const id = await resolveRef(client, 'organization', String(ctx.args[0]));
          const found = await client.request('GET', `/api/organizations/${encodeURIComponent(id)}`);
          if (found.status >= 400) return printResult(ctx.io, found, Boolean(ctx.options.json), () => '');
          const name = (found.body as { name: string }).name;
          if (!(await confirmDestructive(ctx, `Delete organization "${name}" (${id})`))) return 1;
          const res = await client.request('DELETE', `/api/organizations/${encodeURIComponent(id)}`);
          return printResult(ctx.io, { ...res, body: res.body ?? { deleted: id, name } }, Boolean(ctx.options.json), () => `deleted ${id} (${name})\n`);
        }),
    },
    {
      name: 'suggest',
      description: 'suggest Duo child accounts for every organization',
      arguments: [{ name: 'integration', description: 'integration name or id', required: true }],
      options: connectionOptions,
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const integration = await resolveRef(client, 'integration', String(ctx.args[0]));
          const res = await client.request('GET', `/api/integrations/${encodeURIComponent(integration)}/mapping-suggestions`);
          return printResult(ctx.io, res, Boolean(ctx.options.json), (body) => formatTable(body.suggestions, suggestionColumns));
        }),
    },
    {
      name: 'apply',
      description: 'apply every suggestion at or above a threshold (one transaction; manual mappings win)',
      arguments: [{ name: 'integration', description: 'integration name or id', required: true }],
      options: [{ flags: '--threshold <n>', description: 'minimum confidence 0..1', default: '0.8' }, ...connectionOptions],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const integration = await resolveRef(client, 'integration', String(ctx.args[0]));
          const res = await client.request(
            'POST',
            `/api/integrations/${encodeURIComponent(integration)}/mapping-suggestions/apply`,
            { threshold: Number(ctx.options.threshold) },
          );
          return printResult(ctx.io, res, Boolean(ctx.options.json), (body) =>
            `applied ${body.applied.length}, skipped ${body.skipped.length}\n` +
            formatTable(
              [...body.applied.map((s: any) => ({ ...s, result: 'applied' })), ...body.skipped.map((s: any) => ({ ...s, result: s.skip_reason }))],
              ['organization_name', 'result', 'duo_account_name', 'confidence'],
            ),
          );
        }),
    },
  ],
});
