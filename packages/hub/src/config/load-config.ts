import path from 'node:path';

/** Everything the hub reads from its environment, validated once at start. */
export interface HubConfig {
  /** Directory for the SQLite file and the generated master key. */
  dataDir: string;
  /** `postgres://...` switches the store to Postgres; undefined keeps SQLite. */
  databaseUrl: string | undefined;
  port: number;
  /** Interface to listen on (DUOHUB_HOST, default 127.0.0.1: expose deliberately, e.g. 0.0.0.0 in a container). */
  host: string;
  /** 32 raw bytes from DUOHUB_MASTER_KEY; undefined means "use or create `master.key` in the data dir". */
  masterKey: Buffer | undefined;
  /** A bootstrap admin token chosen by the operator instead of a generated one. */
  adminToken: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** Why the environment could not be turned into a config; names the variable, never its value. */
export class HubConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'HubConfigError';
    this.variable = variable;
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads DUOHUB_* and DATABASE_URL from `env` (pure: no file or network access). */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): HubConfig {
  const dataDir = path.resolve(cwd, nonEmpty(env.DUOHUB_DATA_DIR) ?? '.duohub');

  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new HubConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }

  const port = parsePort(nonEmpty(env.DUOHUB_PORT));
  const host = nonEmpty(env.DUOHUB_HOST) ?? '127.0.0.1';

  let masterKey: Buffer | undefined;
  const rawKey = nonEmpty(env.DUOHUB_MASTER_KEY);
  if (rawKey !== undefined) {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(rawKey) && !/^[A-Za-z0-9_-]+={0,2}$/.test(rawKey)) {
      throw new HubConfigError('DUOHUB_MASTER_KEY', 'must be base64 (32 random bytes, e.g. `openssl rand -base64 32`)');
    }
    masterKey = Buffer.from(rawKey, rawKey.includes('-') || rawKey.includes('_') ? 'base64url' : 'base64');
    if (masterKey.length !== 32) {
      throw new HubConfigError('DUOHUB_MASTER_KEY', `must decode to 32 bytes, got ${masterKey.length}`);
    }
  }

  const adminToken = nonEmpty(env.DUOHUB_ADMIN_TOKEN);
  if (adminToken !== undefined && (adminToken.length < 20 || /\s/.test(adminToken))) {
    throw new HubConfigError('DUOHUB_ADMIN_TOKEN', 'must be at least 20 characters without whitespace');
  }

  const level = nonEmpty(env.DUOHUB_LOG_LEVEL) ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new HubConfigError('DUOHUB_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }

  return { dataDir, databaseUrl, port, host, masterKey, adminToken, logLevel: level as HubConfig['logLevel'] };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 8787;
  if (!/^\d+$/.test(raw)) throw new HubConfigError('DUOHUB_PORT', 'must be an integer between 0 and 65535');
  const port = Number(raw);
  if (port > 65535) throw new HubConfigError('DUOHUB_PORT', 'must be an integer between 0 and 65535');
  return port;
}
