import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { keyId } from '../crypto/key-id.js';
import type { KeyResolver } from '../crypto/key-ring.js';

/** The key file's name inside the data dir. */
export const KEY_FILE_NAME = 'master.key';

/** `<dataDir>/master.key`. */
export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, KEY_FILE_NAME);
}

/** Where rotation keeps a replaced key: `<dataDir>/master.key.retired-<key id>` (the id says which values it opens). */
export function retiredKeyFilePath(dataDir: string, keyId: string): string {
  return path.join(dataDir, `${KEY_FILE_NAME}.retired-${keyId}`);
}

/** A key file's text as 32 bytes; throws naming the file (never its content) when it is not base64 of 32 bytes. */
export function parseKeyText(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a base64 32-byte key`);
  return key;
}

/** The key in `file`, or undefined when the file does not exist (or is unreadable). */
export function readKeyFileSync(file: string): Buffer | undefined {
  try {
    return parseKeyText(readFileSync(file, 'utf8'), file);
  } catch {
    return undefined;
  }
}

/**
 * Writes a key file (mode 0600) so that readers see the old file or the new one, never half of
 * one: a temp file beside it, flushed, then renamed over. `exclusive` refuses to replace a file.
 */
export async function writeKeyFile(file: string, key: Buffer, options: { exclusive?: boolean } = {}): Promise<void> {
  if (options.exclusive) {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(key.toString('base64') + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return;
  }
  const temp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(key.toString('base64') + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Lets a running hub find keys written after it started: the retired-key backups, and (when the
 * hub's key comes from the file) `master.key` itself, which `duohub keys rotate` replaces.
 */
export function keyFileResolver(dataDir: string, options: { includeKeyFile: boolean }): KeyResolver {
  return (wanted) => {
    const candidates = [retiredKeyFilePath(dataDir, wanted), ...(options.includeKeyFile ? [keyFilePath(dataDir)] : [])];
    for (const file of candidates) {
      const key = readKeyFileSync(file);
      if (key && keyId(key) === wanted) return key;
    }
    return undefined;
  };
}
