import type { DuoParams } from '@duohub/sdk';

/** A Duo answer as Duo sent it: HTTP status, `response`, and `metadata` for list endpoints. */
export interface DuoAnswer {
  status: number;
  response: unknown;
  metadata?: Record<string, unknown> | undefined;
}

/** The one SDK method every action goes through: a raw signed call on any of the three clients. */
export interface DuoCaller {
  request(method: string, path: string, params?: DuoParams, options?: DuoCallOptions): Promise<DuoAnswer>;
}

/** Per-call options the SDK honours: idempotency (decides retries) and a longer timeout. */
export interface DuoCallOptions {
  idempotent?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Path segment for an id taken from input; ids are validated, encoding keeps a bad one harmless. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
