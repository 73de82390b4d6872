import { connectionOptions, withCliClient as withClient } from '../open-cli-client.js';
import { defineCommand } from '../define-command.js';
import { formatTable, printResult } from '../print-result.js';


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
            formatTable(body.items, ['id', 'name', 'scopes', 'organization_ids', 'created_at', 'last_used_at', 'revoked_at']),
          );
        }),
    },
    {
      name: 'create',
      description: 'create a token (printed once)',
      options: [
        { flags: '--name <name>', description: 'what the token is for' },
        { flags: '--scopes <list>', description: 'comma-separated: read, operate, admin', default: 'read' },
        { flags: '--orgs <list>', description: 'limit to these organization ids (comma-separated)' },
        ...connectionOptions,
      ],
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const split = (v: unknown) => String(v).split(',').map((s) => s.trim()).filter(Boolean);
          const body = {
            name: ctx.options.name,
            scopes: split(ctx.options.scopes),
            organization_ids: ctx.options.orgs ? split(ctx.options.orgs) : null,
          };
          const res = await client.request('POST', '/api/tokens', body);
          return printResult(ctx.io, res, Boolean(ctx.options.json), (t) => `created ${t.id} (${t.scopes.join(',')})\ntoken (shown once): ${t.token}\n`);
        }),
    },
    {
      name: 'revoke',
      description: 'revoke a token',
      arguments: [{ name: 'id', description: 'token id', required: true }],
      options: connectionOptions,
      run: (ctx) =>
        withClient(ctx, async (client) => {
          const res = await client.request('DELETE', `/api/tokens/${encodeURIComponent(String(ctx.args[0]))}`);
          return printResult(ctx.io, res, Boolean(ctx.options.json), (t) => `revoked ${t.id}\n`);
        }),
    },
  ],
});
