import path from 'node:path';
import { DEFAULT_DATABASE_CONNECTIONS, MIN_DATABASE_CONNECTIONS } from './database-connections.js';
import { envInteger } from './env-values.js';
import { HubConfigError } from './hub-config-error.js';
import { estimateTokenEntropy, ADMIN_TOKEN_BITS_FLOOR, MIN_ADMIN_TOKEN_LENGTH } from './estimate-token-entropy.js';

/** Everything the hub reads from its environment, validated once at start. */
export interface HubConfig {
  /** Directory for the SQLite file and the generated master key. */
  dataDir: string;
  /** `postgres://...` switches the store to Postgres; undefined keeps SQLite. */
  databaseUrl: string | undefined;
  /**
   * DUOHUB_DATABASE_CONNECTIONS: the most connections this process opens to Postgres, its store's and
   * its job runners' pools together (default 20, at least 8); size it so every replica fits under
   * the server's `max_connections`. Unused on SQLite.
   */
  databaseConnections: number;
  port: number;
  /** Interface to listen on (DUOHUB_HOST, default 127.0.0.1: expose deliberately, e.g. 0.0.0.0 in a container). */
  host: string;
  /** 32 raw bytes from DUOHUB_MASTER_KEY; undefined means "use or create `master.key` in the data dir". */
  masterKey: Buffer | undefined;
  /** DUOHUB_MASTER_KEY_PREVIOUS: the key being replaced, for a rotation by restart (opens values, never seals). */
  masterKeyPrevious: Buffer | undefined;
  /** A bootstrap admin token chosen by the operator instead of a generated one. */
  adminToken: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS: accept base URL overrides and API hosts outside Duo's domains (emulators, proxies). */
  allowCustomDuoOrigins: boolean;
}

export { HubConfigError } from './hub-config-error.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads DUOHUB_* and DATABASE_URL from `env` (pure: no file or network access). */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): HubConfig {
  const dataDir = path.resolve(cwd, nonEmpty(env.DUOHUB_DATA_DIR) ?? '.duohub');

  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new HubConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }

  const databaseConnections = envInteger(env, 'DUOHUB_DATABASE_CONNECTIONS', MIN_DATABASE_CONNECTIONS, 10_000) ?? DEFAULT_DATABASE_CONNECTIONS;

  const port = parsePort(nonEmpty(env.DUOHUB_PORT));
  const host = nonEmpty(env.DUOHUB_HOST) ?? '127.0.0.1';

  const masterKey = parseKeyVariable('DUOHUB_MASTER_KEY', nonEmpty(env.DUOHUB_MASTER_KEY));
  const masterKeyPrevious = parseKeyVariable('DUOHUB_MASTER_KEY_PREVIOUS', nonEmpty(env.DUOHUB_MASTER_KEY_PREVIOUS));

  const adminToken = nonEmpty(env.DUOHUB_ADMIN_TOKEN);
  if (adminToken !== undefined) checkAdminToken(adminToken);

  const level = nonEmpty(env.DUOHUB_LOG_LEVEL) ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new HubConfigError('DUOHUB_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }

  const allowCustomDuoOrigins = parseFlag('DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS', nonEmpty(env.DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS));

  return { dataDir, databaseUrl, databaseConnections, port, host, masterKey, masterKeyPrevious, adminToken, logLevel: level as HubConfig['logLevel'], allowCustomDuoOrigins };
}

// The bootstrap token is an admin credential reachable from the network: it must be as hard to guess
// as the tokens the hub generates, not a password someone will remember.
function checkAdminToken(token: string): void {
  const howTo = 'make one with `openssl rand -base64 32`, or leave DUOHUB_ADMIN_TOKEN unset and the hub prints a generated token once';
  if (/\s/.test(token)) throw new HubConfigError('DUOHUB_ADMIN_TOKEN', `must not contain whitespace; ${howTo}`);
  const bits = estimateTokenEntropy(token);
  const length = Array.from(token).length;
  if (length < MIN_ADMIN_TOKEN_LENGTH || bits <= ADMIN_TOKEN_BITS_FLOOR) {
    throw new HubConfigError(
      'DUOHUB_ADMIN_TOKEN',
      `must be a random secret of at least ${MIN_ADMIN_TOKEN_LENGTH} characters carrying more than ${ADMIN_TOKEN_BITS_FLOOR} bits (this one: ${length} characters, an estimated ${Math.floor(bits)} bits); ${howTo}`,
    );
  }
}

/** Base64 (or base64url) of 32 bytes from `variable`; undefined when unset. */
export function parseKeyVariable(variable: string, raw: string | undefined): Buffer | undefined {
  if (raw === undefined) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw) && !/^[A-Za-z0-9_-]+={0,2}$/.test(raw)) {
    throw new HubConfigError(variable, 'must be base64 (32 random bytes, e.g. `openssl rand -base64 32`)');
  }
  const key = Buffer.from(raw, raw.includes('-') || raw.includes('_') ? 'base64url' : 'base64');
  if (key.length !== 32) throw new HubConfigError(variable, `must decode to 32 bytes, got ${key.length}`);
  return key;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

// A typo must not silently leave a security switch in an unexpected position, so only these spellings pass.
function parseFlag(variable: string, raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const value = raw.toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new HubConfigError(variable, 'must be true or false (or 1 or 0)');
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 8787;
  if (!/^\d+$/.test(raw)) throw new HubConfigError('DUOHUB_PORT', 'must be an integer between 0 and 65535');
  const port = Number(raw);
  if (port > 65535) throw new HubConfigError('DUOHUB_PORT', 'must be an integer between 0 and 65535');
  return port;
}
