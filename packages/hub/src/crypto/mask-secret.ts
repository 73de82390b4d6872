/**
 * A hint that lets a person recognise a stored secret: the last 4 characters behind an ellipsis.
 * Values of 12 characters or fewer show nothing, since 4 of them would be a third of the secret.
 */
export function maskSecret(secret: string): string {
  if (secret.length <= 12) return '****';
  return `…${secret.slice(-4)}`;
}
