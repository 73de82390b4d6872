/**
 * A failure to listen, said so a person can fix it: which port, whose, and the flag that changes it.
 * Undefined for any other error (those keep their own message).
 */
export function describeListenError(error: unknown, what: string, port: number, flag: string, variable?: string): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const or = variable ? ` or ${variable}` : '';
  if (code === 'EADDRINUSE') return `port ${port} is already in use, so ${what} cannot listen there; pick another with ${flag} <port>${or} (0 picks a free one)`;
  if (code === 'EACCES') return `not allowed to listen on port ${port} for ${what} (ports below 1024 need privileges); pick another with ${flag} <port>${or}`;
  if (code === 'EADDRNOTAVAIL') return `cannot listen on that address for ${what}: it is not an address of this machine`;
  return undefined;
}

/** An error whose message is complete for a person (no stack, no code). */
export class ListenError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'ListenError';
  }
}

/** Runs `listen`, turning a port problem into a `ListenError` that names `flag` (and `variable` when it chose the port). */
export async function listenOrExplain<T>(listen: () => Promise<T>, what: string, port: number, flag: string, variable?: string): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    const message = describeListenError(error, what, port, flag, variable);
    if (message) throw new ListenError(message, error);
    throw error;
  }
}
