import { randomBytes } from 'node:crypto';
import { NodeTransport, ReadGate, type DuoClientOptions, type NodeTransportOptions } from '@duohub/sdk';
import { forgetOldest, touch } from '../util/forget-oldest.js';
import { credentialDigest } from './credential-digest.js';
import { PooledTransport } from './pooled-transport.js';

/** Limits of a DuoClientPool. */
export interface DuoClientPoolOptions {
  /** Credential sets kept (each with its connections and clients); the least recently used goes first. Default 256. */
  maxSets?: number;
  /** Clients kept per credential set (one per Duo account, call profile and kind). Default 1024. */
  maxClientsPerSet?: number;
  /** Connection settings of each set's pool (SDK defaults: 32 sockets per Duo host, idle ones closed after 4 s). */
  transport?: NodeTransportOptions;
  /** Answers whose bodies are read at once, over every set (see `DEFAULT_BODIES_READING`). */
  bodiesReading?: number;
}

/**
 * Bodies read at once by default, over every credential set: requests still go out when their pacer
 * lets them (Duo counts a request when it arrives, not when its answer is read), and answers beyond
 * this wait paused in their sockets, their bytes in the kernel's buffers rather than this process.
 * Each Duo account has its own connections, so a fleet scan has up to its pages in flight (64 by
 * default, set higher by some) answering at once: tens of MB of user pages held as bytes before the
 * first is parsed, where the parser takes them one at a time anyway.
 */
export const DEFAULT_BODIES_READING = 32;

interface SetEntry {
  transport: PooledTransport | undefined;
  clients: Map<string, unknown>;
}

/**
 * Duo clients and their keep-alive connection pools, kept per credential set and reused by every
 * action run, coverage task and verification, so a call finds warm connections (against Duo, no TLS
 * handshake per call). Sets are keyed by a keyed digest of host, integration key, secret key, origin
 * and signature version: changed credentials simply miss and start a new set, and the stale one ages
 * out (bounded, least recently used first) with its sockets closed.
 */
export class DuoClientPool {
  /** Connections per Duo host in each set's pool (a parent's set holds one pool per child account host). */
  readonly maxSockets: number;
  // Per process: digests mean nothing outside it, and the key never leaves memory. Made on first use:
  // option objects are built per call, and an unused pool should cost nothing.
  #digestKey: Buffer | undefined;
  readonly #sets = new Map<string, SetEntry>();
  readonly #maxSets: number;
  readonly #maxClients: number;
  readonly #transportOptions: NodeTransportOptions;
  readonly #readGate: ReadGate;
  readonly #ids = new WeakMap<object, number>();
  #nextId = 1;

  constructor(options: DuoClientPoolOptions = {}) {
    this.#maxSets = options.maxSets ?? 256;
    this.#maxClients = options.maxClientsPerSet ?? 1024;
    this.#transportOptions = options.transport ?? {};
    this.#readGate = new ReadGate(options.bodiesReading ?? DEFAULT_BODIES_READING);
    this.maxSockets = this.#transportOptions.maxSockets ?? 32;
  }

  /** Credential sets held now. */
  get size(): number {
    return this.#sets.size;
  }

  /**
   * The client for `slot` (kind and Duo account, e.g. `admin|parent`) under these options, built with
   * `build` on first use. The set's shared pool is passed in as `transport` unless the options bring
   * an in-process `fetch`. Options that change a client's behaviour (pacer, retry, timeouts, fetch,
   * clock) are part of the key, so callers with different needs never share a client, only connections.
   */
  client<T>(slot: string, options: DuoClientOptions, build: (options: DuoClientOptions) => T): T {
    const entry = this.#entry(options);
    const key = `${slot}|${this.#profile(options)}`;
    const found = entry.clients.get(key);
    if (found !== undefined) {
      touch(entry.clients, key, found);
      return found as T;
    }
    const client = build(options.fetch ? options : { ...options, transport: this.#transportOf(entry) });
    entry.clients.set(key, client);
    forgetOldest(entry.clients, this.#maxClients);
    return client;
  }

  /** Retires every set's connections (at shutdown); calls in flight finish first. */
  close(): void {
    for (const entry of this.#sets.values()) entry.transport?.retire();
    this.#sets.clear();
  }

  #entry(options: DuoClientOptions): SetEntry {
    this.#digestKey ??= randomBytes(32);
    const digest = credentialDigest(this.#digestKey, {
      host: options.host,
      ikey: options.ikey,
      skey: options.skey,
      origin: options.baseUrl,
      sigVersion: options.sigVersion ?? 5,
    });
    let entry = this.#sets.get(digest);
    if (entry) {
      touch(this.#sets, digest, entry);
      return entry;
    }
    entry = { transport: undefined, clients: new Map() };
    this.#sets.set(digest, entry);
    if (this.#sets.size > this.#maxSets) {
      const [oldest, stale] = this.#sets.entries().next().value!;
      this.#sets.delete(oldest);
      stale.transport?.retire();
    }
    return entry;
  }

  #transportOf(entry: SetEntry): PooledTransport {
    entry.transport ??= new PooledTransport(new NodeTransport({ readGate: this.#readGate, ...this.#transportOptions }));
    return entry.transport;
  }

  #profile(options: DuoClientOptions): string {
    const pacing = options.pacing === false ? 'off' : this.#idOf(options.pacing);
    const retry = options.retry === false ? 'off' : this.#idOf(options.retry);
    return [pacing, retry, options.timeoutMs ?? '', options.longPollTimeoutMs ?? '', this.#idOf(options.fetch), this.#idOf(options.now), options.userAgent ?? ''].join('|');
  }

  /** A small number per object, so keys name the very pacer or retry policy a client was built with. */
  #idOf(value: object | undefined): string {
    if (value === undefined) return '';
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.#nextId++;
      this.#ids.set(value, id);
    }
    return String(id);
  }
}
