import { DuoConnectionError, DuoTimeoutError } from '../errors/error-classes.js';
import { redactSecrets } from '../errors/redact.js';
import { classifySocketError } from './classify-socket-error.js';
import type { HttpRequest, HttpResponse, Transport } from './transport.js';

/** A WHATWG fetch, such as the emulator's in-process `emu.fetch`. */
export type FetchLike = (req: Request) => Promise<Response>;

/**
 * A transport over a fetch function. The Request URL carries the signed Duo host. Whether a
 * failed fetch reached the server is unknowable, so every failure counts as possibly sent.
 */
export class FetchTransport implements Transport {
  constructor(private readonly fetchFn: FetchLike) {}

  async send(req: HttpRequest): Promise<HttpResponse> {
    if (req.signal?.aborted) throw req.signal.reason;
    const controller = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    // The timeout and the caller's signal must win even if the fetch ignores its signal.
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
        reject(new DuoTimeoutError(`no answer within ${req.timeoutMs} ms`, { request: req.describe, timeoutMs: req.timeoutMs, sent: true }));
      }, req.timeoutMs);
      onAbort = () => {
        controller.abort(req.signal?.reason);
        reject(req.signal?.reason);
      };
      req.signal?.addEventListener('abort', onAbort, { once: true });
    });
    stop.catch(() => {});
    try {
      const headers = { ...req.headers };
      delete headers['Host'];
      const init: RequestInit = { method: req.method, headers, signal: controller.signal };
      if (req.body !== undefined) init.body = req.body;
      const exchange = (async () => {
        const res = await this.fetchFn(new Request(req.url, init));
        req.onResponse?.();
        const body = Buffer.from(await res.arrayBuffer());
        const out: Record<string, string | undefined> = {};
        res.headers.forEach((value, name) => (out[name.toLowerCase()] = value));
        return { status: res.status, headers: out, body };
      })();
      exchange.catch(() => {});
      return await Promise.race([exchange, stop]);
    } catch (error) {
      if (error instanceof DuoTimeoutError || (req.signal?.aborted && error === req.signal.reason)) throw error;
      if (timedOut) {
        throw new DuoTimeoutError(`no answer within ${req.timeoutMs} ms`, { request: req.describe, timeoutMs: req.timeoutMs, sent: true });
      }
      const message = redactSecrets(error instanceof Error ? error.message : String(error), req.secrets);
      // Node's fetch puts the socket error in `cause`; a refusal there proves nothing was sent.
      const socketError = (error as { cause?: unknown })?.cause;
      const classified = classifySocketError(socketError, true);
      const known = classified.failure !== 'other';
      throw new DuoConnectionError(`fetch failed: ${message}`, {
        request: req.describe,
        failure: known ? classified.failure : 'reset',
        sent: known ? classified.sent : true,
        cause: new Error(message),
      });
    } finally {
      clearTimeout(timer);
      if (onAbort) req.signal?.removeEventListener('abort', onAbort);
    }
  }

  close(): void {}
}
