import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where the key came from, so `serve` can say so without printing it. */
export type MasterKeySource = 'env' | 'file' | 'generated';

/**
 * The 32-byte key that seals secrets at rest: the configured one, else `master.key` in the data dir,
 * created (mode 0600) on first start. Losing the file makes stored secrets unreadable, by design.
 */
export async function loadMasterKey(
  dataDir: string,
  configured: Buffer | undefined,
): Promise<{ key: Buffer; source: MasterKeySource; file?: string; warning?: string }> {
  if (configured) return { key: configured, source: 'env' };
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'master.key');
  try {
    const text = (await readFile(file, 'utf8')).trim();
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a base64 32-byte key`);
    const mode = (await stat(file)).mode & 0o777;
    // A readable key file defeats encryption at rest; say so rather than silently accept it.
    const warning = mode & 0o077 ? `${file} is readable by other users (mode ${mode.toString(8)}); chmod 600 it` : undefined;
    return { key, source: 'file', file, ...(warning ? { warning } : {}) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  try {
    // `wx` refuses to overwrite a key another process created a moment ago; then use theirs.
    await writeFile(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadMasterKey(dataDir, configured);
    throw error;
  }
  return { key, source: 'generated', file };
}
