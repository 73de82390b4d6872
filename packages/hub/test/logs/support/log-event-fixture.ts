import type { Insertable, Kysely } from 'kysely';
import { withLogTables, type LogEventsTable, type LogType } from '../../../src/logs/log-tables.js';
import type { Database } from '../../../src/store/database.js';
import { newId } from '../../../src/store/new-id.js';
import { seededRandom } from '../../support/seeded-random.js';

/** A stored log row as the fixture inserts it. */
export type LogRow = Insertable<LogEventsTable> & { occurred_at: number; id: string };

/** One organization the fixture makes log entries for. */
export interface FixtureOrg {
  id: string | null;
  accountId: string;
  /** Prefix of its usernames (`<prefix>-alice`...); markers for leak checks go here. */
  userPrefix: string;
}

/** Options of `buildLogEvents`. */
export interface LogFixtureOptions {
  integrationId: string;
  orgs: readonly FixtureOrg[];
  /** Entries end at this time (epoch ms) and go back `days` days. */
  now: number;
  days?: number;
  /** Authentication entries per organization and day. */
  perDay?: number;
  seed?: number;
}

const DAY = 86_400_000;
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
const FACTORS = ['duo_push', 'duo_push', 'duo_push', 'phone_call', 'passcode', 'sms_passcode', 'webauthn'];
const APPS = ['VPN', 'Microsoft 365', 'Salesforce'];
/** Result and reason pairs as Duo v2 logs them, weighted: mostly approvals. */
const OUTCOMES: ReadonlyArray<readonly [string, string]> = [
  ['success', 'user_approved'],
  ['success', 'user_approved'],
  ['success', 'user_approved'],
  ['success', 'user_approved'],
  ['success', 'valid_passcode'],
  ['denied', 'user_denied'],
  ['denied', 'deny_unenrolled_user'],
  ['denied', 'no_response'],
  ['fraud', 'user_marked_fraud'],
];

function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

function row(base: { integrationId: string; org: FixtureOrg; type: LogType; at: number; key: string }, fields: Partial<LogEventsTable>, raw: unknown): LogRow {
  return {
    id: newId('lev', base.at),
    integration_id: base.integrationId,
    duo_account_id: base.org.accountId,
    organization_id: base.org.id,
    log_type: base.type,
    event_key: base.key,
    occurred_at: base.at,
    username: null,
    application: null,
    factor: null,
    result: null,
    reason: null,
    event_type: null,
    ip: null,
    raw: JSON.stringify(raw),
    ingested_at: new Date(base.at + 60_000).toISOString(),
    ...fields,
  };
}

/**
 * Realistic Duo log rows for each organization over `days` days: authentications (Duo's v2 authlog
 * shape: several users, factors, applications, results and reasons), a telephony entry and an
 * administrator entry a day. Deterministic for a seed; returned newest first.
 */
export function buildLogEvents(options: LogFixtureOptions): LogRow[] {
  const r = seededRandom(options.seed ?? 17);
  const days = options.days ?? 7;
  const perDay = options.perDay ?? 12;
  const out: LogRow[] = [];
  for (const org of options.orgs) {
    for (let d = 0; d < days; d++) {
      const dayStart = options.now - (d + 1) * DAY;
      for (let i = 0; i < perDay; i++) {
        const at = dayStart + 1 + r.int(DAY - 2);
        const user = `${org.userPrefix}-${r.pick(USERS)}`;
        const factor = r.pick(FACTORS);
        const application = r.pick(APPS);
        const [result, reason] = r.pick(OUTCOMES);
        const ip = `198.51.100.${1 + r.int(250)}`;
        const txid = `${org.accountId}-tx-${d}-${i}-${r.int(1e9).toString(36)}`;
        out.push(
          row(
            { integrationId: options.integrationId, org, type: 'authentication', at, key: txid },
            { username: user, application, factor, result, reason, event_type: 'authentication', ip },
            {
              access_device: { ip, hostname: null, location: { city: 'Ann Arbor', state: 'Michigan', country: 'United States' } },
              alias: '',
              application: { key: `DI${application.replace(/\W/g, '').toUpperCase().padEnd(18, 'X')}`, name: application },
              auth_device: { ip: null, location: { city: '', state: '', country: '' }, name: factor === 'duo_push' ? 'iOS phone' : '' },
              email: `${user}@example.com`,
              event_type: 'authentication',
              factor,
              isotimestamp: isoTimestamp(at),
              reason,
              result,
              timestamp: Math.floor(at / 1000),
              txid,
              user: { groups: [], key: `DU${user.toUpperCase().replace(/\W/g, '').padEnd(18, 'X').slice(0, 18)}`, name: user },
            },
          ),
        );
      }
      const phoneAt = dayStart + 1 + r.int(DAY - 2);
      const telephonyId = `${org.accountId}-tel-${d}`;
      out.push(
        row(
          { integrationId: options.integrationId, org, type: 'telephony', at: phoneAt, key: telephonyId },
          { event_type: 'sms' },
          { context: 'authentication', credits: 1, phone: '+15555550100', telephony_id: telephonyId, ts: isoTimestamp(phoneAt), type: 'sms' },
        ),
      );
      const adminAt = dayStart + 1 + r.int(DAY - 2);
      out.push(
        row(
          { integrationId: options.integrationId, org, type: 'administrator', at: adminAt, key: `${org.accountId}-adm-${d}` },
          { username: `${org.userPrefix}-admin`, event_type: 'user_update' },
          { action: 'user_update', description: '{"status": "active"}', isotimestamp: isoTimestamp(adminAt), object: `${org.userPrefix}-alice`, timestamp: Math.floor(adminAt / 1000), username: `${org.userPrefix}-admin` },
        ),
      );
    }
  }
  return sortNewestFirst(out);
}

/** Rows in the search order: newest first, the id breaking ties. */
export function sortNewestFirst<T extends { occurred_at: number; id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => b.occurred_at - a.occurred_at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** Inserts rows in chunks (both dialects cap the parameters of one statement). */
export async function insertLogEvents(db: Kysely<Database>, rows: readonly LogRow[], chunk = 500): Promise<void> {
  const logs = withLogTables(db);
  for (let i = 0; i < rows.length; i += chunk) await logs.insertInto('log_events').values(rows.slice(i, i + chunk)).execute();
}

/** An integration row for the log rows' foreign key, written straight to the store (no Duo involved). */
export async function insertFixtureIntegration(db: Kysely<Database>, name = `Log fixture ${newId('x')}`): Promise<string> {
  const id = newId('int');
  const now = new Date().toISOString();
  await db.insertInto('integrations').values({ id, name, base_url: null, sig_version: 2, last_check: null, last_checked_at: null, created_at: now, updated_at: now }).execute();
  return id;
}
