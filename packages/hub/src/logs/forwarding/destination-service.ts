import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { Transaction } from 'kysely';
import { requireScope, requireUnlimited, type Actor } from '../../access/actor.js';
import { auditedWrite, auditFailure } from '../../audit/audited-write.js';
import { recordAudit } from '../../audit/record-audit.js';
import type { FieldIssue } from '../../errors/error-registry.js';
import { HubError } from '../../errors/hub-error.js';
import type { HubContext } from '../../hub-context.js';
import { logDestinationSecretColumn, logDestinationTlsKeyColumn } from '../../keys/sealed-columns.js';
import type { Database } from '../../store/database.js';
import { isUniqueViolation } from '../../store/is-unique-violation.js';
import { newId } from '../../store/new-id.js';
import { destinationHostProblem } from './destination-address-guard.js';
import {
  destinationStatus,
  generateWebhookSecret,
  loadDestination,
  openSyslogTarget,
  openWebhookTarget,
  syslogHostnameOf,
  toDestinationView,
} from './destination-records.js';
import type { DestinationCreateInput, DestinationPatchInput, DestinationTestResult, DestinationView } from './destination-schemas.js';
import { forwardingSettingsOf } from './forwarding-settings.js';
import { forwardingDb, forwardingTrx, type ForwardingDb, type LogDestinationsTable } from './forwarding-tables.js';
import { destinationLeaseName } from './forwarding-lease.js';
import { logForwarderOf } from './log-forwarder.js';
import { sendWebhook } from './send-webhook.js';
import { SyslogClient } from './syslog-client.js';
import { formatSyslogMessage, frameOctetCounted } from './syslog-format.js';
import { syslogMessageFor } from './forward-items.js';

/** Destinations are fleet-wide and carry secrets: every operation needs `admin` and an unlimited token. */
function requireManage(actor: Actor): void {
  requireScope(actor, 'admin');
  requireUnlimited(actor);
}

function invalid(issues: FieldIssue[]): HubError {
  return new HubError('validation_failed', { message: 'The log destination is not valid; see details.', details: issues });
}

const body = (field: string, message: string): FieldIssue => ({ in: 'body', field, message });

/** Problems with a webhook URL (pure but for the hub's SSRF setting). */
export function webhookUrlIssues(url: string, allowPrivate: boolean): FieldIssue[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [body('url', 'must be an absolute http(s) URL')];
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return [body('url', 'must use http or https')];
  if (parsed.username || parsed.password) return [body('url', 'must not carry a user name or password; the body is signed with the destination secret instead')];
  if (parsed.hash) return [body('url', 'must not have a #fragment')];
  const problem = destinationHostProblem(parsed.hostname, allowPrivate);
  return problem ? [body('url', `host ${problem}`)] : [];
}

/** Problems with TLS material given for a syslog destination (the values never appear in messages). */
function tlsIssues(tls: { ca?: string | null | undefined; client_cert?: string | null | undefined; client_key?: string | null | undefined }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (tls.ca) {
    try {
      new X509Certificate(tls.ca);
    } catch {
      issues.push(body('syslog.tls.ca', 'must be a PEM certificate'));
    }
  }
  if (tls.client_cert) {
    try {
      new X509Certificate(tls.client_cert);
    } catch {
      issues.push(body('syslog.tls.client_cert', 'must be a PEM certificate'));
    }
  }
  if (tls.client_key) {
    try {
      createPrivateKey(tls.client_key);
    } catch {
      issues.push(body('syslog.tls.client_key', 'must be a PEM private key (unencrypted)'));
    }
  }
  return issues;
}

/** The row a destination should have once `fields` apply, and what changed (validated as a whole). */
interface DestinationFields {
  kind: LogDestinationsTable['kind'];
  url: string | null;
  syslog_host: string | null;
  syslog_port: number | null;
  syslog_transport: LogDestinationsTable['syslog_transport'];
  syslog_facility: number | null;
  syslog_hostname: string | null;
  tls_ca: string | null;
  tls_server_name: string | null;
  tls_client_cert: string | null;
  /** Plaintext when given in this request; `keep` to leave the sealed one. */
  tls_client_key: string | null | 'keep';
  organization_ids: string[] | null;
  include_events: boolean;
  include_alerts: boolean;
}

async function validateFields(db: ForwardingDb, f: DestinationFields, allowPrivate: boolean, hadClientKey: boolean): Promise<void> {
  const issues: FieldIssue[] = [];
  if (f.kind === 'webhook') {
    if (!f.url) issues.push(body('url', 'is required for a webhook destination'));
    else issues.push(...webhookUrlIssues(f.url, allowPrivate));
    if (f.syslog_host !== null) issues.push(body('syslog', 'is only for syslog destinations'));
  } else {
    if (f.url !== null) issues.push(body('url', 'is only for webhook destinations'));
    if (!f.syslog_host || !f.syslog_port) issues.push(body('syslog', 'is required for a syslog destination (host and port)'));
    else {
      const problem = destinationHostProblem(f.syslog_host, allowPrivate);
      if (problem) issues.push(body('syslog.host', problem));
    }
    const hasKey = f.tls_client_key === 'keep' ? hadClientKey : f.tls_client_key !== null;
    if (f.syslog_transport !== 'tls' && (f.tls_ca || f.tls_server_name || f.tls_client_cert || hasKey)) {
      issues.push(body('syslog.tls', 'is only for transport tls'));
    }
    if (Boolean(f.tls_client_cert) !== hasKey) issues.push(body(f.tls_client_cert ? 'syslog.tls.client_key' : 'syslog.tls.client_cert', 'client_cert and client_key go together'));
    issues.push(...tlsIssues({ ca: f.tls_ca, client_cert: f.tls_client_cert, client_key: f.tls_client_key === 'keep' ? null : f.tls_client_key }));
  }
  if (!f.include_events && !f.include_alerts) issues.push(body('include_events', 'a destination must take events, alerts or both'));
  if (f.organization_ids) {
    const ids = [...new Set(f.organization_ids)];
    const found = new Set((await db.selectFrom('organizations').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
    f.organization_ids.forEach((id, i) => {
      if (!found.has(id)) issues.push(body(`organization_ids.${i}`, 'is not an organization of this hub'));
    });
  }
  if (issues.length > 0) throw invalid(issues);
}

/** What a destination's audit entry keeps of a request: never secrets, TLS keys, or a URL's path (it can hold a token). */
function auditInputs(input: Omit<Partial<DestinationCreateInput>, 'syslog'> & { syslog?: DestinationPatchInput['syslog']; rotate_secret?: boolean | undefined }): Record<string, unknown> {
  let url: string | undefined;
  if (input.url) {
    try {
      url = `${new URL(input.url).origin}/…`;
    } catch {
      url = '(invalid)';
    }
  }
  const syslog = input.syslog;
  return {
    name: input.name,
    kind: input.kind,
    enabled: input.enabled,
    url,
    syslog: syslog
      ? {
          host: syslog.host,
          port: syslog.port,
          transport: syslog.transport,
          facility: syslog.facility,
          tls: syslog.tls ? { ca: syslog.tls.ca ? 'given' : syslog.tls.ca, server_name: syslog.tls.server_name, client_cert: syslog.tls.client_cert ? 'given' : syslog.tls.client_cert, client_key: syslog.tls.client_key ? '[REDACTED]' : syslog.tls.client_key } : undefined,
        }
      : undefined,
    organization_ids: input.organization_ids,
    log_types: input.log_types,
    include_events: input.include_events,
    include_alerts: input.include_alerts,
    backfill: input.backfill,
    rotate_secret: input.rotate_secret,
  };
}

async function insertOrConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new HubError('conflict', { message: 'A log destination with this name already exists.', details: { field: 'name' } });
    throw error;
  }
}

async function view(hub: HubContext, db: ForwardingDb, row: LogDestinationsTable): Promise<DestinationView> {
  return toDestinationView(hub.store, row, await destinationStatus(db, row, hub.now().getTime()));
}

/** Every destination, with its status. */
export async function listDestinations(hub: HubContext, actor: Actor): Promise<DestinationView[]> {
  requireManage(actor);
  const db = forwardingDb(hub.store.db);
  const rows = await db.selectFrom('log_destinations').selectAll().orderBy('created_at').orderBy('id').execute();
  return Promise.all(rows.map((r) => view(hub, db, r)));
}

/** One destination, with its status. */
export async function getDestination(hub: HubContext, actor: Actor, id: string): Promise<DestinationView> {
  requireManage(actor);
  const db = forwardingDb(hub.store.db);
  return view(hub, db, await loadDestination(db, id));
}

/** Creates a destination; a webhook's signing secret is in the answer, once. */
export async function createDestination(hub: HubContext, actor: Actor, input: DestinationCreateInput): Promise<DestinationView & { secret: string | null }> {
  requireManage(actor);
  const id = newId('ldst');
  const meta = { action: 'log_destinations.create', targetType: 'log_destination', targetId: id, inputs: auditInputs(input) };
  const { allowPrivate } = forwardingSettingsOf(hub);
  const s = input.syslog;
  const fields: DestinationFields = {
    kind: input.kind,
    url: input.url ?? null,
    syslog_host: s?.host ?? null,
    syslog_port: s?.port ?? null,
    syslog_transport: s ? s.transport : null,
    syslog_facility: s ? s.facility : null,
    syslog_hostname: s?.hostname ?? null,
    tls_ca: s?.tls?.ca ?? null,
    tls_server_name: s?.tls?.server_name ?? null,
    tls_client_cert: s?.tls?.client_cert ?? null,
    tls_client_key: s?.tls?.client_key ?? null,
    organization_ids: input.organization_ids,
    include_events: input.include_events,
    include_alerts: input.include_alerts,
  };
  try {
    await validateFields(forwardingDb(hub.store.db), fields, allowPrivate, false);
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  const secret = input.kind === 'webhook' ? generateWebhookSecret() : null;
  const result = await auditedWrite(hub, actor, meta, async (t: Transaction<Database>) => {
    const trx = forwardingTrx(t);
    const now = hub.now().toISOString();
    const row: LogDestinationsTable = {
      id,
      name: input.name,
      kind: input.kind,
      enabled: input.enabled ? 1 : 0,
      url: fields.url,
      secret: secret ? hub.store.secrets.seal(secret, logDestinationSecretColumn.at(id)) : null,
      syslog_host: fields.syslog_host,
      syslog_port: fields.syslog_port,
      syslog_transport: fields.syslog_transport,
      syslog_facility: fields.syslog_facility,
      syslog_hostname: fields.syslog_hostname,
      tls_ca: fields.tls_ca,
      tls_server_name: fields.tls_server_name,
      tls_client_cert: fields.tls_client_cert,
      tls_client_key: typeof fields.tls_client_key === 'string' && fields.tls_client_key !== 'keep' ? hub.store.secrets.seal(fields.tls_client_key, logDestinationTlsKeyColumn.at(id)) : null,
      organization_ids: input.organization_ids === null ? null : JSON.stringify(input.organization_ids),
      log_types: input.log_types === null ? null : JSON.stringify(input.log_types),
      include_events: input.include_events ? 1 : 0,
      include_alerts: input.include_alerts ? 1 : 0,
      deliver_from: input.backfill ? '' : now,
      watermark: input.backfill ? '' : now,
      delivered_count: 0,
      failed_count: 0,
      consecutive_failures: 0,
      last_error: null,
      last_error_at: null,
      last_delivered_at: null,
      created_at: now,
      updated_at: now,
    };
    await insertOrConflict(() => trx.insertInto('log_destinations').values(row).execute());
    return { ...(await view(hub, trx, row)), secret };
  });
  logForwarderOf(hub)?.notify();
  return result;
}

/** Applies a partial update; `rotate_secret` answers with the new webhook secret, once. */
export async function updateDestination(hub: HubContext, actor: Actor, id: string, patch: DestinationPatchInput): Promise<DestinationView & { secret?: string | null }> {
  requireManage(actor);
  const meta = { action: 'log_destinations.update', targetType: 'log_destination', targetId: id, inputs: auditInputs(patch) };
  const { allowPrivate } = forwardingSettingsOf(hub);
  let existing: LogDestinationsTable;
  let fields: DestinationFields;
  try {
    existing = await loadDestination(forwardingDb(hub.store.db), id);
    const s = patch.syslog;
    const tls = s?.tls;
    const pick = <T>(given: T | undefined, stored: T): T => (given === undefined ? stored : given);
    if (patch.url !== undefined && existing.kind !== 'webhook') throw invalid([body('url', 'is only for webhook destinations')]);
    if (s !== undefined && existing.kind !== 'syslog') throw invalid([body('syslog', 'is only for syslog destinations')]);
    if (patch.rotate_secret && existing.kind !== 'webhook') throw invalid([body('rotate_secret', 'is only for webhook destinations')]);
    fields = {
      kind: existing.kind,
      url: pick(patch.url, existing.url),
      syslog_host: pick(s?.host, existing.syslog_host),
      syslog_port: pick(s?.port, existing.syslog_port === null ? null : Number(existing.syslog_port)),
      syslog_transport: pick(s?.transport, existing.syslog_transport),
      syslog_facility: pick(s?.facility, existing.syslog_facility === null ? null : Number(existing.syslog_facility)),
      syslog_hostname: pick(s?.hostname, existing.syslog_hostname),
      tls_ca: pick(tls?.ca, existing.tls_ca),
      tls_server_name: pick(tls?.server_name, existing.tls_server_name),
      tls_client_cert: pick(tls?.client_cert, existing.tls_client_cert),
      tls_client_key: tls?.client_key === undefined ? 'keep' : tls.client_key,
      organization_ids: patch.organization_ids === undefined ? (existing.organization_ids === null ? null : (JSON.parse(existing.organization_ids) as string[])) : patch.organization_ids,
      include_events: pick(patch.include_events, existing.include_events === 1),
      include_alerts: pick(patch.include_alerts, existing.include_alerts === 1),
    };
    await validateFields(forwardingDb(hub.store.db), fields, allowPrivate, existing.tls_client_key !== null);
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  const secret = patch.rotate_secret ? generateWebhookSecret() : undefined;
  const result = await auditedWrite(hub, actor, meta, async (t: Transaction<Database>) => {
    const trx = forwardingTrx(t);
    await loadDestination(trx, id);
    const now = hub.now().toISOString();
    const key = fields.tls_client_key;
    await insertOrConflict(() =>
      trx
        .updateTable('log_destinations')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
          url: fields.url,
          ...(secret ? { secret: hub.store.secrets.seal(secret, logDestinationSecretColumn.at(id)) } : {}),
          syslog_host: fields.syslog_host,
          syslog_port: fields.syslog_port,
          syslog_transport: fields.syslog_transport,
          syslog_facility: fields.syslog_facility,
          syslog_hostname: fields.syslog_hostname,
          tls_ca: fields.tls_ca,
          tls_server_name: fields.tls_server_name,
          tls_client_cert: fields.tls_client_cert,
          ...(key === 'keep' ? {} : { tls_client_key: key === null ? null : hub.store.secrets.seal(key, logDestinationTlsKeyColumn.at(id)) }),
          ...(patch.organization_ids !== undefined ? { organization_ids: patch.organization_ids === null ? null : JSON.stringify(patch.organization_ids) } : {}),
          ...(patch.log_types !== undefined ? { log_types: patch.log_types === null ? null : JSON.stringify(patch.log_types) } : {}),
          include_events: fields.include_events ? 1 : 0,
          include_alerts: fields.include_alerts ? 1 : 0,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute(),
    );
    const v = await view(hub, trx, await loadDestination(trx, id));
    return secret ? { ...v, secret } : v;
  });
  logForwarderOf(hub)?.notify();
  return result;
}

/** Deletes a destination with its queue (undelivered items are dropped). */
export async function deleteDestination(hub: HubContext, actor: Actor, id: string): Promise<void> {
  requireManage(actor);
  await auditedWrite(hub, actor, { action: 'log_destinations.delete', targetType: 'log_destination', targetId: id }, async (t: Transaction<Database>) => {
    const trx = forwardingTrx(t);
    await loadDestination(trx, id);
    await trx.deleteFrom('log_deliveries').where('destination_id', '=', id).execute();
    await trx.deleteFrom('log_forwarding_state').where('name', '=', destinationLeaseName(id)).execute();
    await trx.deleteFrom('log_destinations').where('id', '=', id).execute();
  });
  logForwarderOf(hub)?.notify();
}

/**
 * Sends one test item now (not through the queue): a signed webhook POST, or one syslog message over
 * a fresh connection. Answers whether the receiver took it; a failure is an answer, not an error.
 */
export async function testDestination(hub: HubContext, actor: Actor, id: string): Promise<DestinationTestResult> {
  requireManage(actor);
  const db = forwardingDb(hub.store.db);
  const row = await loadDestination(db, id);
  const { allowPrivate } = forwardingSettingsOf(hub);
  const started = performance.now();
  const at = hub.now().getTime();
  const item = { kind: 'test' as const, id: newId('ltest', at), at };
  let result: DestinationTestResult;
  if (row.kind === 'webhook') {
    const sent = await sendWebhook(openWebhookTarget(hub.store, row), item, { allowPrivate, timeoutMs: 5000, now: () => hub.now().getTime() });
    result = { ok: sent.outcome === 'delivered', status: sent.status ?? null, error: sent.outcome === 'delivered' ? null : (sent.error ?? 'failed'), duration_ms: 0 };
  } else {
    const client = new SyslogClient(openSyslogTarget(hub.store, row), { allowPrivate, connectTimeoutMs: 5000, settleMs: 250 });
    try {
      const frame = frameOctetCounted(formatSyslogMessage(syslogMessageFor(item, { facility: Number(row.syslog_facility ?? 13), hostname: syslogHostnameOf(row) })));
      await client.send([frame]);
      result = { ok: true, status: null, error: null, duration_ms: 0 };
    } catch (error) {
      result = { ok: false, status: null, error: `syslog: ${(error as Error).message}`, duration_ms: 0 };
    } finally {
      client.close();
    }
  }
  result.duration_ms = Math.round(performance.now() - started);
  await recordAudit(db, hub, actor, { action: 'log_destinations.test', targetType: 'log_destination', targetId: id, inputs: { ok: result.ok, status: result.status } }, result.ok ? 'success' : 'failure');
  return result;
}
