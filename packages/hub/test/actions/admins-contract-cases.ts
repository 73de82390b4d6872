import type { Account } from '@duohub/emulator';
import { expect } from 'vitest';
import type { AdminActivationRecord, AdminRecord } from '../../../emulator/src/state/admin-records.js';
import type { ContractCase, DuoCase } from './contract-cases.js';
import type { ContractFixture } from './contract-fixture.js';

// Contract cases of the admins.* catalog actions, spread into the catalog-wide suite
// (actions-contract.test.ts) and run again by admins-contract.test.ts.

export const UNKNOWN_ADMIN = 'DENOSUCHADMIN0000000';
const DAY = 86_400;
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const notFound = (input: unknown): DuoCase => ({ input, code: 'not_found', status: 404, duoCode: 40401 });
const badKeys = (input: unknown = {}): DuoCase => ({ input, code: 'duo_error', status: 502, duoCode: 40103, keys: 'bad' });
const rejected = (input: unknown, duoCode: number): DuoCase => ({ input, code: 'duo_rejected', status: 400, duoCode });
const admins = (a: Account) => Object.values(a.admins ?? {});
const owner = (fx: ContractFixture) => admins(fx.parent).find((a) => a.role === 'Owner' && a.status === 'Active')!;
const nowSec = () => Math.floor(Date.now() / 1000);

let seq = 0;
/** Puts a fresh administrator straight into the account, so cases never share (or delete) a seeded one. */
export function arrangeAdmin(account: Account, fields: Partial<AdminRecord> = {}): AdminRecord {
  seq += 1;
  const id = `DECONTRACT${String(seq).padStart(10, '0')}`;
  const admin: AdminRecord = {
    admin_id: id,
    name: `Contract Admin ${seq}`,
    email: `contract.admin.${seq}@example.com`,
    role: 'Administrator',
    status: 'Active',
    created: nowSec() - DAY,
    last_login: null,
    ...fields,
  };
  (account.admins ??= {})[id] = admin;
  return admin;
}

/** A live activation link, as the emulator keeps one. */
const liveLink = () => ({ code: `${'c'.repeat(28)}${String(seq).padStart(4, '0')}`, created: nowSec(), expires: nowSec() + 7 * DAY, valid_days: 7 });

/** Puts a pending activation of a new administrator straight into the account. */
function arrangeActivation(account: Account): AdminActivationRecord {
  seq += 1;
  const id = `DECONTRACTACT${String(seq).padStart(7, '0')}`;
  const activation: AdminActivationRecord = {
    admin_activation_id: id,
    email: `contract.invitee.${seq}@example.com`,
    admin_name: `Invitee ${seq}`,
    admin_role: 'Read-only',
    email_sent: false,
    link: liveLink(),
  };
  (account.admin_activations ??= {})[id] = activation;
  return activation;
}

export const adminContractCases: ContractCase[] = [
  {
    id: 'admins.list',
    valid: () => ({ input: { limit: 2 }, check: (out, fx) => {
      expect(out.items).toHaveLength(2);
      expect(out.total_objects).toBe(admins(fx.parent).length);
      for (const item of out.items) expect(fx.parent.admins?.[item.admin_id]?.email).toBe(item.email);
    } }),
    invalid: { input: { limit: 0 }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'admins.get',
    valid: (fx) => {
      const a = owner(fx);
      return { input: { admin_id: a.admin_id }, check: (out) => expect(out).toMatchObject({ admin_id: a.admin_id, email: a.email, name: a.name, role: 'Owner', status: 'Active' }) };
    },
    invalid: { input: { admin_id: 'nope' }, field: 'admin_id' },
    duo: () => notFound({ admin_id: UNKNOWN_ADMIN }),
  },
  {
    id: 'admins.create',
    valid: () => ({
      input: { email: 'contract.created@example.com', name: 'Contract Created', role: 'Help Desk', send_email: true },
      check: (out, fx) => {
        expect(out).toMatchObject({ email: 'contract.created@example.com', role: 'Help Desk', status: 'Pending Activation' });
        expect(fx.parent.admins?.[out.admin_id]?.activation_link?.expires).toBeGreaterThan(nowSec());
        expect(fx.parent.admin_emails?.at(-1)).toMatchObject({ to: 'contract.created@example.com', admin_id: out.admin_id });
      },
    }),
    // Duo's role names are case-sensitive.
    invalid: { input: { email: 'x@example.com', name: 'x', role: 'owner' }, field: 'role' },
    duo: (fx) => rejected({ email: owner(fx).email, name: 'Duplicate' }, 40003),
  },
  {
    id: 'admins.update',
    valid: (fx) => {
      const a = arrangeAdmin(fx.parent);
      return { input: { admin_id: a.admin_id, name: 'Renamed Admin', role: 'Billing', phone: '734-555-0100' }, check: (out, f) => {
        expect(out).toMatchObject({ admin_id: a.admin_id, name: 'Renamed Admin', role: 'Billing', phone: '+17345550100' });
        expect(f.parent.admins?.[a.admin_id]?.role).toBe('Billing');
      } };
    },
    invalid: { input: { admin_id: UNKNOWN_ADMIN, status: 'disabled' }, field: 'status' },
    duo: () => notFound({ admin_id: UNKNOWN_ADMIN, name: 'Nobody' }),
    dryRun: (fx) => {
      const a = arrangeAdmin(fx.parent);
      return {
        input: { admin_id: a.admin_id, status: 'Disabled', name: a.name },
        snapshot: () => json(fx.parent.admins),
        check: (out) => expect(out.diff).toEqual({ status: { from: 'Active', to: 'Disabled' } }),
      };
    },
  },
  {
    id: 'admins.delete',
    valid: (fx) => {
      const a = arrangeAdmin(fx.parent);
      return { input: { admin_id: a.admin_id }, check: (out, f) => {
        expect(out).toEqual({ deleted: true, admin_id: a.admin_id });
        expect(f.parent.admins?.[a.admin_id]).toBeUndefined();
      } };
    },
    invalid: { input: { admin_id: '' }, field: 'admin_id' },
    duo: () => ({ ...notFound({ admin_id: UNKNOWN_ADMIN }), dryRun: true }),
    dryRun: (fx) => {
      const a = owner(fx);
      return { input: { admin_id: a.admin_id }, snapshot: () => json(fx.parent.admins), check: (out) => {
        expect(out.target.admin_id).toBe(a.admin_id);
        expect(out.changes).toContain(a.email);
      } };
    },
  },
  {
    id: 'admins.reset_auth_attempts',
    valid: (fx) => {
      const a = arrangeAdmin(fx.parent, { status: 'Disabled', disabled_reason: 'failed_attempts', failed_attempts: 10 });
      return { input: { admin_id: a.admin_id }, check: (out, f) => {
        expect(out.status).toBe('Active');
        expect(f.parent.admins?.[a.admin_id]?.failed_attempts).toBe(0);
      } };
    },
    invalid: { input: { admin_id: 'x' }, field: 'admin_id' },
    duo: () => notFound({ admin_id: UNKNOWN_ADMIN }),
    dryRun: (fx) => {
      const a = arrangeAdmin(fx.parent, { status: 'Disabled', disabled_reason: 'failed_attempts', failed_attempts: 5 });
      return { input: { admin_id: a.admin_id }, snapshot: () => json(fx.parent.admins![a.admin_id]), check: (out) => expect(out.changes).toContain('now Disabled') };
    },
  },
  {
    id: 'admins.clear_inactivity',
    valid: (fx) => {
      const a = arrangeAdmin(fx.parent, { status: 'Expired', status_before_expiry: 'Active' });
      return { input: { admin_id: a.admin_id }, check: (out, f) => {
        expect(out.status).toBe('Active');
        expect(f.parent.admins?.[a.admin_id]?.status).toBe('Active');
      } };
    },
    invalid: { input: {}, field: 'admin_id' },
    duo: () => notFound({ admin_id: UNKNOWN_ADMIN }),
    dryRun: (fx) => {
      const a = arrangeAdmin(fx.parent, { status: 'Expired', status_before_expiry: 'Disabled' });
      return { input: { admin_id: a.admin_id }, snapshot: () => json(fx.parent.admins![a.admin_id]), check: (out) => expect(out.changes).toMatch(/would clear the inactivity expiration/) };
    },
  },
  {
    id: 'admins.email_activation_link',
    valid: (fx) => {
      const a = arrangeAdmin(fx.parent, { status: 'Pending Activation', activation_link: liveLink() });
      return { input: { admin_id: a.admin_id }, check: (out, f) => {
        expect(out).toMatchObject({ admin_id: a.admin_id, email: a.email, email_sent: true });
        expect(f.parent.admin_emails?.at(-1)).toMatchObject({ to: a.email, admin_id: a.admin_id });
      } };
    },
    invalid: { input: { admin_id: UNKNOWN_ADMIN.toLowerCase() }, field: 'admin_id' },
    duo: () => notFound({ admin_id: UNKNOWN_ADMIN }),
  },
  {
    id: 'admins.delete_activation_link',
    valid: (fx) => {
      const a = arrangeAdmin(fx.parent, { status: 'Pending Activation', activation_link: liveLink() });
      return { input: { admin_id: a.admin_id }, check: (out, f) => {
        expect(out).toEqual({ deleted: true, admin_id: a.admin_id });
        expect(f.parent.admins?.[a.admin_id]?.activation_link).toBeNull();
      } };
    },
    invalid: { input: { admin_id: 7 }, field: 'admin_id' },
    duo: () => ({ ...notFound({ admin_id: UNKNOWN_ADMIN }), dryRun: true }),
    dryRun: (fx) => {
      const a = arrangeAdmin(fx.parent, { status: 'Pending Activation', activation_link: liveLink() });
      return { input: { admin_id: a.admin_id }, snapshot: () => json(fx.parent.admins![a.admin_id]), check: (out) => expect(out.changes).toMatch(/would invalidate the activation link/) };
    },
  },
  {
    id: 'admins.create_activation_link',
    valid: (fx) => {
      const a = arrangeAdmin(fx.parent, { status: 'Pending Activation', activation_link: null });
      return { input: { admin_id: a.admin_id }, check: (out, f) => {
        const stored = f.parent.admins?.[a.admin_id]?.activation_link;
        expect(out).toMatchObject({ admin_id: a.admin_id, email_sent: false, valid_days: 7, expires: stored?.expires });
        expect(out.link).toContain(stored?.code);
      } };
    },
    invalid: { input: { admin_id: null }, field: 'admin_id' },
    // Only an administrator pending activation has links.
    duo: (fx) => rejected({ admin_id: owner(fx).admin_id }, 40002),
  },
  {
    id: 'admins.create_activation',
    valid: () => ({
      input: { email: 'contract.invited@example.com', admin_role: 'User Manager', valid_days: 14 },
      check: (out, fx) => {
        expect(out).toMatchObject({ email: 'contract.invited@example.com', admin_role: 'User Manager', email_sent: false, valid_days: 14 });
        expect(fx.parent.admin_activations?.[out.admin_activation_id]?.email).toBe('contract.invited@example.com');
      },
    }),
    invalid: { input: { email: 'not an email' }, field: 'email' },
    duo: (fx) => rejected({ email: owner(fx).email }, 40003),
  },
  {
    id: 'admins.list_activations',
    valid: () => ({ input: {}, check: (out, fx) => {
      expect(out.items.map((a: any) => a.admin_activation_id).sort()).toEqual(Object.keys(fx.parent.admin_activations ?? {}).sort());
      for (const item of out.items) expect(item).not.toHaveProperty('link');
    } }),
    invalid: { input: { offset: -1 }, field: 'offset' },
    duo: () => badKeys(),
  },
  {
    id: 'admins.delete_activation',
    valid: (fx) => {
      const a = arrangeActivation(fx.parent);
      return { input: { admin_activation_id: a.admin_activation_id }, check: (out, f) => {
        expect(out).toEqual({ deleted: true, admin_activation_id: a.admin_activation_id });
        expect(f.parent.admin_activations?.[a.admin_activation_id]).toBeUndefined();
      } };
    },
    invalid: { input: { admin_activation_id: 'a b' }, field: 'admin_activation_id' },
    duo: () => badKeys({ admin_activation_id: 'DENOSUCHACTIVATION00' }),
    dryRun: (fx) => {
      const a = arrangeActivation(fx.parent);
      return { input: { admin_activation_id: a.admin_activation_id }, snapshot: () => json(fx.parent.admin_activations), check: (out) => {
        expect(out.target.admin_activation_id).toBe(a.admin_activation_id);
        expect(out.changes).toContain(a.email);
      } };
    },
  },
  {
    id: 'admins.sync_from_directory',
    on: 'child',
    valid: (fx) => {
      const directory = Object.values(fx.child.directories)[0]!;
      const [email, source] = Object.entries(directory.admins ?? {}).find(([address]) => !admins(fx.child).some((a) => a.email === address))!;
      return { input: { email }, check: (out, f) => {
        expect(out).toMatchObject({ email, name: source.name, role: source.role, status: 'Active' });
        expect(f.child.admins?.[out.admin_id]?.directory_key).toBe(directory.directory_key);
      } };
    },
    invalid: { input: { email: 'nope' }, field: 'email' },
    duo: () => notFound({ email: 'nobody.anywhere@example.com' }),
  },
  {
    id: 'admins.list_password_mgmt',
    valid: () => ({ input: { limit: 500 }, check: (out, fx) => {
      expect(out.items.map((p: any) => p.admin_id)).toEqual(admins(fx.parent).map((a) => a.admin_id));
      for (const item of out.items) expect(Object.keys(item).sort()).toEqual(['admin_id', 'email', 'has_external_password_mgmt', 'name']);
    } }),
    invalid: { input: { limit: 0 }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'admins.get_password_mgmt',
    valid: (fx) => {
      const a = owner(fx);
      return { input: { admin_id: a.admin_id }, check: (out) => expect(out).toEqual({ admin_id: a.admin_id, email: a.email, name: a.name, has_external_password_mgmt: a.has_external_password_mgmt ?? false }) };
    },
    invalid: { input: { admin_id: 'DE' }, field: 'admin_id' },
    duo: () => notFound({ admin_id: UNKNOWN_ADMIN }),
  },
  {
    id: 'admins.update_password_mgmt',
    valid: (fx) => {
      const a = arrangeAdmin(fx.parent);
      const password = 'contract password 0123';
      return { input: { admin_id: a.admin_id, has_external_password_mgmt: true, password }, check: (out, f) => {
        expect(out).toEqual({ admin_id: a.admin_id, email: a.email, name: a.name, has_external_password_mgmt: true });
        expect(f.parent.admins?.[a.admin_id]?.password_sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(JSON.stringify(f.emu.state)).not.toContain(password);
      } };
    },
    invalid: { input: { admin_id: UNKNOWN_ADMIN, password: '' }, field: 'password' },
    duo: () => notFound({ admin_id: UNKNOWN_ADMIN, has_external_password_mgmt: true }),
    dryRun: (fx) => {
      const a = arrangeAdmin(fx.parent);
      return {
        input: { admin_id: a.admin_id, has_external_password_mgmt: true, password: 'never set by a dry run' },
        snapshot: () => json(fx.parent.admins![a.admin_id]),
        check: (out) => {
          expect(out.diff).toEqual({ has_external_password_mgmt: { from: false, to: true } });
          expect(out.changes).toMatch(/turn external password management on and set a new password/);
          expect(JSON.stringify(out)).not.toContain('never set by a dry run');
        },
      };
    },
  },
  {
    id: 'admins.get_allowed_auth_methods',
    valid: () => ({ input: {}, check: (out, fx) => {
      if (fx.parent.admin_auth_methods) expect(out).toEqual(fx.parent.admin_auth_methods);
      else expect(Object.values(out).filter((v) => v === false)).toEqual([]);
    } }),
    // An unknown field (no parameters are declared); one word, as the CLI names it the same way.
    invalid: { input: { methods: 'push' }, field: 'methods' },
    duo: () => badKeys(),
  },
  {
    id: 'admins.update_allowed_auth_methods',
    valid: () => ({ input: { push_enabled: true, webauthn_enabled: true }, check: (out, fx) => {
      expect(out).toMatchObject({ push_enabled: true, webauthn_enabled: true, sms_enabled: false, voice_enabled: false, mobile_otp_enabled: false });
      expect(fx.parent.admin_auth_methods).toEqual(out);
    } }),
    invalid: { input: { push_enabled: true, verified_push_length: 9 }, field: 'verified_push_length' },
    // Nothing allowed would lock every administrator out.
    duo: () => rejected({}, 40002),
    dryRun: (fx) => ({
      input: { sms_enabled: true },
      snapshot: () => json(fx.parent.admin_auth_methods ?? null),
      check: (out) => {
        expect(out.diff.push_enabled).toEqual({ from: true, to: false });
        expect(out.diff.sms_enabled?.to ?? true).toBe(true);
        expect(out.changes).toMatch(/disallow .*push_enabled/);
      },
    }),
  },
];
