import type { DuoErrorRequest } from '../errors/duo-error.js';

/** One HTTP exchange as the transport sees it: already signed, nothing left to decide. */
export interface HttpRequest {
  method: string;
  /** Where to connect: the address override or `https://host`, plus path and query. */
  url: string;
  /** Headers to send, including Host when the connection address differs from the signed host. */
  headers: Record<string, string>;
  body: string | undefined;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** How errors name the request (method, signed host, path). */
  describe: DuoErrorRequest;
  /** Strings to scrub from any text that becomes part of an error. */
  secrets: ReadonlyArray<string | undefined>;
  /** Called once when the answer's status and headers arrive, before its body is read. */
  onResponse?: (() => void) | undefined;
}

/** The raw answer: status, lower-cased headers (repeats joined by ", ") and body bytes. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
  /**
   * The body already decoded as UTF-8, when the transport decoded it as it arrived (a JSON answer):
   * then `body` is empty. Readers take this first.
   */
  text?: string;
}

/** Sends signed requests; throws DuoConnectionError, DuoTimeoutError or the abort reason. */
export interface Transport {
  send(req: HttpRequest): Promise<HttpResponse>;
  /** Releases pooled connections. */
  close(): void;
}
