import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyRing } from './key-ring.js';
import { parseSealed } from './parse-sealed.js';
import { forgetOldest, touch } from '../util/forget-oldest.js';
import { legacyAad, sealedAad, type SealTarget } from './seal-target.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Values opened lately kept open, at most: the hub opens the same few credentials on every action run. */
const OPENED_MEMO_SIZE = 256;

/**
 * Seals secrets with AES-256-GCM: a fresh random nonce per value; the master key's id in the
 * envelope (`v2.<key id>.<payload>`) so a rotated store says which key opens each value; and
 * table, column and row id as additional data, so a sealed value copied anywhere else fails to open.
 * Legacy `v1` values (column-only additional data, no key id) still open, and are re-sealed as `v2`
 * on the next start or rotation.
 */
export class SecretBox {
  /** The master keys this box seals and opens with. */
  readonly keys: KeyRing;
  readonly #onPlaintext: ((plaintext: string) => void) | undefined;
  /**
   * v2 values opened lately, by place and sealed text: a decryption costs about 0.2 ms, and every action
   * run opens its integration's secret key again. The same sealed text under the same additional data
   * opened once opens the same way for as long as its key is held, which is checked first every time.
   * Plaintexts stay in this process's memory only, as in the Duo clients they configure.
   */
  readonly #opened = new Map<string, string>();

  /** `onPlaintext` sees every value sealed or opened (the log scrubber learns secrets this way). */
  constructor(keys: KeyRing | Buffer, onPlaintext?: (plaintext: string) => void) {
    this.keys = keys instanceof KeyRing ? keys : new KeyRing(keys);
    this.#onPlaintext = onPlaintext;
  }

  /** `v2.<key id>.<base64url(nonce | tag | ciphertext)>` under the current key, bound to `target`. */
  seal(plaintext: string, target: SealTarget): string {
    this.#onPlaintext?.(plaintext);
    return this.sealDocument(plaintext, target);
  }

  /**
   * Seals like `seal` without showing the plaintext to `onPlaintext`: for a document (an action's
   * input) that holds secrets among ordinary data. The log scrubber must learn the secret parts, not
   * whole documents (it keeps a bounded number of values, and a document would push real keys out),
   * so the caller passes those to `remember`.
   */
  sealDocument(plaintext: string, target: SealTarget): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.current, nonce);
    cipher.setAAD(Buffer.from(sealedAad(target), 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v2.${this.keys.currentId}.${Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
  }

  /** The plaintext, or a SecretBoxError when the key, the place or the bytes do not match. */
  open(sealed: string, target: SealTarget): string {
    const plaintext = this.openDocument(sealed, target);
    this.#onPlaintext?.(plaintext);
    return plaintext;
  }

  /** Opens a value sealed by `sealDocument`, without showing it to `onPlaintext` (see there). */
  openDocument(sealed: string, target: SealTarget): string {
    const parsed = parseSealed(sealed);
    if (!parsed) throw new SecretBoxError('unknown sealed-value format');
    const raw = Buffer.from(parsed.payload, 'base64url');
    if (raw.length < NONCE_BYTES + TAG_BYTES) throw new SecretBoxError('sealed value is truncated');
    let plaintext: string | undefined;
    if (parsed.version === 2) {
      const key = this.keys.find(parsed.keyId);
      if (!key) {
        throw new SecretBoxError(
          `sealed under master key id ${parsed.keyId}, which this process does not hold (the key was rotated: restart with the current key)`,
        );
      }
      const aad = sealedAad(target);
      const memoKey = `${aad}\n${sealed}`;
      plaintext = this.#opened.get(memoKey) ?? decrypt(key, raw, aad);
      if (plaintext !== undefined) {
        touch(this.#opened, memoKey, plaintext);
        forgetOldest(this.#opened, OPENED_MEMO_SIZE);
      }
    } else {
      for (const key of this.keys.keys()) {
        plaintext = decrypt(key, raw, legacyAad(target));
        if (plaintext !== undefined) break;
      }
    }
    if (plaintext === undefined) {
      throw new SecretBoxError('sealed value failed authentication (wrong master key, wrong table, column or row, or tampered)');
    }
    return plaintext;
  }

  /** Shows one secret to `onPlaintext` (the log scrubber) without sealing it. */
  remember(secret: string): void {
    this.#onPlaintext?.(secret);
  }
}

function decrypt(key: Buffer, raw: Buffer, aad: string): string | undefined {
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** A sealed value that cannot be opened; the message never includes key or plaintext. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}
