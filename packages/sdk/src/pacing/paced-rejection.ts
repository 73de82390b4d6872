// Errors a pacer bucket has taken account of; a WeakSet keeps the mark off the error's own data.
const paced = new WeakSet<object>();

/** Marks a 429 as recorded by a pacer bucket, which will hold the retry back itself. */
export function markPacedRejection(error: object): void {
  paced.add(error);
}

/** Whether a pacer will hold this 429's retry back (so the retry need not wait on a schedule). */
export function isPacedRejection(error: unknown): boolean {
  return typeof error === 'object' && error !== null && paced.has(error);
}
