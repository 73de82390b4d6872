import net, { isIP } from 'node:net';
import tls from 'node:tls';
import { addressProblem, guardedLookup } from './destination-address-guard.js';
import type { SyslogTransport } from './forwarding-tables.js';

/** Where one syslog destination listens, and the TLS material to reach it. */
export interface SyslogTarget {
  host: string;
  port: number;
  transport: SyslogTransport;
  /** PEM of the CA(s) that sign the receiver's certificate; the system's CAs when absent. */
  ca?: string | null;
  /** The name the receiver's certificate must carry, when it is not `host`. */
  serverName?: string | null;
  /** Client certificate and key (PEM, opened) for receivers that require them. */
  clientCert?: string | null;
  clientKey?: string | null;
}

/** Connection settings of a syslog client. */
export interface SyslogClientOptions {
  allowPrivate: boolean;
  connectTimeoutMs: number;
  /**
   * How long a connection must stay up after a batch is flushed before the batch counts as delivered.
   * Syslog over TCP has no application-level acknowledgement (RFC 6587): a receiver that died with our
   * bytes unread resets the connection, and the reset arrives within a round trip. Waiting this long
   * turns that reset into a resend instead of a silent loss (at-least-once; the receiver dedupes by `id`).
   */
  settleMs: number;
}

/**
 * One long-lived TCP or TLS connection to a syslog receiver, opened on first use and again after
 * any failure (the forwarder spaces reconnects with its backoff). `send` writes octet-counted frames
 * in order and resolves once they are flushed and the connection survived the settle period.
 */
export class SyslogClient {
  readonly #target: SyslogTarget;
  readonly #options: SyslogClientOptions;
  #socket: net.Socket | undefined;
  #failure: Error | undefined;
  #failureListeners = new Set<(error: Error) => void>();

  constructor(target: SyslogTarget, options: SyslogClientOptions) {
    this.#target = target;
    this.#options = options;
  }

  /** Writes the frames (already octet-counted) and waits for the settle period; throws when the connection fails. */
  async send(frames: Buffer[]): Promise<void> {
    const socket = await this.#connect();
    const lost = this.#whenLost();
    try {
      await Promise.race([
        new Promise<void>((resolve, reject) => socket.write(Buffer.concat(frames), (error) => (error ? reject(error) : resolve()))),
        lost.promise,
      ]);
      await Promise.race([new Promise<void>((resolve) => setTimeout(resolve, this.#options.settleMs)), lost.promise]);
      // Timers run before pending I/O in an event-loop turn: after a busy loop the settle timer can fire
      // with the receiver's reset already waiting. setImmediate runs after that I/O has been handled.
      await Promise.race([new Promise<void>((resolve) => setImmediate(resolve)), lost.promise]);
      if (this.#failure || socket !== this.#socket) throw this.#failure ?? new Error('the connection closed');
    } catch (error) {
      this.#drop(error as Error);
      throw error;
    } finally {
      lost.dispose();
    }
  }

  /** Closes the connection (the next `send` opens a new one). */
  close(): void {
    const socket = this.#socket;
    this.#socket = undefined;
    socket?.destroy();
  }

  #whenLost(): { promise: Promise<never>; dispose(): void } {
    let listener!: (error: Error) => void;
    const promise = new Promise<never>((_, reject) => {
      listener = reject;
      this.#failureListeners.add(listener);
    });
    // Nobody may await it when the write wins; that rejection is expected.
    promise.catch(() => {});
    return { promise, dispose: () => this.#failureListeners.delete(listener) };
  }

  #drop(error: Error): void {
    this.#failure ??= error;
    const socket = this.#socket;
    this.#socket = undefined;
    socket?.destroy();
    for (const listener of [...this.#failureListeners]) listener(error);
  }

  async #connect(): Promise<net.Socket> {
    if (this.#socket && !this.#socket.destroyed && this.#failure === undefined) return this.#socket;
    this.#failure = undefined;
    const t = this.#target;
    const host = t.host.replace(/^\[|\]$/g, '');
    if (!this.#options.allowPrivate && isIP(host) !== 0 && addressProblem(host)) {
      throw new Error(`${host} is a private address (DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE)`);
    }
    const lookup = guardedLookup(this.#options.allowPrivate) as never;
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      let s: net.Socket;
      const onError = (error: Error) => {
        clearTimeout(timer);
        s.destroy();
        reject(error);
      };
      if (t.transport === 'tls') {
        s = tls.connect({
          host,
          port: t.port,
          lookup,
          ...(t.serverName ? { servername: t.serverName } : isIP(host) === 0 ? { servername: host } : {}),
          ...(t.ca ? { ca: t.ca } : {}),
          ...(t.clientCert && t.clientKey ? { cert: t.clientCert, key: t.clientKey } : {}),
          rejectUnauthorized: true,
        });
        s.once('secureConnect', () => {
          clearTimeout(timer);
          s.off('error', onError);
          resolve(s);
        });
      } else {
        s = net.connect({ host, port: t.port, lookup });
        s.once('connect', () => {
          clearTimeout(timer);
          s.off('error', onError);
          resolve(s);
        });
      }
      s.once('error', onError);
      const timer = setTimeout(() => onError(new Error(`could not connect within ${this.#options.connectTimeoutMs} ms`)), this.#options.connectTimeoutMs);
    });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    // Receivers send nothing; reading notices a reset or a close as soon as it arrives.
    socket.on('data', () => {});
    socket.on('error', (error) => this.#lost(socket, error));
    socket.on('end', () => this.#lost(socket, new Error('the receiver closed the connection')));
    socket.on('close', () => this.#lost(socket, new Error('the connection closed')));
    this.#socket = socket;
    return socket;
  }

  #lost(socket: net.Socket, error: Error): void {
    if (socket !== this.#socket) return;
    this.#drop(error);
  }
}
