/** What every error, log line and inspection must show in place of a secret. */
export const REDACTED = '[REDACTED]';

/**
 * Replaces every occurrence of the given secrets in a text with `[REDACTED]`.
 * Used on text that came from outside (a proxy's error page, a Node error message) before it
 * becomes part of an error: such text can echo a header back, and we cannot vet it by hand.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  // Longest first, so a secret that contains another is replaced whole.
  const list = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  list.sort((a, b) => b.length - a.length);
  for (const secret of list) out = out.split(secret).join(REDACTED);
  return out;
}
