import { confirmDestructive, yesOption } from '../confirm-destructive.js';
import { connectionOptions, withCliClient as withClient } from '../open-cli-client.js';
import { defineCommand } from '../define-command.js';
import { formatTable, printResult } from '../print-result.js';
import { parseExpiresIn } from '../parse-expires-in.js';
import { resolveRef } from '../resolve-ref.js';


/**
 * Organization references of `--orgs`: split at commas, except that a comma followed by a space
 * inside a name stays ("Acme, Inc.,Globex" is two organizations).
 */
function orgRefs(list: string): string[] {
  return list.split(/,(?! )/).map((s) => s.trim()).filter(Boolean);
}

/** `duohub tokens list|create|revoke`. */
export const tokensCommand = defineCommand({
  name: 'tokens',
  description: 'manage API tokens',
  subcommands: [
    {
      name: 'list',
      description: 'list tokens (never the tokens themselves)',
      options: connectionOptions,
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const res = await client.request('GET', '/api/tokens');
          return printResult(ctx.io, res, Boolean(ctx.options.json), (body) =>
            formatTable(body.items, ['id', 'name', 'scopes', 'organization_ids', 'created_at', 'expires_at', 'last_used_at', 'status']),
          );
        }),
    },
    {
      name: 'create',
      description: 'create a token (printed once)',
      options: [
        { flags: '--name <name>', description: 'what the token is for' },
        { flags: '--scopes <list>', description: 'comma-separated: read, operate, admin, approve (approve bulk-run plans)', default: 'read' },
        { flags: '--orgs <list>', description: 'limit to these organizations (comma-separated names or ids)' },
        { flags: '--expires-in <duration>', description: 'stop working after this long: 30d, 2w, 1y (default: never expires)' },
        ...connectionOptions,
      ],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const split = (v: unknown) => String(v).split(',').map((s) => s.trim()).filter(Boolean);
          const expiresInDays = ctx.options.expiresIn === undefined ? undefined : parseExpiresIn(String(ctx.options.expiresIn));
          const orgs: string[] = [];
          for (const ref of ctx.options.orgs ? orgRefs(String(ctx.options.orgs)) : []) orgs.push(await resolveRef(client, 'organization', ref));
          const body = {
            name: ctx.options.name,
            scopes: split(ctx.options.scopes),
            organization_ids: ctx.options.orgs ? orgs : null,
            ...(expiresInDays === undefined ? {} : { expires_in_days: expiresInDays }),
          };
          const res = await client.request('POST', '/api/tokens', body);
          return printResult(ctx.io, res, Boolean(ctx.options.json), (t) =>
            `created ${t.id} (${t.scopes.join(',')})${t.expires_at ? `, expires ${t.expires_at}` : ''}\ntoken (shown once): ${t.token}\n`,
          );
        }),
    },
    {
      name: 'revoke',
      description: 'revoke a token (asks first on a terminal; --yes otherwise)',
      arguments: [{ name: 'id', description: 'token id', required: true }],
      options: [yesOption, ...connectionOptions],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const id = String(ctx.args[0]);
          const list = await client.request('GET', '/api/tokens');
          if (list.status >= 400) return printResult(ctx.io, list, Boolean(ctx.options.json), () => '');
          const token = (list.body as { items: Array<{ id: string; name: string }> }).items.find((t) => t.id === id);
          // An id the caller cannot see goes straight to the hub, whose answer (not_found, forbidden) says why.
          if (token && !(await confirmDestructive(ctx, `Revoke token ${id} ("${token.name}"); whatever uses it stops working`))) return 1;
          const res = await client.request('DELETE', `/api/tokens/${encodeURIComponent(id)}`);
          return printResult(ctx.io, res, Boolean(ctx.options.json), (t) => `revoked ${t.id}\n`);
        }),
    },
  ],
});
