import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/database.js';

/** One Duo MFA method (Vault's `identity/mfa/method/duo` object) with the hub's extensions. */
export interface MfaMethodsTable {
  /** Lower-case UUID, as Vault makes them. */
  id: string;
  method_name: string | null;
  mount_accessor: string;
  /** Vault's `username_format` (also accepted as `username_template`); empty means the entity name. */
  username_format: string;
  /** URL-encoded key=value pairs shown with every push. */
  push_info: string;
  /** 0 or 1 (portable across SQLite and Postgres). */
  use_passcode: number;
  api_hostname: string | null;
  integration_key: string | null;
  /** Sealed with SecretBox, AAD `mfa_methods.secret_key`. */
  secret_key: string | null;
  /** Connect-address override (emulator, proxy), as integrations have; not part of Vault's API. */
  base_url: string | null;
  /** Instead of pasted keys: the organization whose Auth API keys are used (its own, or the integration's for `parent`). */
  organization_id: string | null;
  push_limit: number;
  push_window_seconds: number;
  cooldown_seconds: number;
  created_at: string;
  updated_at: string;
}

/** One verification attempt and its outcome. */
export interface MfaVerificationsTable {
  id: string;
  method_id: string | null;
  organization_id: string | null;
  /** `<api host>|<username>`: one Duo user, the unit of the push rate limit and cooldown. */
  subject: string;
  username: string;
  factor: string | null;
  device: string | null;
  /** `pending` while running, then the final outcome. */
  outcome: string;
  reason: string | null;
  token_id: string | null;
  /** JSON of the progress events, written when the attempt ends. */
  events: string | null;
  started_at: string;
  finished_at: string | null;
}

/** The MFA tables as Kysely sees them (a type alias: `withTables` needs an index-compatible type). */
export type MfaTables = {
  mfa_methods: MfaMethodsTable;
  mfa_verifications: MfaVerificationsTable;
};

/** The hub's tables plus the MFA ones. */
export type MfaDatabase = Database & MfaTables;

/** A connection or transaction typed with the MFA tables (they live in migration 0002). */
export function mfaDb(db: Kysely<Database> | Transaction<Database>): Kysely<MfaDatabase> {
  return db.withTables<MfaTables>() as Kysely<MfaDatabase>;
}
