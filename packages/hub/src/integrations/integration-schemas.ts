import { z } from '@hono/zod-openapi';
import { originProblem } from './origin-problem.js';

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** A Duo API hostname: bare (no scheme, port or path), stored lower-case; `checkDuoTarget` decides whether a non-Duo name is allowed. */
export const ApiHostSchema = z
  .string()
  .max(253)
  .regex(HOSTNAME, 'must be a bare hostname such as api-xxxxxxxx.duosecurity.com (no scheme, port or path)')
  .transform((h) => h.toLowerCase())
  .openapi({ example: 'api-1a2b3c4d.duosecurity.com' });

/** Duo integration keys are `DI` and 18 upper-case letters or digits. */
export const IntegrationKeySchema = z
  .string()
  .regex(/^DI[A-Z0-9]{18}$/, 'must be DI followed by 18 upper-case letters or digits')
  .openapi({ example: 'DIWJ8X6AEYOR5OMC6TQ1' });

/** Duo secret keys are 40 letters or digits; write-only. */
export const SecretKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9]{40}$/, 'must be 40 letters or digits')
  .openapi({ description: 'Write-only; reads show `secret_key_hint`.', format: 'password' });

/** One credential set as given on create (all three fields). */
export const CredentialSetInputSchema = z
  .strictObject({ api_host: ApiHostSchema, integration_key: IntegrationKeySchema, secret_key: SecretKeySchema })
  .openapi('CredentialSetInput');

/** One credential set on update: fields merge into the stored set (send only `secret_key` to rotate it). */
export const CredentialSetPatchSchema = z
  .strictObject({
    api_host: ApiHostSchema.optional(),
    integration_key: IntegrationKeySchema.optional(),
    secret_key: SecretKeySchema.optional(),
  })
  .openapi('CredentialSetPatch');

/**
 * A connect-address override: an http(s) origin only. Accepted at all only when the server enables
 * custom Duo origins (checked by `checkDuoTarget`, which knows the setting).
 */
export const BaseUrlSchema = z
  .string()
  .max(2048)
  .superRefine((v, ctx) => {
    const problem = originProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem}, e.g. http://127.0.0.1:9000` });
  })
  .openapi({
    description:
      'Connect-address override (emulator or proxy): requests are signed for the Duo host but sent here. Only accepted when the server sets DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS=true.',
    example: 'http://127.0.0.1:9000',
  });

const NameSchema = z.string().trim().min(1).max(100).openapi({ example: 'Production parent' });
const SigVersionSchema = z.union([z.literal(2), z.literal(5)]).openapi({ description: 'Duo signature version (default 5).' });

/** Body of `POST /api/integrations`. */
export const IntegrationCreateSchema = z
  .strictObject({
    name: NameSchema,
    base_url: BaseUrlSchema.nullable().optional(),
    sig_version: SigVersionSchema.default(5),
    admin: CredentialSetInputSchema.optional(),
    accounts: CredentialSetInputSchema.optional(),
    auth: CredentialSetInputSchema.optional(),
  })
  .refine((v) => v.admin || v.accounts || v.auth, {
    message: 'give at least one credential set (admin, accounts or auth)',
    path: ['admin'],
  })
  .openapi('IntegrationCreate');

/** Body of `PATCH /api/integrations/{id}`; `null` removes a credential set. */
export const IntegrationPatchSchema = z
  .strictObject({
    name: NameSchema.optional(),
    base_url: BaseUrlSchema.nullable().optional(),
    sig_version: SigVersionSchema.optional(),
    admin: CredentialSetPatchSchema.nullable().optional(),
    accounts: CredentialSetPatchSchema.nullable().optional(),
    auth: CredentialSetPatchSchema.nullable().optional(),
  })
  .openapi('IntegrationPatch');

/** Diagnosis of one credential set. */
export const CheckStatusSchema = z.enum([
  'ok',
  'wrong_host',
  'wrong_integration_key',
  'wrong_secret_key',
  'clock_skew',
  'wrong_application_type',
  'missing_grant',
  'unreachable',
  'unexpected_error',
]);

/** Admin API grants as the checks found them. */
export const GrantStateSchema = z.enum(['present', 'missing', 'unknown', 'not_checked']);

/** The check result of one credential set. */
export const SetCheckSchema = z
  .object({
    kind: z.enum(['admin', 'accounts', 'auth']),
    api_host: z.string(),
    status: CheckStatusSchema,
    ok: z.boolean(),
    message: z.string(),
    skew_seconds: z.number().nullable(),
    grants: z
      .object({
        read_resource: GrantStateSchema,
        write_resource: GrantStateSchema,
        settings: GrantStateSchema,
        info: GrantStateSchema,
        read_log: GrantStateSchema,
      })
      .optional(),
    missing_grants: z.array(z.string()).optional(),
    duo: z.object({ status: z.number().optional(), code: z.number().optional(), message: z.string().optional() }).optional(),
  })
  .openapi('CredentialSetCheck');

/** All checks of one integration. */
export const CheckReportSchema = z
  .object({ ok: z.boolean(), checked_at: z.string(), sets: z.array(SetCheckSchema) })
  .openapi('CheckReport');

const CredentialSetViewSchema = z
  .object({ api_host: z.string(), integration_key: z.string(), secret_key_hint: z.string() })
  .openapi('CredentialSet');

/** An integration as every read returns it: secrets only as hints. */
export const IntegrationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    base_url: z.string().nullable(),
    sig_version: z.number(),
    admin: CredentialSetViewSchema.nullable(),
    accounts: CredentialSetViewSchema.nullable(),
    auth: CredentialSetViewSchema.nullable(),
    last_check: CheckReportSchema.nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Integration');

/** A Duo child account from the Accounts API. */
export const DuoAccountSchema = z
  .object({ account_id: z.string(), name: z.string(), api_hostname: z.string() })
  .openapi('DuoAccount');

/** Parsed (output) type of `IntegrationCreateSchema`. */
export type IntegrationCreateInput = z.output<typeof IntegrationCreateSchema>;
/** Parsed (output) type of `IntegrationPatchSchema`. */
export type IntegrationPatchInput = z.output<typeof IntegrationPatchSchema>;
/** Parsed (output) type of `CredentialSetInputSchema`. */
export type CredentialSetInput = z.output<typeof CredentialSetInputSchema>;
/** Parsed (output) type of `IntegrationSchema`. */
export type IntegrationView = z.output<typeof IntegrationSchema>;
/** Parsed (output) type of `SetCheckSchema`. */
export type SetCheck = z.output<typeof SetCheckSchema>;
/** Parsed (output) type of `CheckReportSchema`. */
export type CheckReport = z.output<typeof CheckReportSchema>;
/** Parsed (output) type of `CheckStatusSchema`. */
export type CheckStatus = z.output<typeof CheckStatusSchema>;
/** Parsed (output) type of `GrantStateSchema`. */
export type GrantState = z.output<typeof GrantStateSchema>;
