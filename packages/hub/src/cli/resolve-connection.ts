import type { CliConfig } from './cli-config.js';
import { didYouMean, suggestSimilar } from './suggest-similar.js';

/** Where a command's requests go: a running hub, or the store opened in this process. */
export type CliConnection =
  | { kind: 'remote'; url: string; token: string; /** What chose it, for messages: a flag, a variable or a profile. */ source: string }
  | { kind: 'local' };

/** The connection flags a command was given. */
export interface ConnectionFlags {
  url?: string | undefined;
  token?: string | undefined;
  profile?: string | undefined;
}

/** A hub URL as the CLI stores and calls it: http(s), no trailing slash; `source` names the flag or variable in the error. */
export function normalizeHubUrl(raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`${source} must be an http:// or https:// URL such as http://127.0.0.1:8787 (got ${JSON.stringify(raw)})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${source} must be an http:// or https:// URL such as http://127.0.0.1:8787 (got ${JSON.stringify(raw)})`);
  }
  url.hash = '';
  url.search = '';
  return url.toString().replace(/\/+$/, '');
}

/**
 * Decides where a command goes, like gh: explicit flags first, then the environment, then the saved
 * default profile, then the local store.
 *
 * 1. `--url` (token from `--token`, DUOHUB_TOKEN, or a saved profile for the same URL)
 * 2. `--profile NAME`
 * 3. DUOHUB_URL (token as in 1), as before profiles existed
 * 4. DUOHUB_PROFILE
 * 5. the local store when DUOHUB_DATA_DIR or DATABASE_URL says which one (the operator on the hub's machine)
 * 6. the default profile saved by `duohub login`
 * 7. the local store in ./.duohub
 *
 * `--token` alone replaces the token of whichever hub 2-6 chose.
 */
export function resolveConnection(flags: ConnectionFlags, env: Record<string, string | undefined>, config: CliConfig): CliConnection {
  const tokenFor = (url: string, preferred?: string): string | undefined => {
    if (flags.token) return flags.token;
    if (env.DUOHUB_TOKEN) return env.DUOHUB_TOKEN;
    const named = preferred ? config.profiles[preferred] : undefined;
    if (named && sameUrl(named.url, url)) return named.token;
    const byUrl = Object.values(config.profiles).find((p) => sameUrl(p.url, url));
    return byUrl?.token;
  };
  const withUrl = (raw: string, source: string): CliConnection => {
    const url = normalizeHubUrl(raw, source);
    const token = tokenFor(url, flags.profile);
    if (!token) throw new Error(`${source} needs a token: pass --token, set DUOHUB_TOKEN, or save one with \`duohub login --url ${url}\``);
    return { kind: 'remote', url, token, source };
  };
  const withProfile = (name: string, source: string): CliConnection => {
    const profile = config.profiles[name];
    if (!profile) throw new Error(unknownProfileMessage(name, config));
    const url = normalizeHubUrl(profile.url, `the url of profile "${name}"`);
    return { kind: 'remote', url, token: flags.token || profile.token, source };
  };

  if (flags.url) return withUrl(flags.url, '--url');
  if (flags.profile) return withProfile(flags.profile, `--profile ${flags.profile}`);
  if (env.DUOHUB_URL) return withUrl(env.DUOHUB_URL, 'DUOHUB_URL');
  if (env.DUOHUB_PROFILE) return withProfile(env.DUOHUB_PROFILE, `DUOHUB_PROFILE=${env.DUOHUB_PROFILE}`);
  if (env.DUOHUB_DATA_DIR || env.DATABASE_URL) return { kind: 'local' };
  if (config.default_profile && config.profiles[config.default_profile]) {
    return withProfile(config.default_profile, `profile ${config.default_profile}`);
  }
  return { kind: 'local' };
}

/** "no profile named x", with the saved names and a suggestion. */
export function unknownProfileMessage(name: string, config: CliConfig): string {
  const names = Object.keys(config.profiles);
  if (names.length === 0) return `no profile named "${name}": nothing is saved yet; run \`duohub login --profile ${name}\``;
  return `no profile named "${name}" (saved: ${names.join(', ')}).${didYouMean(suggestSimilar(name, names), (s) => `"${s}"`)}`;
}

function sameUrl(a: string, b: string): boolean {
  try {
    return normalizeHubUrl(a, 'url') === normalizeHubUrl(b, 'url');
  } catch {
    return false;
  }
}
