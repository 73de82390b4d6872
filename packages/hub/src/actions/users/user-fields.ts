import { z } from 'zod';

/**
 * The hub's narrowing of the writable user fields the SDK declares (Duo's names). Duo documents
 * no lengths for them; the bounds keep a typo (a pasted file) from reaching Duo, and `email` must
 * look like one. `status` leaves out `locked out`, which only Duo itself sets.
 */
export const userFields = {
  realname: z.string().max(512).optional().describe('Full name'),
  firstname: z.string().max(256).optional(),
  lastname: z.string().max(256).optional(),
  email: z.email().optional().describe('Email address'),
  status: z.enum(['active', 'bypass', 'disabled']).optional().describe('active (default), bypass or disabled'),
  notes: z.string().max(1024).optional(),
  alias1: z.string().max(512).optional().describe('Alias; an empty string clears it on update'),
  alias2: z.string().max(512).optional(),
  alias3: z.string().max(512).optional(),
  alias4: z.string().max(512).optional(),
};

/** A Duo username as Duo accepts it (no leading or trailing space). */
export const username = z
  .string()
  .min(1)
  .max(512)
  .refine((v) => v.trim() === v, 'must not start or end with whitespace')
  .describe('Duo username');
