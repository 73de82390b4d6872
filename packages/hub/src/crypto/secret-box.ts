import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals secrets with AES-256-GCM: a fresh random nonce per value and the column name as
 * additional data, so a sealed value copied into another column fails to open.
 */
export class SecretBox {
  readonly #key: Buffer;
  readonly #onPlaintext: ((plaintext: string) => void) | undefined;

  /** `onPlaintext` sees every value sealed or opened (the log scrubber learns secrets this way). */
  constructor(key: Buffer, onPlaintext?: (plaintext: string) => void) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
    this.#key = Buffer.from(key);
    this.#onPlaintext = onPlaintext;
  }

  /** `v1.<base64url(nonce | tag | ciphertext)>`. */
  seal(plaintext: string, aad: string): string {
    this.#onPlaintext?.(plaintext);
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
  }

  /** The plaintext, or a SecretBoxError when the key, the column or the bytes do not match. */
  open(sealed: string, aad: string): string {
    const [version, payload] = sealed.split('.', 2);
    if (version !== VERSION || payload === undefined) throw new SecretBoxError('unknown sealed-value format');
    const raw = Buffer.from(payload, 'base64url');
    if (raw.length < NONCE_BYTES + TAG_BYTES) throw new SecretBoxError('sealed value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    let plaintext: string;
    try {
      plaintext = Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('sealed value failed authentication (wrong master key, wrong column, or tampered)');
    }
    this.#onPlaintext?.(plaintext);
    return plaintext;
  }
}

/** A sealed value that cannot be opened; the message never includes key or plaintext. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}
