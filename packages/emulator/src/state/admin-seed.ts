import { newActivationLink } from './admin-activation.js';
import { newAdminId } from './admin-ids.js';
import { adminActivationsOf, adminsOf, type AdminRecord, type AdminRole } from './admin-records.js';
import type { Account } from './types.js';

const DAY = 86_400;
const FIRST = ['Morgan', 'Priya', 'Samuel', 'Lena', 'Jordan', 'Aisha', 'Tomas', 'Keiko', 'Dev', 'Ruth', 'Omar', 'Greta'] as const;
const LAST = ['Blake', 'Natarajan', 'Ortiz', 'Chen', 'Reyes', 'Okafor', 'Lindqvist', 'Tanaka', 'Patel', 'Moreau', 'Haddad', 'Berg'] as const;

/** A small deterministic stream from a string, so seeding admins never shifts the seed's main random draws. */
function streamFrom(text: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
}

/** The account's mail domain, read from its users (the seed gives each company one), or made from its name. */
function domainOf(account: Account): string {
  const email = Object.values(account.users).find((u) => u.email.includes('@'))?.email;
  return email?.split('@')[1] ?? `${account.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'company'}.example`;
}

/**
 * Seeds four administrators per account, one of each standing the endpoints treat differently:
 * an Active Owner who signs in daily, an Active Administrator, a Help Desk administrator
 * (restricted by administrative units) Pending Activation with a live activation link, and a
 * Read-only administrator Expired for inactivity.
 * The parent also gets a pending activation of a new Billing administrator; each directory's admin
 * sync source holds the Administrator and one person not yet an administrator.
 */
export function seedAdmins(account: Account, nowMs: number): void {
  const random = streamFrom(`${account.account_id}:admins`);
  const nowSec = Math.floor(nowMs / 1000);
  const domain = domainOf(account);
  const admins = adminsOf(account);
  const offset = Math.floor(random() * FIRST.length);
  const person = (i: number) => {
    const first = FIRST[(offset + i) % FIRST.length]!;
    const last = LAST[(offset + i * 5) % LAST.length]!;
    return { name: `${first} ${last}`, email: `${first}.${last}@${domain}`.toLowerCase() };
  };
  const taken = (id: string) => admins[id] !== undefined || account.admin_activations?.[id] !== undefined;
  const add = (i: number, role: AdminRole, fields: Partial<AdminRecord>): AdminRecord => {
    const admin: AdminRecord = {
      ...person(i),
      admin_id: newAdminId(random, taken),
      phone: `+1555555${String(100 + i).padStart(4, '0')}`,
      role,
      status: 'Active',
      created: nowSec - (400 - i * 60) * DAY,
      last_login: null,
      last_directory_sync: null,
      password_change_required: false,
      restricted_by_admin_units: false,
      token_id: null,
      directory_key: null,
      failed_attempts: 0,
      disabled_reason: null,
      has_external_password_mgmt: false,
      password_sha256: null,
      activation_link: null,
      ...fields,
    };
    admins[admin.admin_id] = admin;
    return admin;
  };
  add(0, 'Owner', { last_login: nowSec - 2 * 3600 });
  const administrator = add(1, 'Administrator', { last_login: nowSec - 3 * DAY });
  add(2, 'Help Desk', { status: 'Pending Activation', phone: null, restricted_by_admin_units: true, activation_link: newActivationLink(random, nowSec - DAY, 7) });
  add(3, 'Read-only', { status: 'Expired', status_before_expiry: 'Active', last_login: nowSec - 120 * DAY });
  if (account.parent_id === null) {
    const id = newAdminId(random, taken);
    adminActivationsOf(account)[id] = {
      admin_activation_id: id,
      ...(({ name, email }) => ({ admin_name: name, email }))(person(4)),
      admin_role: 'Billing',
      email_sent: false,
      link: newActivationLink(random, nowSec - 2 * DAY, 7),
    };
  }
  for (const directory of Object.values(account.directories)) {
    const newcomer = person(5);
    directory.admins = {
      [administrator.email]: { name: administrator.name, role: 'Administrator' },
      [newcomer.email]: { name: newcomer.name, role: 'User Manager', phone: '+15555550199' },
    };
  }
}
