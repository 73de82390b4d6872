import { readCliConfig, tokenHint, writeCliConfig, type CliConfig } from '../cli-config.js';
import { defineCommand, type CliRunContext } from '../define-command.js';
import { remoteHubClient } from '../hub-client.js';
import { formatTable } from '../print-result.js';
import { normalizeHubUrl, unknownProfileMessage } from '../resolve-connection.js';
import { toCliJson } from '../snake-case-keys.js';

const DEFAULT_PROFILE = 'default';
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function profileName(value: unknown): string {
  const name = typeof value === 'string' ? value : DEFAULT_PROFILE;
  if (!PROFILE_NAME.test(name)) throw new Error(`--profile must be 1-64 letters, digits, dots, dashes or underscores (got ${JSON.stringify(name)})`);
  return name;
}

async function readToken(ctx: CliRunContext): Promise<string> {
  const { io } = ctx;
  if (ctx.options.withToken) {
    if (!io.readStdin) throw new Error('--with-token needs stdin');
    const token = (await io.readStdin()).trim();
    if (!token) throw new Error('--with-token read no token from stdin');
    return token;
  }
  if (io.interactive && io.ask) {
    const token = (await io.ask('? API token (input hidden): ', { secret: true })).trim();
    if (!token) throw new Error('no token given');
    return token;
  }
  throw new Error('not running interactively: pass the token on stdin with --with-token (duohub login --url URL --with-token < token.txt)');
}

async function readUrl(ctx: CliRunContext): Promise<string> {
  if (typeof ctx.options.url === 'string') return normalizeHubUrl(ctx.options.url, '--url');
  const suggested = `http://127.0.0.1:${ctx.env.DUOHUB_PORT || 8787}`;
  if (ctx.io.interactive && ctx.io.ask) {
    const answer = (await ctx.io.ask(`? Hub URL (${suggested}): `)).trim();
    return normalizeHubUrl(answer || suggested, 'the hub URL');
  }
  throw new Error('not running interactively: pass the hub URL with --url');
}

/**
 * `duohub login`: asks for (or takes) a hub URL and an API token, checks them with the hub
 * (`GET /api/tokens/current`), and saves them as a profile that becomes the default.
 */
export const loginCommand = defineCommand({
  name: 'login',
  description: 'save a hub URL and API token (checked with the hub) as a profile other commands use',
  options: [
    { flags: '--url <url>', description: "the hub's URL (asked on a terminal; default http://127.0.0.1:8787)" },
    { flags: '--with-token', description: 'read the API token from stdin instead of asking (for scripts: --with-token < token.txt)' },
    { flags: '--profile <name>', description: `save under this name (default "${DEFAULT_PROFILE}"); the profile becomes the default` },
    { flags: '--json', description: 'print the saved profile as JSON (never the token)' },
  ],
  run: async (ctx) => {
    const name = profileName(ctx.options.profile);
    const config = await readCliConfig(ctx.env);
    const url = await readUrl(ctx);
    const token = await readToken(ctx);
    const res = await remoteHubClient(url, token).request('GET', '/api/tokens/current');
    if (res.status >= 400) {
      const error = (res.body as { error?: { code?: string; message?: string } } | null)?.error;
      ctx.io.err(`error: the hub at ${url} refused the token: ${error?.code ?? res.status}: ${error?.message ?? 'request failed'}\n`);
      return 1;
    }
    const caller = res.body as { token_id: string | null; scopes: string[]; organization_ids: string[] | null };
    const next: CliConfig = { default_profile: name, profiles: { ...config.profiles, [name]: { url, token } } };
    const file = await writeCliConfig(ctx.env, next);
    const saved = { profile: name, url, default: true, token_id: caller.token_id, scopes: caller.scopes, organization_ids: caller.organization_ids, config_file: file };
    if (ctx.options.json) ctx.io.out(toCliJson(saved));
    else {
      const limit = caller.organization_ids ? `, limited to ${caller.organization_ids.length} organization(s)` : '';
      ctx.io.out(
        `Logged in to ${url} as ${caller.token_id ?? 'token'} (scopes: ${caller.scopes.join(', ')}${limit}).\n` +
          `Saved as profile "${name}", now the default, in ${file} (readable by you only).\n`,
      );
    }
    return 0;
  },
});

/** `duohub logout`: forgets a saved profile (the token itself stays valid on the hub; revoke it with `duohub tokens revoke`). */
export const logoutCommand = defineCommand({
  name: 'logout',
  description: 'forget a saved profile (default: the default profile); the token stays valid until revoked',
  options: [{ flags: '--profile <name>', description: 'the profile to forget' }],
  run: async (ctx) => {
    const config = await readCliConfig(ctx.env);
    const name = (ctx.options.profile as string | undefined) ?? config.default_profile ?? undefined;
    if (!name) throw new Error('not logged in: no default profile is saved');
    if (!config.profiles[name]) throw new Error(unknownProfileMessage(name, config));
    const { [name]: removed, ...rest } = config.profiles;
    const remaining = Object.keys(rest).sort();
    const wasDefault = config.default_profile === name;
    const nextDefault = wasDefault ? (remaining[0] ?? null) : config.default_profile;
    await writeCliConfig(ctx.env, { default_profile: nextDefault, profiles: rest });
    ctx.io.out(
      `Logged out of ${removed!.url} (profile "${name}" forgotten).` +
        (wasDefault ? (nextDefault ? ` The default profile is now "${nextDefault}".` : ' No profile is left.') : '') +
        '\n',
    );
    return 0;
  },
});

/** `duohub profiles list|use`: the saved hubs and which one commands use by default. */
export const profilesCommand = defineCommand({
  name: 'profiles',
  description: 'list saved profiles, or switch the default one',
  subcommands: [
    {
      name: 'list',
      description: 'list saved profiles (tokens are never shown)',
      options: [{ flags: '--json', description: 'print JSON' }],
      run: async (ctx) => {
        const config = await readCliConfig(ctx.env);
        const rows = Object.entries(config.profiles)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, p]) => ({ name, url: p.url, default: name === config.default_profile, token: tokenHint(p.token) }));
        if (ctx.options.json) {
          ctx.io.out(toCliJson({ default_profile: config.default_profile, profiles: rows.map(({ token, ...r }) => ({ ...r, token_hint: token })) }));
        } else {
          ctx.io.out(formatTable(rows.map((r) => ({ ...r, default: r.default ? '*' : '' })), ['name', 'url', 'default', 'token']));
        }
        return 0;
      },
    },
    {
      name: 'use',
      description: 'make a saved profile the default',
      arguments: [{ name: 'name', description: 'profile name', required: true }],
      run: async (ctx) => {
        const name = String(ctx.args[0]);
        const config = await readCliConfig(ctx.env);
        if (!config.profiles[name]) throw new Error(unknownProfileMessage(name, config));
        await writeCliConfig(ctx.env, { ...config, default_profile: name });
        ctx.io.out(`The default profile is now "${name}" (${config.profiles[name]!.url}).\n`);
        return 0;
      },
    },
  ],
});
