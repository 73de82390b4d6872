/**
 * What one call made during a credential check returned, reduced to what the diagnosis needs.
 * Built from the SDK's results and errors by `toProbeOutcome`.
 */
export type ProbeOutcome =
  | { kind: 'ok'; response?: unknown }
  | { kind: 'duo_error'; status: number; code: number; message?: string; detail?: string }
  /** An HTTP answer without a Duo error body (a web server, a proxy page, a misrouted host). */
  | { kind: 'not_duo'; status: number }
  | { kind: 'connection_failed'; failure: string }
  | { kind: 'timeout' }
  /** Anything else (a bug, a config error): kept as a short, secret-free description. */
  | { kind: 'error'; message: string };

/** The outcome of a call that threw; duck-typed on the SDK's error names so copies of the SDK interoperate. */
export function toProbeOutcome(error: unknown): ProbeOutcome {
  const e = (error ?? {}) as {
    name?: unknown;
    status?: unknown;
    code?: unknown;
    message?: unknown;
    messageDetail?: unknown;
    failure?: unknown;
  };
  const name = typeof e.name === 'string' ? e.name : '';
  if (name === 'DuoTimeoutError') return { kind: 'timeout' };
  if (name === 'DuoConnectionError') return { kind: 'connection_failed', failure: typeof e.failure === 'string' ? e.failure : 'other' };
  if (/^Duo[A-Za-z]*Error$/.test(name) && typeof e.status === 'number') {
    if (typeof e.code === 'number') {
      return {
        kind: 'duo_error',
        status: e.status,
        code: e.code,
        ...(typeof e.message === 'string' ? { message: e.message } : {}),
        ...(typeof e.messageDetail === 'string' ? { detail: e.messageDetail } : {}),
      };
    }
    return { kind: 'not_duo', status: e.status };
  }
  const message = typeof e.message === 'string' ? e.message.slice(0, 200) : 'unknown error';
  return { kind: 'error', message: name ? `${name}: ${message}` : message };
}
