import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { keyFilePath, parseKeyText, writeKeyFile } from '../keys/key-files.js';
import { MasterKeyError } from '../keys/master-key-error.js';

/** Where the key came from, so `serve` can say so without printing it. */
export type MasterKeySource = 'env' | 'file' | 'generated';

/** A loaded master key and where it came from. */
export interface LoadedMasterKey {
  key: Buffer;
  source: MasterKeySource;
  file?: string;
  warning?: string;
}

/**
 * The 32-byte key that seals secrets at rest: the configured one, else `master.key` in the data dir.
 * The file is created (mode 0600) only when `mayGenerate` says the store is empty: a new key for a
 * store that already holds sealed values would lock them away for good, so that case fails closed.
 */
export async function loadMasterKey(
  dataDir: string,
  configured: Buffer | undefined,
  options: { mayGenerate?: boolean } = {},
): Promise<LoadedMasterKey> {
  if (configured) return { key: configured, source: 'env' };
  const file = keyFilePath(dataDir);
  try {
    const key = parseKeyText(await readFile(file, 'utf8'), file);
    const mode = (await stat(file)).mode & 0o777;
    // A readable key file defeats encryption at rest; say so rather than silently accept it.
    const warning = mode & 0o077 ? `${file} is readable by other users (mode ${mode.toString(8)}); chmod 600 it` : undefined;
    return { key, source: 'file', file, ...(warning ? { warning } : {}) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (!options.mayGenerate) {
    throw new MasterKeyError(
      `no master key: DUOHUB_MASTER_KEY is unset and ${file} does not exist, but the store already holds data sealed with a master key. ` +
        'Restore master.key from your backup into the data dir (or set DUOHUB_MASTER_KEY to that key); ' +
        'a new key is generated only for an empty store, because it could not open the stored secrets.',
    );
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    // Exclusive create refuses to overwrite a key another process created a moment ago; then use theirs.
    await writeKeyFile(file, key, { exclusive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadMasterKey(dataDir, configured, options);
    throw error;
  }
  return { key, source: 'generated', file };
}

/** Names where a key came from, for error messages: the variable or the file, never the key. */
export function describeKeySource(loaded: Pick<LoadedMasterKey, 'source' | 'file'>): string {
  return loaded.source === 'env' ? 'DUOHUB_MASTER_KEY (environment)' : `the key file ${loaded.file ?? 'master.key'}`;
}
