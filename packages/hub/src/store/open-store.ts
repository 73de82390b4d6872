import type { Kysely, Migration } from 'kysely';
import { KeyRing } from '../crypto/key-ring.js';
import { SecretBox } from '../crypto/secret-box.js';
import { resealValues } from '../keys/reseal-values.js';
import { isStoreEmpty } from '../keys/is-store-empty.js';
import { verifyStoreKey, type StoreKeyOutcome } from '../keys/verify-store-key.js';
import type { SecretScrubber } from '../log/secret-scrubber.js';
import type { Database } from './database.js';
import { openDatabase } from './open-database.js';

export { migrate } from './open-database.js';

/** The hub's storage: a Kysely handle, the secret box that seals its secret columns, and a way out. */
export interface Store {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** The SQLite file, or the Postgres URL without its password. */
  location: string;
  secrets: SecretBox;
  /** What the start-up key check found (key ids and counts only). */
  masterKey: StoreKeyStatus;
  close(): Promise<void>;
}

/** The outcome of the start-up key check and upgrade. */
export interface StoreKeyStatus {
  keyId: string;
  outcome: StoreKeyOutcome;
  /** Legacy or older-key values re-sealed under the current key at this start. */
  upgraded: number;
  /** Values no available key opens (a retired key is missing); they stay as they are. */
  unreadable: number;
}

/** The master key(s) to use and where they came from (named in refusals). */
export interface LoadedKeys {
  ring: KeyRing;
  source: string;
}

/** Options for `openStore`; `databaseUrl` picks Postgres, otherwise SQLite in `dataDir`. */
export interface OpenStoreOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** A fixed key (tests, tools); or give `loadKeys`. */
  masterKey?: Buffer;
  /** Loads the keys once the store is open; `storeIsEmpty` says whether a new key may be generated. */
  loadKeys?: (storeIsEmpty: boolean) => Promise<LoadedKeys>;
  /** Learns every secret the store seals or opens, so logs can scrub them. */
  scrubber?: SecretScrubber;
  /** Defaults to every hub migration; tests may pass a subset. */
  migrations?: Record<string, Migration>;
  /** SQLite file name inside `dataDir`. */
  sqliteFile?: string;
  /** Postgres: the store pool's most connections (see `openDatabase`). */
  poolSize?: number | undefined;
  now?: () => Date;
}

/**
 * Opens (and migrates) the SQLite or Postgres store, then checks the master key against the one the
 * store records, refusing to open with another, and re-seals legacy values under the current key.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { db, dialect, location } = await openDatabase(options);
  try {
    let loaded: LoadedKeys;
    if (options.loadKeys) loaded = await options.loadKeys(await isStoreEmpty(db));
    else if (options.masterKey) loaded = { ring: new KeyRing(options.masterKey), source: 'the given master key' };
    else throw new Error('openStore needs masterKey or loadKeys');
    const secrets = new SecretBox(loaded.ring, (value) => options.scrubber?.add(value));
    const now = options.now ?? (() => new Date());
    const outcome = await verifyStoreKey(db, secrets, loaded.source, now().toISOString());
    // Legacy v1 values and values under a retired key move to the current key on the first start.
    const upgrade = await resealValues(db, secrets);
    const masterKey = { keyId: secrets.keys.currentId, outcome, upgraded: upgrade.resealed, unreadable: upgrade.unreadable };
    return { db, dialect, location, secrets, masterKey, close: () => db.destroy() };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
