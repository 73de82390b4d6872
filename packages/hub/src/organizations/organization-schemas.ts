import { z } from '@hono/zod-openapi';
import { CredentialSetInputSchema, CredentialSetPatchSchema } from '../integrations/integration-schemas.js';

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** An email domain such as `acme.com`, stored lower-case. */
export const EmailDomainSchema = z
  .string()
  .max(253)
  .regex(DOMAIN, 'must be a domain such as example.com')
  .transform((d) => d.toLowerCase());

/** A Duo child account id, or `parent` for the integration's own account. */
export const DuoAccountRefSchema = z
  .string()
  .regex(/^(parent|DA[A-Z0-9]{18})$/, 'must be a Duo account id (DA + 18 upper-case letters or digits) or "parent"')
  .openapi({ example: 'DA9VZOC5X63I2W72NRP9' });

const NameSchema = z.string().trim().min(1).max(200).openapi({ example: 'Acme Corporation' });
/** An organization tag: trimmed, lower-cased, 1-40 of a-z 0-9 . _ - (bulk runs and baselines select by tag). */
export const OrganizationTagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9._-]+$/, 'must be 1-40 of a-z, 0-9, ".", "_", "-"')
  .openapi({ example: 'tier-1' });
const TagsSchema = z
  .array(OrganizationTagSchema)
  .max(50)
  .transform((list) => [...new Set(list)].sort());
const DomainsSchema = z
  .array(EmailDomainSchema)
  .max(50)
  .transform((list) => [...new Set(list)]);
const DirectoryKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .openapi({ description: 'Write-only; reads show `duo_admin_api_directory_key_hint`.', format: 'password' });

const OrgAuthDescription =
  "The organization's own Auth API application (its Duo account's): verify, organization-bound MFA methods and Auth API actions " +
  'for this organization use these keys and no others. Checked against Duo on save; the secret is write-only.';

/** Body of `POST /api/organizations`. */
export const OrganizationCreateSchema = z
  .strictObject({
    name: NameSchema,
    email_domains: DomainsSchema.default([]),
    tags: TagsSchema.optional(),
    integration_id: z.string().min(1).max(100).nullable().optional(),
    duo_account_id: DuoAccountRefSchema.nullable().optional(),
    duo_admin_api_directory_key: DirectoryKeySchema.nullable().optional(),
    auth: CredentialSetInputSchema.nullable().optional().openapi({ description: OrgAuthDescription }),
  })
  .openapi('OrganizationCreate');

/** Body of `PATCH /api/organizations/{id}`; setting the mapping makes it manual, `null` for both removes it. */
export const OrganizationPatchSchema = z
  .strictObject({
    name: NameSchema.optional(),
    email_domains: DomainsSchema.optional(),
    tags: TagsSchema.optional(),
    integration_id: z.string().min(1).max(100).nullable().optional(),
    duo_account_id: DuoAccountRefSchema.nullable().optional(),
    duo_admin_api_directory_key: DirectoryKeySchema.nullable().optional(),
    auth: CredentialSetPatchSchema.nullable()
      .optional()
      .openapi({ description: `${OrgAuthDescription} Fields merge into the stored set (send only secret_key to rotate); null removes it.` }),
  })
  .openapi('OrganizationPatch');

/** An organization as reads return it. */
export const OrganizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email_domains: z.array(z.string()),
    tags: z.array(z.string()),
    integration_id: z.string().nullable(),
    duo_account_id: z.string().nullable(),
    duo_account_name: z.string().nullable(),
    mapping_source: z.enum(['manual', 'suggested']).nullable(),
    mapping_confidence: z.number().nullable(),
    mapping_reason: z.string().nullable(),
    duo_admin_api_directory_key_hint: z.string().nullable(),
    auth: z
      .object({ api_host: z.string(), integration_key: z.string(), secret_key_hint: z.string() })
      .nullable()
      .openapi({ description: "The organization's own Auth API keys (secret as a hint only), or null." }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Organization');

/** One proposed mapping. */
export const MappingSuggestionSchema = z
  .object({
    organization_id: z.string(),
    organization_name: z.string(),
    status: z.enum(['new', 'unchanged', 'change', 'manual', 'mapped_elsewhere', 'no_candidate']),
    duo_account_id: z.string().nullable(),
    duo_account_name: z.string().nullable(),
    confidence: z.number(),
    reason: z.string(),
    current: z
      .object({ integration_id: z.string(), duo_account_id: z.string(), mapping_source: z.enum(['manual', 'suggested']).nullable() })
      .nullable(),
    alternatives: z.array(
      z.object({ duo_account_id: z.string(), duo_account_name: z.string(), confidence: z.number(), reason: z.string() }),
    ),
  })
  .openapi('MappingSuggestion');

/** The answer of `GET /api/integrations/{id}/mapping-suggestions`. */
export const MappingSuggestionsSchema = z
  .object({
    integration_id: z.string(),
    accounts_considered: z.number(),
    accounts_sampled: z.number(),
    suggestions: z.array(MappingSuggestionSchema),
  })
  .openapi('MappingSuggestions');

/** Body of `POST /api/integrations/{id}/mapping-suggestions/apply`. */
export const ApplySuggestionsSchema = z
  .strictObject({
    threshold: z.number().min(0).max(1).default(0.8),
    organization_ids: z.array(z.string().min(1).max(100)).max(1000).optional(),
  })
  .openapi('ApplySuggestions');

/** The answer of the apply call. */
export const ApplySuggestionsResultSchema = z
  .object({
    applied: z.array(MappingSuggestionSchema),
    skipped: z.array(MappingSuggestionSchema.extend({ skip_reason: z.string() })),
  })
  .openapi('ApplySuggestionsResult');

/** Parsed (output) type of `OrganizationCreateSchema`. */
export type OrganizationCreateInput = z.output<typeof OrganizationCreateSchema>;
/** Parsed (output) type of `OrganizationPatchSchema`. */
export type OrganizationPatchInput = z.output<typeof OrganizationPatchSchema>;
/** Parsed (output) type of `OrganizationSchema`. */
export type OrganizationView = z.output<typeof OrganizationSchema>;
/** Parsed (output) type of `ApplySuggestionsSchema`. */
export type ApplySuggestionsInput = z.output<typeof ApplySuggestionsSchema>;

/** Body of `POST /api/organizations/{id}/auth-application`. */
export const AuthApplicationRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional().openapi({ description: 'Name of the new application in Duo (default: "duohub Auth API (<organization>)")' }),
    replace: z.boolean().optional().openapi({ description: 'Create and store new keys even though the organization has some' }),
  })
  .openapi('AuthApplicationRequest');

/** Answer of `POST /api/organizations/{id}/auth-application`: never the secret key. */
export const AuthApplicationResultSchema = z
  .object({
    organization: OrganizationSchema,
    integration_key: z.string(),
    api_hostname: z.string(),
    name: z.string(),
  })
  .openapi('AuthApplicationResult');
