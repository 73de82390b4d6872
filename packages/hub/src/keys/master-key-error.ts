/** The hub refuses to start (or rotate) with this master key; the message says why and how to fix it, never the key. */
export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}
