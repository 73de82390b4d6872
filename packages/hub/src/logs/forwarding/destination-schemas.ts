import { z } from '@hono/zod-openapi';
import { LOG_TYPES } from '../log-tables.js';

const pem = z.string().min(1).max(65_536);
const OrganizationIds = z
  .array(z.string().min(1).max(100))
  .min(1)
  .max(1000)
  .nullable()
  .openapi({ description: 'Forward only events (and alerts) of these organizations; null for every event, unmapped Duo accounts included.' });
const LogTypes = z
  .array(z.enum(LOG_TYPES))
  .min(1)
  .max(LOG_TYPES.length)
  .nullable()
  .openapi({ description: 'Forward only these log types; null for every type.' });

/** TLS material of a syslog destination (all PEM). */
const SyslogTlsSchema = z.strictObject({
  ca: pem.nullable().optional().openapi({ description: "CA certificate(s) that sign the receiver's certificate; the system's CAs when absent." }),
  server_name: z.string().min(1).max(253).nullable().optional().openapi({ description: "The name the receiver's certificate carries, when it is not the host." }),
  client_cert: pem.nullable().optional().openapi({ description: 'A client certificate, for receivers that require one (with client_key).' }),
  client_key: pem.nullable().optional().openapi({ description: 'Its private key: stored sealed, never shown again.' }),
});

/** The syslog part of a destination. */
const SyslogSettingsSchema = z.strictObject({
  host: z.string().trim().min(1).max(253).openapi({ example: 'siem.example.net' }),
  port: z.number().int().min(1).max(65_535).openapi({ example: 6514 }),
  transport: z.enum(['tcp', 'tls']).default('tls').openapi({ description: 'RFC 5424 over TCP or TLS, with octet-counting framing (RFC 6587).' }),
  facility: z.number().int().min(0).max(23).default(13).openapi({ description: 'Syslog facility, 0-23 (default 13, log audit).' }),
  hostname: z.string().trim().min(1).max(255).nullable().default(null).openapi({ description: "HOSTNAME field of each message; default this server's host name." }),
  tls: SyslogTlsSchema.optional(),
});

/** Body of `POST /api/log-destinations`. */
export const DestinationCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: 'SIEM' }),
    kind: z.enum(['webhook', 'syslog']),
    enabled: z.boolean().default(true),
    url: z.string().min(1).max(2048).optional().openapi({ description: 'Webhook: an http(s) URL events are POSTed to as JSON.', example: 'https://hooks.example.net/duo' }),
    syslog: SyslogSettingsSchema.optional().openapi({ description: 'Syslog: where the receiver listens.' }),
    organization_ids: OrganizationIds.default(null),
    log_types: LogTypes.default(null),
    include_events: z.boolean().default(true).openapi({ description: "Forward Duo's log events." }),
    include_alerts: z.boolean().default(false).openapi({ description: 'Forward alerts as they fire.' }),
    backfill: z.boolean().default(false).openapi({ description: 'Also forward events stored before the destination was created.' }),
  })
  .openapi('LogDestinationCreate');

/** Body of `PATCH /api/log-destinations/{id}`: only what changes. */
export const DestinationPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    enabled: z.boolean().optional(),
    url: z.string().min(1).max(2048).optional(),
    syslog: z
      .strictObject({
        host: z.string().trim().min(1).max(253).optional(),
        port: z.number().int().min(1).max(65_535).optional(),
        transport: z.enum(['tcp', 'tls']).optional(),
        facility: z.number().int().min(0).max(23).optional(),
        hostname: z.string().trim().min(1).max(255).nullable().optional(),
        tls: SyslogTlsSchema.optional().openapi({ description: 'Fields given replace the stored ones; null removes one.' }),
      })
      .optional(),
    organization_ids: OrganizationIds.optional(),
    log_types: LogTypes.optional(),
    include_events: z.boolean().optional(),
    include_alerts: z.boolean().optional(),
    rotate_secret: z.boolean().optional().openapi({ description: 'Webhook: replace the signing secret; the answer shows the new one once.' }),
  })
  .openapi('LogDestinationPatch');

/** How far a destination is: counts, lag and the last error. */
export const DestinationStatusSchema = z.object({
  pending: z.number().int().openapi({ description: 'Items queued and not delivered yet.' }),
  delivered_count: z.number().int(),
  failed_count: z.number().int().openapi({ description: 'Items the receiver refused for good (non-retryable answers) or no longer stored.' }),
  lag_seconds: z.number().openapi({ description: 'Age of the oldest matching item stored and not delivered yet (0 when caught up).' }),
  oldest_undelivered_at: z.string().nullable(),
  consecutive_failures: z.number().int(),
  last_error: z.string().nullable(),
  last_error_at: z.string().nullable(),
  last_delivered_at: z.string().nullable(),
  lease_holder: z.string().nullable().openapi({ description: 'The hub replica delivering now, if any.' }),
});

/** A destination as the API shows it: secrets only as hints. */
export const DestinationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['webhook', 'syslog']),
    enabled: z.boolean(),
    url: z.string().nullable(),
    secret_hint: z.string().nullable().openapi({ description: 'The last characters of the webhook signing secret.' }),
    syslog: z
      .object({
        host: z.string(),
        port: z.number().int(),
        transport: z.enum(['tcp', 'tls']),
        facility: z.number().int(),
        hostname: z.string().nullable(),
        tls: z.object({ ca: z.string().nullable(), server_name: z.string().nullable(), client_cert: z.string().nullable(), client_key_set: z.boolean() }),
      })
      .nullable(),
    organization_ids: z.array(z.string()).nullable(),
    log_types: z.array(z.string()).nullable(),
    include_events: z.boolean(),
    include_alerts: z.boolean(),
    deliver_from: z.string().nullable().openapi({ description: 'Events stored before this are not forwarded; null: every stored event.' }),
    status: DestinationStatusSchema,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('LogDestination');

/** The create (or secret rotation) answer: the only time the signing secret is shown. */
export const CreatedDestinationSchema = DestinationSchema.extend({
  secret: z.string().nullable().openapi({ description: 'Webhook signing secret, shown once; store it now. Null for syslog.' }),
}).openapi('CreatedLogDestination');

/** The outcome of a test send. */
export const DestinationTestResultSchema = z
  .object({
    ok: z.boolean(),
    status: z.number().int().nullable().openapi({ description: "The receiver's HTTP status (webhooks)." }),
    error: z.string().nullable(),
    duration_ms: z.number(),
  })
  .openapi('LogDestinationTestResult');

/** Parsed (output) type of `DestinationCreateSchema`. */
export type DestinationCreateInput = z.output<typeof DestinationCreateSchema>;
/** Parsed (output) type of `DestinationPatchSchema`. */
export type DestinationPatchInput = z.output<typeof DestinationPatchSchema>;
/** Parsed (output) type of `DestinationSchema`. */
export type DestinationView = z.output<typeof DestinationSchema>;
/** Parsed (output) type of `DestinationStatusSchema`. */
export type DestinationStatus = z.output<typeof DestinationStatusSchema>;
/** Parsed (output) type of `DestinationTestResultSchema`. */
export type DestinationTestResult = z.output<typeof DestinationTestResultSchema>;
