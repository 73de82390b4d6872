import { z } from '@hono/zod-openapi';
import { ApiHostSchema, BaseUrlSchema, IntegrationKeySchema, SecretKeySchema } from '../integrations/integration-schemas.js';
import { GO_BOOL_SPELLINGS, parseGoBool } from './parse-go-bool.js';

const BOOL_MESSAGE = `must be a boolean (true or false, or one of ${GO_BOOL_SPELLINGS.join(', ')})`;

/** A boolean spelled as Go's strconv.ParseBool accepts it (how Vault reads query strings). */
const GoBoolString = z.string().transform((value, ctx) => {
  const parsed = parseGoBool(value);
  if (parsed === undefined) {
    ctx.addIssue({ code: 'custom', message: BOOL_MESSAGE });
    return z.NEVER;
  }
  return parsed;
});

/**
 * A boolean body field as Vault decodes one (weakly): a JSON boolean, a ParseBool spelling, an empty
 * string (false) or a number (non-zero is true).
 */
const VaultBool = z.union([z.boolean(), z.number().transform((n) => n !== 0), z.literal('').transform(() => false), GoBoolString]);

/** An integer as Vault decodes one: a JSON number or a string of decimal digits. */
const VaultInt = (min: number, max: number) =>
  z
    .union([z.number(), z.string().regex(/^[+-]?\d{1,15}$/, 'must be an integer').transform(Number)])
    .pipe(z.number().int().min(min).max(max));
const Seconds = (max: number) => VaultInt(1, max);

/**
 * Body of `POST /v1/identity/mfa/method/duo[/{id}]`: Vault's fields, plus the hub's own
 * (`organization_id` instead of pasted keys, `base_url`, the push-fatigue limits). Unknown fields
 * are ignored with a warning, as Vault does.
 */
export const VaultDuoMethodWriteSchema = z
  .object({
    method_name: z.string().trim().min(1).max(100).optional(),
    mount_accessor: z.string().max(200).optional(),
    username_format: z.string().max(1000).optional(),
    username_template: z.string().max(1000).optional().openapi({ description: 'Same as username_format (Vault 1.13+ spelling).' }),
    secret_key: SecretKeySchema.optional(),
    integration_key: IntegrationKeySchema.optional(),
    api_hostname: ApiHostSchema.optional(),
    push_info: z.string().max(4096).optional().openapi({ example: 'from=loginapp&domain=example.com' }),
    pushinfo: z.string().max(4096).optional().openapi({ description: 'Same as push_info (the name reads use); push_info wins.' }),
    use_passcode: VaultBool.optional(),
    organization_id: z.string().min(1).max(100).nullable().optional().openapi({
      description: "Hub extension: use this organization's Auth API keys (its own, or its integration's when it maps to `parent`) instead of pasted keys.",
    }),
    base_url: BaseUrlSchema
      .nullable()
      .optional()
      .openapi({ description: 'Hub extension: connect address (emulator, proxy); requests stay signed for api_hostname.' }),
    push_limit: VaultInt(1, 100).optional().openapi({ description: 'Hub extension: pushes per user per window (default 3).' }),
    push_window_seconds: Seconds(86_400).optional().openapi({ description: 'Hub extension: the rate-limit window (default 600).' }),
    cooldown_seconds: Seconds(86_400).optional().openapi({ description: 'Hub extension: pause after a deny (default 300; fraud pauses 4 times longer).' }),
  })
  .openapi('VaultDuoMethodWrite');

/** Parsed body of a method write. */
export type VaultDuoMethodWrite = z.output<typeof VaultDuoMethodWriteSchema>;

/** A method as reads return it: Vault's fields, with the keys only as hints. */
export const VaultDuoMethodSchema = z
  .object({
    id: z.string(),
    type: z.literal('duo'),
    name: z.string(),
    method_name: z.string(),
    mount_accessor: z.string(),
    namespace_id: z.string(),
    namespace_path: z.string(),
    api_hostname: z.string(),
    integration_key_hint: z.string().nullable(),
    secret_key_hint: z.string().nullable(),
    pushinfo: z.string(),
    push_info: z.string(),
    use_passcode: z.boolean(),
    username_format: z.string(),
    username_template: z.string(),
    organization_id: z.string().nullable(),
    base_url: z.string().nullable(),
    push_limit: z.number(),
    push_window_seconds: z.number(),
    cooldown_seconds: z.number(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('VaultDuoMethod');

/** Read view of a method. */
export type VaultDuoMethod = z.output<typeof VaultDuoMethodSchema>;

/** Vault's response envelope around `data`. */
export function vaultEnvelope<T extends z.ZodType>(data: T) {
  return z.object({
    request_id: z.string(),
    lease_id: z.string(),
    renewable: z.boolean(),
    lease_duration: z.number(),
    data,
    wrap_info: z.null(),
    warnings: z.array(z.string()).nullable(),
    auth: z.null(),
  });
}

/** Vault's error body. */
export const VaultErrorSchema = z.object({ errors: z.array(z.string()) }).openapi('VaultErrors');

/** A Vault method id in a path. */
export const MethodIdParamSchema = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: '0ad21b78-e9bb-64fa-88b8-1e38db217bde' }),
});

/** `?list=true` on the collection (what Vault's clients send for LIST; any ParseBool spelling, `True` from Vault's Python client). */
export const ListQuerySchema = z.object({
  list: z
    .union([z.literal('').transform(() => undefined), GoBoolString])
    .optional()
    .openapi({ param: { name: 'list', in: 'query' }, type: 'string', example: 'true' }),
});

/** Defaults of the push-fatigue protection. */
export const DEFAULT_PUSH_POLICY = { push_limit: 3, push_window_seconds: 600, cooldown_seconds: 300 } as const;
