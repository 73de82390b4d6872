import { HubError } from '../errors/hub-error.js';

/**
 * The hub error for an SDK DuoReferenceError: `not_found` (404) when the reference matched
 * nothing, `reference_ambiguous` (400) with the candidates when it matched several; both name the
 * input field. Matched by name, as `classifyDuoFailure` does, so copies of the SDK interoperate.
 * The reference itself is not repeated: the caller has it, and a log need not.
 */
export function referenceHubError(error: unknown): HubError | undefined {
  if (typeof error !== 'object' || error === null || (error as { name?: unknown }).name !== 'DuoReferenceError') return undefined;
  const e = error as { field?: unknown; kind?: unknown; problem?: unknown; candidates?: unknown; message?: unknown };
  const field = typeof e.field === 'string' ? e.field : 'input';
  const kind = typeof e.kind === 'string' ? e.kind : 'object';
  if (e.problem === 'several') {
    const candidates = Array.isArray(e.candidates) ? e.candidates : [];
    return new HubError('reference_ambiguous', {
      message: typeof e.message === 'string' ? e.message : `${field}: several Duo ${kind}s match`,
      details: { field, kind, candidates },
    });
  }
  return new HubError('not_found', { message: `${field}: no Duo ${kind} matches.`, details: { field, kind } });
}
