/**
 * What may be said about an SDK error without reflecting anything that is not Duo's:
 * - `unreachable`: no answer (refused, reset, DNS, TLS, timeout are deliberately one kind);
 *   `sent` says whether the request may have reached the other end.
 * - `not_duo`: an answer without Duo's error envelope (HTML, garbage, a proxy page): neither its
 *   body nor its status travels on.
 * - `duo`: Duo's own JSON error, whose status, code, message and message_detail are kept.
 * - `config`: the SDK refused to build the call (its message names an option, never an answer).
 * Undefined for anything that is not an SDK error. Pure; matched by name so copies of the SDK interoperate.
 */
export type DuoFailure =
  | { kind: 'unreachable'; sent: boolean | undefined }
  | { kind: 'not_duo' }
  | { kind: 'duo'; status: number; code: number; message: string; messageDetail: string | undefined }
  | { kind: 'config'; message: string; field: string | undefined };

/** Classifies a thrown value (see `DuoFailure`). */
export function classifyDuoFailure(error: unknown): DuoFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { name?: unknown; status?: unknown; code?: unknown; message?: unknown; messageDetail?: unknown; sent?: unknown; field?: unknown };
  if (typeof e.name !== 'string' || !/^Duo[A-Za-z]*Error$/.test(e.name)) return undefined;
  if (e.name === 'DuoConfigError') {
    return { kind: 'config', message: text(e.message), field: typeof e.field === 'string' ? e.field : undefined };
  }
  if (e.name === 'DuoConnectionError' || e.name === 'DuoTimeoutError') {
    return { kind: 'unreachable', sent: typeof e.sent === 'boolean' ? e.sent : undefined };
  }
  // Duo's envelope always carries a numeric code; without one the message is the SDK's description of a foreign body.
  if (typeof e.status === 'number' && typeof e.code === 'number') {
    return {
      kind: 'duo',
      status: e.status,
      code: e.code,
      message: text(e.message),
      messageDetail: typeof e.messageDetail === 'string' && e.messageDetail ? e.messageDetail.slice(0, 300) : undefined,
    };
  }
  return { kind: 'not_duo' };
}

/** The one sentence every unreachable target gets. */
export const COULD_NOT_REACH_DUO = 'Could not reach Duo.';
/** The one sentence every foreign answer gets. */
export const ANSWER_NOT_DUOS = "The answer was not Duo's: check the API hostname (and base URL, if set).";

function text(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 300) : '';
}
