import { z } from '@hono/zod-openapi';
import { OrganizationTagSchema } from '../organizations/organization-schemas.js';
import { parseInterval } from '../jobs/mfa-coverage/parse-interval.js';

const SELECTOR_KEYS = ['all', 'organization_ids', 'tags', 'name_pattern'] as const;

/** Which organizations a baseline covers: exactly one of the four ways. */
export const BaselineSelectorSchema = z
  .strictObject({
    all: z.literal(true).optional().openapi({ description: 'Every organization of the hub.' }),
    organization_ids: z.array(z.string().min(1).max(100)).min(1).max(1000).optional(),
    tags: z.array(OrganizationTagSchema).min(1).max(50).optional().openapi({ description: 'Organizations carrying any of these tags.' }),
    name_pattern: z.string().min(1).max(200).optional().openapi({ description: 'Organization names matching this glob (* and ?, case-insensitive).' }),
  })
  .refine((s) => SELECTOR_KEYS.filter((k) => s[k] !== undefined).length === 1, { message: 'give exactly one of all, organization_ids, tags, name_pattern' })
  .openapi('BaselineSelector');

/** The wanted values: Duo settings (the settings endpoint's names) and global policy sections. */
export const BaselineWantedSchema = z
  .strictObject({
    settings: z.record(z.string(), z.unknown()).default({}).openapi({ description: 'Duo settings by name (POST /admin/v1/settings), e.g. {"lockout_threshold": 10}.', example: { lockout_threshold: 10 } }),
    policies: z
      .strictObject({
        global: z.record(z.string(), z.record(z.string(), z.unknown())).openapi({ description: 'Global policy sections, each its settings: {"new_user": {"new_user_behavior": "deny"}}.' }),
      })
      .optional(),
  })
  .openapi('BaselineWanted');

const CheckEverySchema = z
  .string()
  .max(20)
  .refine((v) => (parseInterval(v) ?? 0) >= 60_000, { message: 'must be an interval of at least 1m, such as 30m, 6h or 1d' })
  .nullable()
  .openapi({ description: 'Checks on a schedule (slots aligned to the epoch), or null for checks on demand only.', example: '6h' });

/** A baseline as written (POST body, and the file format of import/export). */
export const BaselineDocumentSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).regex(/^[^/]+$/, 'must not contain "/"').openapi({ example: 'fleet-lockout' }),
    description: z.string().max(2000).nullable().default(null),
    selector: BaselineSelectorSchema,
    wanted: BaselineWantedSchema,
    check_every: CheckEverySchema.default(null),
  })
  .openapi('BaselineDocument');

/** Body of `PATCH /api/baselines/{id}`: any fields of the document. */
export const BaselinePatchSchema = z
  .strictObject({
    name: BaselineDocumentSchema.shape.name.optional(),
    description: z.string().max(2000).nullable().optional(),
    selector: BaselineSelectorSchema.optional(),
    wanted: BaselineWantedSchema.optional(),
    check_every: CheckEverySchema.optional(),
  })
  .openapi('BaselinePatch');

/** A stored baseline. */
export const BaselineSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    selector: z.record(z.string(), z.unknown()),
    wanted: z.record(z.string(), z.unknown()),
    check_every: z.string().nullable(),
    last_checked_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    drift: z.object({ organizations: z.number().int(), fields: z.number().int() }).openapi({ description: 'Open drift now.' }),
  })
  .openapi('Baseline');

/** One drifted field of one organization. */
export const DriftEntrySchema = z
  .object({
    organization_id: z.string(),
    organization_name: z.string().nullable(),
    field: z.string().openapi({ example: 'settings.lockout_threshold' }),
    wanted: z.unknown(),
    actual: z.unknown(),
    since: z.string().openapi({ description: 'When a check first saw this value (kept while the same actual value persists).' }),
  })
  .openapi('BaselineDrift');

/** One organization's result of one check. */
export const BaselineCheckSchema = z
  .object({
    id: z.string(),
    baseline_id: z.string(),
    organization_id: z.string(),
    organization_name: z.string().nullable(),
    checked_at: z.string(),
    status: z.enum(['clean', 'drifted', 'error']),
    drift: z.array(z.object({ field: z.string(), wanted: z.unknown(), actual: z.unknown(), since: z.string() })),
    error: z.string().nullable(),
  })
  .openapi('BaselineCheck');

/** What `POST /api/baselines/{id}/check` answers: every selected organization's result. */
export const BaselineCheckReportSchema = z
  .object({
    baseline_id: z.string(),
    checked_at: z.string(),
    summary: z.object({ organizations: z.number().int(), clean: z.number().int(), drifted: z.number().int(), error: z.number().int(), new_drift: z.number().int() }),
    organizations: z.array(BaselineCheckSchema),
  })
  .openapi('BaselineCheckReport');

/** Query of `GET /api/baselines/{id}/checks`. */
export const BaselineChecksQuerySchema = z.object({
  organization_id: z.string().max(100).optional().openapi({ param: { name: 'organization_id', in: 'query' } }),
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ param: { name: 'limit', in: 'query' } }),
  cursor: z.string().max(100).optional().openapi({ param: { name: 'cursor', in: 'query' }, description: '`next_cursor` of the previous page.' }),
});

/** Query of `GET /api/baselines/{id}/export`. */
export const BaselineExportQuerySchema = z.object({
  format: z.enum(['json', 'yaml']).default('yaml').openapi({ param: { name: 'format', in: 'query' } }),
});

/** Query of `POST /api/baselines/import`. */
export const BaselineImportQuerySchema = z.object({
  format: z.enum(['json', 'yaml']).optional().openapi({ param: { name: 'format', in: 'query' }, description: 'Default: from the content type (YAML unless JSON).' }),
});

/** Body of `POST /api/baselines/{id}/apply`. */
export const BaselineApplySchema = z
  .strictObject({
    requires_approval: z.boolean().default(false),
    recheck: z.boolean().default(true).openapi({ description: 'Check the organizations first, so the plan holds the drift as it is now (default true).' }),
  })
  .openapi('BaselineApply');

/** Parsed (output) type of `BaselineDocumentSchema`. */
export type BaselineDocument = z.output<typeof BaselineDocumentSchema>;
/** Parsed (output) type of `BaselinePatchSchema`. */
export type BaselinePatch = z.output<typeof BaselinePatchSchema>;
/** Parsed (output) type of `BaselineSelectorSchema`. */
export type BaselineSelector = z.output<typeof BaselineSelectorSchema>;
/** Parsed (output) type of `BaselineSchema`. */
export type BaselineView = z.output<typeof BaselineSchema>;
/** Parsed (output) type of `DriftEntrySchema`. */
export type DriftEntryView = z.output<typeof DriftEntrySchema>;
/** Parsed (output) type of `BaselineCheckSchema`. */
export type BaselineCheckView = z.output<typeof BaselineCheckSchema>;
/** Parsed (output) type of `BaselineCheckReportSchema`. */
export type BaselineCheckReport = z.output<typeof BaselineCheckReportSchema>;
/** Parsed (output) type of `BaselineChecksQuerySchema`. */
export type BaselineChecksQuery = z.output<typeof BaselineChecksQuerySchema>;
