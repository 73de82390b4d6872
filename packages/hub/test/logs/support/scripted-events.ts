import type { Kysely } from 'kysely';
import type { LogEventsTable, LogType } from '../../../src/logs/log-tables.js';
import { withLogTables } from '../../../src/logs/log-tables.js';
import { forwardingDb } from '../../../src/logs/forwarding/forwarding-tables.js';
import type { Database } from '../../../src/store/database.js';
import { newId } from '../../../src/store/new-id.js';

/** Where a scripted event happened. */
export interface EventOwner {
  integrationId: string;
  accountId: string;
  organizationId: string | null;
}

let seq = 0;

function base(owner: EventOwner, type: LogType, at: number, ingestedAt?: number): LogEventsTable {
  seq += 1;
  return {
    id: newId('lev', ingestedAt ?? at),
    integration_id: owner.integrationId,
    duo_account_id: owner.accountId,
    organization_id: owner.organizationId,
    log_type: type,
    event_key: `${type}-${seq}-${Math.random().toString(36).slice(2)}`,
    occurred_at: at,
    username: null,
    application: null,
    factor: null,
    result: null,
    reason: null,
    event_type: null,
    ip: null,
    raw: '{}',
    ingested_at: new Date(ingestedAt ?? at).toISOString(),
  };
}

/** A v2 authentication log row as the sync stores it. */
export function authEvent(owner: EventOwner, at: number, user: string, result: string, reason = result === 'success' ? 'user_approved' : 'user_denied', ingestedAt?: number): LogEventsTable {
  const raw = {
    txid: `tx-${seq + 1}`,
    isotimestamp: new Date(at).toISOString(),
    timestamp: Math.floor(at / 1000),
    user: { name: user, key: 'DU0000000000000000' },
    application: { name: 'VPN', key: 'DI0000000000000000' },
    factor: 'duo_push',
    result,
    reason,
    event_type: 'authentication',
    access_device: { ip: '198.51.100.7' },
  };
  return { ...base(owner, 'authentication', at, ingestedAt), username: user, application: 'VPN', factor: 'duo_push', result, reason, event_type: 'authentication', ip: '198.51.100.7', raw: JSON.stringify(raw) };
}

/** A v1 administrator log row as the sync stores it (`event_type` is the action). */
export function adminEvent(owner: EventOwner, at: number, action: string, object: string | null, description: Record<string, unknown> | string | null, admin = 'Ada Admin', ingestedAt?: number): LogEventsTable {
  const raw = {
    action,
    object,
    username: admin,
    timestamp: Math.floor(at / 1000),
    isotimestamp: new Date(at).toISOString(),
    description: description === null ? null : typeof description === 'string' ? description : JSON.stringify(description),
  };
  return { ...base(owner, 'administrator', at, ingestedAt), username: admin, event_type: action, raw: JSON.stringify(raw) };
}

/** A Trust Monitor event as the sync stores it. */
export function trustMonitorEvent(owner: EventOwner, at: number, type = 'auth', user = 'tm-user', ingestedAt?: number): LogEventsTable {
  const raw = { sekey: `SE${seq + 1}`, type, surfaced_timestamp: at, state: 'new', priority_event: true, surfaced_auth: { user: { name: user } } };
  return { ...base(owner, 'trust_monitor', at, ingestedAt), username: user, event_type: type, result: 'new', raw: JSON.stringify(raw) };
}

/** A telephony row (never alerts). */
export function telephonyEvent(owner: EventOwner, at: number, ingestedAt?: number): LogEventsTable {
  return { ...base(owner, 'telephony', at, ingestedAt), event_type: 'sms', raw: JSON.stringify({ context: 'authentication', credits: 1, type: 'sms' }) };
}

/** Inserts rows (in chunks) the way the sync would, with whatever ingested_at they carry. */
export async function storeEvents(db: Kysely<Database>, rows: readonly LogEventsTable[]): Promise<void> {
  const logs = withLogTables(db);
  for (let i = 0; i < rows.length; i += 200) await logs.insertInto('log_events').values(rows.slice(i, i + 200)).execute();
}

/** A bare integration row (the events' foreign key), written straight to the store. */
export async function storeIntegration(db: Kysely<Database>, name = `Forward fixture ${newId('x')}`): Promise<string> {
  const id = newId('int');
  const now = new Date().toISOString();
  await db.insertInto('integrations').values({ id, name, base_url: null, sig_version: 2, last_check: null, last_checked_at: null, created_at: now, updated_at: now }).execute();
  return id;
}

/** A bare organization row mapped to an account of the integration. */
export async function storeOrganization(db: Kysely<Database>, integrationId: string, accountId: string, name = `Org ${newId('x')}`): Promise<string> {
  const id = newId('org');
  const now = new Date().toISOString();
  await db
    .insertInto('organizations')
    .values({
      id,
      name,
      email_domains: '[]',
      integration_id: integrationId,
      duo_account_id: accountId,
      duo_account_name: name,
      duo_api_hostname: null,
      mapping_source: 'manual',
      mapping_confidence: null,
      mapping_reason: null,
      duo_admin_api_directory_key: null,
      auth_api_host: null,
      auth_integration_key: null,
      auth_secret_key: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** An alert row written straight to the store (as the alert scanner would), for routes that list or acknowledge one. */
export async function storeAlert(db: Kysely<Database>, owner: EventOwner, username: string, rule = 'bypass_code_created'): Promise<string> {
  const id = newId('alr');
  const now = Date.now();
  await forwardingDb(db)
    .insertInto('alerts')
    .values({
      id,
      rule_id: rule,
      dedupe_key: id,
      severity: 'medium',
      title: `Bypass code created for ${username} by Ada Admin`,
      organization_id: owner.organizationId,
      integration_id: owner.integrationId,
      duo_account_id: owner.accountId,
      log_type: 'administrator',
      event_id: newId('lev'),
      username,
      occurred_at: now,
      details: JSON.stringify({ action: 'bypass_create', object: username }),
      created_at: new Date(now).toISOString(),
      acknowledged_at: null,
      acknowledged_by: null,
    })
    .execute();
  return id;
}
