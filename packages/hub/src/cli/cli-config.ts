import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One saved hub: where it is and the API token to use there. */
export interface CliProfile {
  url: string;
  token: string;
}

/** What `duohub login` saves: named profiles and the one commands use by default. */
export interface CliConfig {
  default_profile: string | null;
  profiles: Record<string, CliProfile>;
}

/** A config file that exists but cannot be used; the message names the file, never a token. */
export class CliConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliConfigError';
  }
}

/**
 * Where the CLI keeps its config, as gh does: `$XDG_CONFIG_HOME/duohub`, else `$HOME/.config/duohub`.
 * Read from `env` only (undefined when neither is set), so tests and scripts with a bare environment
 * never pick up a person's saved profiles.
 */
export function cliConfigDir(env: Record<string, string | undefined>): string | undefined {
  if (env.XDG_CONFIG_HOME) return path.join(env.XDG_CONFIG_HOME, 'duohub');
  if (env.HOME) return path.join(env.HOME, '.config', 'duohub');
  return undefined;
}

/** The config file's path, or undefined when there is no config directory. */
export function cliConfigPath(env: Record<string, string | undefined>): string | undefined {
  const dir = cliConfigDir(env);
  return dir ? path.join(dir, 'config.json') : undefined;
}

const empty = (): CliConfig => ({ default_profile: null, profiles: {} });

/** Reads the config; an absent file (or no config directory) is an empty config. */
export async function readCliConfig(env: Record<string, string | undefined>): Promise<CliConfig> {
  const file = cliConfigPath(env);
  if (!file) return empty();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
    throw new CliConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliConfigError(`${file} is not valid JSON; fix it or delete it and run \`duohub login\` again`);
  }
  return parseCliConfig(parsed, file);
}

/** Checks the shape of a parsed config file, naming the first wrong field. */
export function parseCliConfig(value: unknown, file: string): CliConfig {
  const bad = (field: string, what: string) => new CliConfigError(`${file}: ${field} ${what}`);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad('(top level)', 'must be a JSON object');
  const raw = value as { default_profile?: unknown; profiles?: unknown };
  if (raw.default_profile !== undefined && raw.default_profile !== null && typeof raw.default_profile !== 'string') {
    throw bad('default_profile', 'must be a profile name or null');
  }
  const profiles: Record<string, CliProfile> = {};
  if (raw.profiles !== undefined) {
    if (!raw.profiles || typeof raw.profiles !== 'object' || Array.isArray(raw.profiles)) throw bad('profiles', 'must be an object');
    for (const [name, p] of Object.entries(raw.profiles as Record<string, unknown>)) {
      const profile = p as { url?: unknown; token?: unknown } | null;
      if (!profile || typeof profile.url !== 'string') throw bad(`profiles.${name}.url`, 'must be a string');
      if (typeof profile.token !== 'string') throw bad(`profiles.${name}.token`, 'must be a string');
      profiles[name] = { url: profile.url, token: profile.token };
    }
  }
  const defaultProfile = typeof raw.default_profile === 'string' ? raw.default_profile : null;
  return { default_profile: defaultProfile, profiles };
}

/**
 * Saves the config readable by its owner only: the directory 0700, the file 0600, written to a
 * temporary file first and renamed over the old one, so a crash never leaves half a file.
 */
export async function writeCliConfig(env: Record<string, string | undefined>, config: CliConfig): Promise<string> {
  const dir = cliConfigDir(env);
  if (!dir) throw new CliConfigError('cannot save the login: set HOME or XDG_CONFIG_HOME');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'config.json');
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
    // The mode given to writeFile is filtered by the umask and ignored for an existing file.
    await chmod(temp, 0o600);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return file;
}

/** A token as the CLI may show it: its first characters and the last four, never enough to use. */
export function tokenHint(token: string): string {
  return token.length <= 12 ? '…' : `${token.slice(0, 5)}…${token.slice(-4)}`;
}
