import { z } from '@hono/zod-openapi';
import { MAX_TOKEN_DAYS } from './token-expiry.js';

/** Body of `POST /api/tokens`. */
export const TokenCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: 'ci pipeline' }),
    scopes: z
      .array(z.enum(['read', 'operate', 'admin', 'approve']))
      .min(1)
      .max(4)
      .openapi({ description: '`operate` includes `read`; `admin` includes both and `approve`; `approve` (approve bulk-run plans) includes `read`.' }),
    organization_ids: z
      .array(z.string().min(1).max(100))
      .min(1)
      .max(1000)
      .nullable()
      .default(null)
      .openapi({ description: 'Limit the token to these organizations; null for every organization.' }),
    expires_at: z.iso
      .datetime({ offset: true })
      .nullable()
      .optional()
      .openapi({ description: 'When the token stops working (ISO 8601, in the future); omit or null for a token that never expires.', example: '2027-01-31T00:00:00Z' }),
    expires_in_days: z
      .int()
      .min(1)
      .max(MAX_TOKEN_DAYS)
      .optional()
      .openapi({ description: 'Expire the token this many days from now (instead of `expires_at`).', example: 30 }),
  })
  .openapi('TokenCreate');

/** A token as listed (never the token itself). */
export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.string()),
    organization_ids: z.array(z.string()).nullable(),
    created_by: z.string().nullable(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    expires_at: z.string().nullable().openapi({ description: 'When the token stops working; null: only revoking ends it.' }),
    status: z.enum(['active', 'revoked', 'expired']).openapi({ description: 'Whether the token works now: an expired token is refused like a revoked one.' }),
  })
  .openapi('Token');

/** `GET /api/tokens/current`: who is calling, with scopes expanded (`admin` lists all three). */
export const CurrentActorSchema = z
  .object({
    kind: z.enum(['token', 'cli', 'system']),
    token_id: z.string().nullable(),
    scopes: z.array(z.enum(['read', 'operate', 'admin', 'approve'])),
    organization_ids: z.array(z.string()).nullable(),
  })
  .openapi('CurrentActor');

/** The create answer: the only time the token is shown. */
export const CreatedTokenSchema = TokenSchema.extend({
  token: z.string().openapi({ description: 'Shown once; store it now.' }),
}).openapi('CreatedToken');

/** Parsed (output) type of `TokenCreateSchema`. */
export type TokenCreateInput = z.output<typeof TokenCreateSchema>;
/** Parsed (output) type of `TokenSchema`. */
export type TokenView = z.output<typeof TokenSchema>;
