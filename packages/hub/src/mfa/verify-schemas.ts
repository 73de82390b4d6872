import { z } from '@hono/zod-openapi';

const StringMap = z.record(z.string().min(1).max(128), z.string().max(1024));

/** A Vault entity (as `identity/entity/id/:id` reads it): what username templates render from. */
export const VaultIdentitySchema = z
  .object({
    id: z.string().max(200).optional(),
    name: z.string().max(200).optional(),
    metadata: StringMap.optional(),
    aliases: z
      .array(
        z.object({
          mount_accessor: z.string().min(1).max(200),
          id: z.string().max(200).optional(),
          name: z.string().max(200).optional(),
          metadata: StringMap.optional(),
          custom_metadata: StringMap.optional(),
        }),
      )
      .max(50)
      .optional(),
  })
  .openapi('VaultIdentity');

/** Body of `POST /api/verify`. */
export const VerifyRequestSchema = z
  .strictObject({
    method_id: z.string().min(1).max(100).optional().openapi({ description: 'A Duo MFA method (template, push_info, keys, push limits).' }),
    organization_id: z.string().min(1).max(100).optional().openapi({
      description: "Instead of a method: the organization's own Auth API keys (its Duo account's), or the integration's when it maps to `parent`.",
    }),
    username: z.string().min(1).max(100).optional().openapi({ description: 'The Duo username, used as is.' }),
    identity: VaultIdentitySchema.optional().openapi({ description: "Rendered through the method's username template." }),
    factor: z.enum(['push', 'passcode', 'phone', 'sms', 'auto']).optional().openapi({ description: 'Default: passcode when one is given, else push.' }),
    device: z.string().min(1).max(64).optional().openapi({ description: 'A device id from preauth, or auto (default).' }),
    passcode: z
      .string()
      .regex(/^[0-9A-Za-z]{4,32}$/, 'must be 4-32 letters or digits')
      .optional()
      .openapi({ description: 'For factor passcode; never stored or logged.', format: 'password' }),
    push_info: z
      .union([StringMap, z.string().max(2048)])
      .optional()
      .openapi({ description: "Extra lines on the push (e.g. { ticket: 'INC-1234' }), after the method's push_info." }),
    type: z.string().max(64).optional().openapi({ description: 'Push title word, e.g. Verification.' }),
    display_username: z.string().max(256).optional(),
    ipaddr: z.union([z.ipv4(), z.ipv6()]).optional(),
    hostname: z.string().max(255).optional(),
    timeout_seconds: z.number().int().min(1).max(300).default(60).openapi({ description: 'Give up waiting after this long (timed_out).' }),
    wait: z.boolean().default(true).openapi({ description: 'false: answer 202 at once and follow /api/verify/{id}[/events].' }),
  })
  .refine((v) => (v.method_id === undefined) !== (v.organization_id === undefined), {
    message: 'give exactly one of method_id or organization_id',
    path: ['method_id'],
  })
  .refine((v) => (v.username === undefined) !== (v.identity === undefined), {
    message: 'give exactly one of username or identity',
    path: ['username'],
  })
  .refine((v) => v.factor !== 'passcode' || v.passcode !== undefined, { message: 'required for factor passcode', path: ['passcode'] })
  .refine((v) => v.passcode === undefined || v.factor === undefined || v.factor === 'passcode', {
    message: 'only for factor passcode',
    path: ['passcode'],
  })
  .openapi('VerifyRequest');

/** Parsed body of `POST /api/verify`. */
export type VerifyRequest = z.output<typeof VerifyRequestSchema>;

/** One progress event. */
export const VerifyEventSchema = z
  .object({ seq: z.number(), type: z.enum(['preauth', 'sent', 'waiting', 'result']), at: z.string(), data: z.record(z.string(), z.unknown()) })
  .openapi('VerifyEvent');

/** A verification as the API shows it. */
export const VerificationSchema = z
  .object({
    id: z.string(),
    method_id: z.string().nullable(),
    organization_id: z.string().nullable(),
    username: z.string(),
    factor: z.string().nullable(),
    device: z.string().nullable(),
    outcome: z.string().openapi({
      description:
        'pending, approved, denied, timed_out, fraud, allowed (Duo let the user in without a factor, e.g. bypass), refused (preauth deny: disabled, locked out), ' +
        "enroll (the user exists but has no device), unknown_user (the organization's Admin API knows no such username), sms_sent, rate_limited, cooldown, factor_unavailable, error",
    }),
    verified: z.boolean().openapi({ description: 'True only when the user approved or entered a valid passcode.' }),
    reason: z.string().nullable(),
    enroll_portal_url: z.string().nullable(),
    started_at: z.string(),
    finished_at: z.string().nullable(),
    events: z.array(VerifyEventSchema),
  })
  .openapi('Verification');

/** A verification view. */
export type VerificationView = z.output<typeof VerificationSchema>;
