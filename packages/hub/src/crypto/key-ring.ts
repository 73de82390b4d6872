import { keyId } from './key-id.js';

/** Finds a key the ring does not hold yet (re-reading key files); must return only a key with that id. */
export type KeyResolver = (keyId: string) => Buffer | undefined;

/**
 * The master keys a process can use: one current key that seals, any others that only open
 * (a retired key during and after a rotation). A resolver lets a running hub find a key that
 * `duohub keys rotate` wrote after the hub started, without a restart.
 */
export class KeyRing {
  readonly #keys = new Map<string, Buffer>();
  readonly #resolve: KeyResolver | undefined;
  #currentId: string;

  /** `current` seals; `others` only open; `resolve` is asked for ids the ring does not hold. */
  constructor(current: Buffer, options: { others?: readonly Buffer[]; resolve?: KeyResolver } = {}) {
    this.#currentId = this.add(current);
    for (const key of options.others ?? []) this.add(key);
    this.#resolve = options.resolve;
  }

  /** The id of the key that seals new values. */
  get currentId(): string {
    return this.#currentId;
  }

  /** The key that seals new values. */
  get current(): Buffer {
    return this.#keys.get(this.#currentId)!;
  }

  /** Adds a key (copied) and returns its id. */
  add(key: Buffer): string {
    if (key.length !== 32) throw new Error('a master key must be 32 bytes');
    const id = keyId(key);
    if (!this.#keys.has(id)) this.#keys.set(id, Buffer.from(key));
    return id;
  }

  /** The key with this id, asking the resolver once when the ring does not hold it. */
  find(id: string): Buffer | undefined {
    const held = this.#keys.get(id);
    if (held) return held;
    const found = this.#resolve?.(id);
    // A resolver reading the wrong file must not smuggle in a key under another id.
    if (!found || found.length !== 32 || keyId(found) !== id) return undefined;
    this.add(found);
    return this.#keys.get(id);
  }

  /** Makes the key with this id the sealing key; false when it cannot be found. */
  use(id: string): boolean {
    if (!this.find(id)) return false;
    this.#currentId = id;
    return true;
  }

  /** Every key held, current first: legacy `v1` values name no key, so each is tried in turn. */
  keys(): Buffer[] {
    return [this.current, ...[...this.#keys].filter(([id]) => id !== this.#currentId).map(([, key]) => key)];
  }
}
