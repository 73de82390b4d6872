import { z } from 'zod';

/** Duo's hardware token (never its secret); unknown fields pass through untouched. */
export const duoHardwareToken = z.looseObject({
  token_id: z.string(),
  type: z.string(),
  serial: z.string(),
  totp_step: z.number().nullish(),
  users: z.array(z.looseObject({ user_id: z.string(), username: z.string().optional() })).optional(),
});

/** Duo's U2F registration; unknown fields pass through untouched. */
export const duoU2fToken = z.looseObject({
  registration_id: z.string(),
  date_added: z.number().nullish(),
  user: z.looseObject({ user_id: z.string(), username: z.string().optional() }).nullish(),
});

// Duo never returns these, but the hub must not pass them on should an answer ever carry them.
const SECRET_TOKEN_FIELDS = ['secret', 'aes_key', 'private_id', 'counter'] as const;

/** A token object without any secret field, whatever Duo sent. */
export function withoutTokenSecrets<T extends object>(token: T): T {
  const copy = { ...token } as Record<string, unknown>;
  for (const field of SECRET_TOKEN_FIELDS) delete copy[field];
  return copy as T;
}
