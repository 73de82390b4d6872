import { expect } from 'vitest';
import type { ContractFixture } from './contract-fixture.js';
import { authenticatorContractCases } from './authenticators-contract-cases.js';
import { groupContractCases } from './groups-contract-cases.js';
import { usersBulkContractCases } from './users-bulk-contract-cases.js';
import { tokenContractCases } from './tokens-contract-cases.js';
import { endpointActionContractCases } from './endpoint-actions-contract-cases.js';
import { integrationContractCases } from './integrations-contract-cases.js';
import { policyContractCases } from './policies-contract-cases.js';
import { devicesContractCases } from './devices-contract-cases.js';
import { brandingContractCases } from './branding-contract-cases.js';
import { adminContractCases } from './admins-contract-cases.js';
import { governanceMiscContractCases } from './governance-misc-contract-cases.js';

/** One action's contract: a valid run (with checks), an invalid input, a Duo error, a dry run. */
export interface ContractCase {
  id: string;
  /** Which Duo account the action runs on. */
  on?: 'parent' | 'child';
  valid(fx: ContractFixture, run: (id: string, input: unknown) => Promise<any>): ValidCase | Promise<ValidCase>;
  invalid: { input: unknown; field: string };
  /** A Duo failure passed through: by input (an unknown id), a wrong secret key, or Duo unreachable. */
  duo(fx: ContractFixture): DuoCase;
  /** Destructive actions: an input and a snapshot of the state the dry run must leave alone. */
  dryRun?(fx: ContractFixture): { input: unknown; snapshot(): unknown; check?(output: any): void };
}

/** A valid input and what its output and Duo's state must show. */
export interface ValidCase {
  input: unknown;
  check(output: any, fx: ContractFixture): void;
}

/** A Duo failure: the hub code and status expected, and Duo's code when Duo answered. */
export interface DuoCase {
  input: unknown;
  code: string;
  status: number;
  duoCode?: number;
  keys?: 'bad' | 'down';
  /** Deletes are idempotent in Duo (200 for unknown ids); their 404 shows in the dry run. */
  dryRun?: boolean;
}

export const UNKNOWN_USER = 'DUNOSUCHUSER00000000';
export const UNKNOWN_PHONE = 'DPNOSUCHPHONE0000000';
export const UNKNOWN_CODE = 'DBNOSUCHCODE00000000';

const users = (fx: ContractFixture) => Object.values(fx.parent.users);
const phones = (fx: ContractFixture) => Object.values(fx.parent.phones);
const userWithPhone = (fx: ContractFixture, skip = 0) => users(fx).filter((u) => u.phone_ids.length > 0)[skip]!;
const userWithCodes = (fx: ContractFixture, skip = 0) => {
  const owners = [...new Set(Object.values(fx.parent.bypass_codes).map((c) => c.user_id))];
  return fx.parent.users[owners[skip]!]!;
};
const codesOf = (fx: ContractFixture, userId: string) => Object.values(fx.parent.bypass_codes).filter((c) => c.user_id === userId);
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const notFound = (input: unknown): DuoCase => ({ input, code: 'not_found', status: 404, duoCode: 40401 });
const badKeys = (input: unknown = {}): DuoCase => ({ input, code: 'duo_error', status: 502, duoCode: 40103, keys: 'bad' });

export const contractCases: ContractCase[] = [
  {
    id: 'accounts.list',
    valid: () => ({ input: {}, check: (out, fx) => expect(out.items.map((a: any) => a.account_id)).toContain(fx.child.account_id) }),
    invalid: { input: { limit: 3 }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'accounts.create',
    valid: () => ({
      input: { name: 'Contract Test Co' },
      check: (out, fx) => {
        expect(out.name).toBe('Contract Test Co');
        expect(fx.emu.state.accounts[out.account_id]?.parent_id).toBe(fx.parent.account_id);
      },
    }),
    invalid: { input: { name: '' }, field: 'name' },
    duo: () => badKeys({ name: 'Never Made' }),
  },
  {
    id: 'accounts.delete',
    valid: (fx) => {
      const victim = Object.values(fx.emu.state.accounts).filter((a) => a.parent_id !== null && a.account_id !== fx.child.account_id).at(-1)!;
      return { input: { account_id: victim.account_id }, check: (out, f) => {
        expect(out).toEqual({ deleted: true, account_id: victim.account_id });
        expect(f.emu.state.accounts[victim.account_id]).toBeUndefined();
      } };
    },
    invalid: { input: { account_id: 'nope' }, field: 'account_id' },
    duo: () => badKeys({ account_id: 'DANOSUCHACCOUNT00000' }),
    dryRun: (fx) => ({
      input: { account_id: fx.child.account_id },
      snapshot: () => Object.keys(fx.emu.state.accounts).sort(),
      check: (out) => expect(out.target.account_id).toBe(fx.child.account_id),
    }),
  },
  {
    id: 'accounts.call',
    valid: (fx) => ({ input: { method: 'POST', path: '/accounts/v1/account/list' }, check: (out) => {
      expect(out.status).toBe(200);
      expect(out.response.map((a: any) => a.account_id)).toContain(fx.child.account_id);
    } }),
    invalid: { input: { method: 'GET', path: '/admin/v1/users' }, field: 'path' },
    duo: () => badKeys({ method: 'POST', path: '/accounts/v1/account/list' }),
    dryRun: (fx) => ({
      input: { method: 'POST', path: '/accounts/v1/account/create', params: { name: 'Dry Co' } },
      snapshot: () => Object.keys(fx.emu.state.accounts).sort(),
      check: (out) => expect(out.changes).toContain('POST /accounts/v1/account/create'),
    }),
  },
  {
    id: 'admin.call',
    valid: () => ({ input: { method: 'GET', path: '/admin/v1/users', params: { limit: 2 } }, check: (out) => {
      expect(out.status).toBe(200);
      expect(out.response).toHaveLength(2);
      expect(out.metadata.next_offset).toBe(2);
    } }),
    invalid: { input: { method: 'PATCH', path: '/admin/v1/users' }, field: 'method' },
    duo: () => notFound({ method: 'GET', path: `/admin/v1/users/${UNKNOWN_USER}` }),
    dryRun: (fx) => {
      const u = users(fx)[0]!;
      return { input: { method: 'DELETE', path: `/admin/v1/users/${u.user_id}` }, snapshot: () => json(fx.parent.users[u.user_id]) };
    },
  },
  {
    id: 'auth.call',
    valid: () => ({ input: { method: 'GET', path: '/auth/v2/check' }, check: (out) => expect(typeof out.response.time).toBe('number') }),
    invalid: { input: { method: 'GET', path: '/auth/v2/../admin' }, field: 'path' },
    duo: () => badKeys({ method: 'GET', path: '/auth/v2/check' }),
    dryRun: (fx) => ({ input: { method: 'POST', path: '/auth/v2/auth', params: { username: 'x', factor: 'push', device: 'auto' } }, snapshot: () => json(fx.parent.transactions) }),
  },
  {
    id: 'auth.check',
    valid: () => ({ input: {}, check: (out) => expect(Math.abs(out.time - Date.now() / 1000)).toBeLessThan(600) }),
    invalid: { input: { now: 1 }, field: 'now' },
    duo: () => badKeys(),
  },
  {
    id: 'auth.ping',
    valid: () => ({ input: {}, check: (out) => expect(Math.abs(out.skew_sec)).toBeLessThan(600) }),
    invalid: { input: { x: 1 }, field: 'x' },
    // Ping is unsigned, so a wrong key still gets an answer: the failure shown is Duo unreachable.
    duo: () => ({ input: {}, code: 'duo_unreachable', status: 504, keys: 'down' }),
  },
  {
    id: 'auth.send',
    valid: (fx) => ({
      input: { username: userWithPhone(fx).username, factor: 'push', async: true, pushinfo: { from: 'duohub' }, type: 'Login' },
      check: (out) => expect(out.txid).toMatch(/\S/),
    }),
    invalid: { input: { username: 'alice', factor: 'passcode' }, field: 'passcode' },
    duo: () => badKeys({ username: 'no.such.user', factor: 'push', async: true }),
  },
  {
    id: 'auth.status',
    valid: async (fx, run) => {
      const started = await run('auth.send', { username: userWithPhone(fx).username, factor: 'push', async: true });
      return { input: { txid: started.txid }, check: (out) => expect(['waiting', 'allow', 'deny']).toContain(out.result) };
    },
    invalid: { input: { txid: '' }, field: 'txid' },
    duo: () => ({ input: { txid: 'nosuchtx' }, code: 'duo_rejected', status: 400 }),
  },
  {
    id: 'bypass_codes.list',
    valid: () => ({ input: { limit: 3 }, check: (out) => {
      expect(out.items).toHaveLength(3);
      expect(out.next_offset).toBe(3);
      for (const item of out.items) expect(item).not.toHaveProperty('code');
    } }),
    invalid: { input: { limit: 0 }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'bypass_codes.get',
    valid: (fx) => {
      const code = Object.values(fx.parent.bypass_codes)[0]!;
      return { input: { bypass_code_id: code.bypass_code_id }, check: (out) => {
        expect(out.bypass_code_id).toBe(code.bypass_code_id);
        expect(JSON.stringify(out)).not.toContain(code.code);
      } };
    },
    invalid: { input: { bypass_code_id: 'short' }, field: 'bypass_code_id' },
    duo: () => notFound({ bypass_code_id: UNKNOWN_CODE }),
  },
  {
    id: 'bypass_codes.delete',
    valid: (fx) => {
      const code = Object.values(fx.parent.bypass_codes).at(-1)!;
      return { input: { bypass_code_id: code.bypass_code_id }, check: (out, f) => {
        expect(out.deleted).toBe(true);
        expect(f.parent.bypass_codes[code.bypass_code_id]).toBeUndefined();
      } };
    },
    invalid: { input: {}, field: 'bypass_code_id' },
    duo: () => ({ ...notFound({ bypass_code_id: UNKNOWN_CODE }), dryRun: true }),
    dryRun: (fx) => {
      const code = Object.values(fx.parent.bypass_codes)[0]!;
      return { input: { bypass_code_id: code.bypass_code_id }, snapshot: () => json(fx.parent.bypass_codes), check: (out) => expect(out.target.bypass_code_id).toBe(code.bypass_code_id) };
    },
  },
  {
    id: 'bypass_codes.list_for_user',
    valid: (fx) => {
      const u = userWithCodes(fx);
      return { input: { user_id: u.user_id }, check: (out, f) => expect(out.items).toHaveLength(codesOf(f, u.user_id).length) };
    },
    invalid: { input: { user_id: 'DU1' }, field: 'user_id' },
    duo: () => notFound({ user_id: UNKNOWN_USER }),
  },
  {
    id: 'bypass_codes.retrieve_for_user',
    valid: (fx) => {
      const u = userWithCodes(fx);
      return { input: { username: u.username }, check: (out, f) => {
        expect(out.user_id).toBe(u.user_id);
        expect(out.items.map((i: any) => i.bypass_code_id).sort()).toEqual(codesOf(f, u.user_id).map((c) => c.bypass_code_id).sort());
      } };
    },
    invalid: { input: { user_id: UNKNOWN_USER, username: 'both' }, field: 'user_id' },
    duo: () => notFound({ user_id: UNKNOWN_USER }),
  },
  {
    id: 'bypass_codes.metadata_for_user',
    valid: (fx) => {
      const u = userWithCodes(fx);
      return { input: { user_id: u.user_id }, check: (out, f) => {
        const codes = codesOf(f, u.user_id);
        expect(out.count).toBe(codes.length);
        expect(out.never_expiring).toBe(codes.filter((c) => c.expiration === null).length);
        for (const c of codes) expect(JSON.stringify(out)).not.toContain(c.code);
      } };
    },
    invalid: { input: {}, field: 'user_id' },
    duo: () => ({ input: { username: 'no.such.user' }, code: 'not_found', status: 404 }),
  },
  {
    id: 'bypass_codes.create_for_user',
    valid: (fx) => {
      const u = users(fx)[3]!;
      return { input: { user_id: u.user_id, count: 2, reuse_count: 0, valid_secs: 3600 }, check: (out, f) => {
        expect(out.codes).toHaveLength(2);
        const stored = codesOf(f, u.user_id).map((c) => c.code).sort();
        expect(stored).toEqual([...out.codes].sort());
      } };
    },
    invalid: { input: { user_id: UNKNOWN_USER, count: 2, codes: ['12345678'] }, field: 'codes' },
    duo: () => notFound({ user_id: UNKNOWN_USER, count: 1 }),
    dryRun: (fx) => {
      const u = userWithCodes(fx);
      return { input: { user_id: u.user_id, count: 5 }, snapshot: () => json(fx.parent.bypass_codes), check: (out) => expect(out.changes).toMatch(/would replace \d+ existing/) };
    },
  },
  {
    id: 'info.summary',
    valid: () => ({ input: {}, check: (out, fx) => expect(out.user_count).toBe(Object.keys(fx.parent.users).length) }),
    invalid: { input: { x: 1 }, field: 'x' },
    duo: () => badKeys(),
  },
  {
    id: 'info.authentication_attempts',
    valid: () => ({ input: {}, check: (out) => expect(typeof out.authentication_attempts).toBe('object') }),
    invalid: { input: { mintime: 20, maxtime: 10 }, field: 'mintime' },
    duo: () => badKeys(),
  },
  {
    id: 'phones.list',
    valid: (fx) => {
      const p = phones(fx)[0]!;
      return { input: { number: p.number }, check: (out) => expect(out.items.map((x: any) => x.phone_id)).toEqual([p.phone_id]) };
    },
    invalid: { input: { limit: 10_001 }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'phones.get',
    valid: (fx) => {
      const p = phones(fx)[0]!;
      return { input: { phone_id: p.phone_id }, check: (out) => expect(out.number).toBe(p.number) };
    },
    invalid: { input: { phone_id: 42 }, field: 'phone_id' },
    duo: () => notFound({ phone_id: UNKNOWN_PHONE }),
  },
  {
    id: 'phones.create',
    valid: () => ({ input: { number: '+15555550123', type: 'mobile', platform: 'apple ios' }, check: (out, fx) => {
      expect(fx.parent.phones[out.phone_id]?.number).toBe('+15555550123');
    } }),
    invalid: { input: { type: 'pager' }, field: 'type' },
    duo: () => badKeys({ number: '+15555550124' }),
  },
  {
    id: 'phones.delete',
    valid: (fx) => {
      const p = phones(fx).at(-1)!;
      return { input: { phone_id: p.phone_id }, check: (out, f) => {
        expect(out.deleted).toBe(true);
        expect(f.parent.phones[p.phone_id]).toBeUndefined();
      } };
    },
    invalid: { input: { phone_id: 'DP' }, field: 'phone_id' },
    duo: () => ({ ...notFound({ phone_id: UNKNOWN_PHONE }), dryRun: true } ),
    dryRun: (fx) => {
      const p = phones(fx)[0]!;
      return { input: { phone_id: p.phone_id }, snapshot: () => json(fx.parent.phones), check: (out) => expect(out.target.phone_id).toBe(p.phone_id) };
    },
  },
  {
    id: 'phones.activation_url',
    valid: (fx) => ({ input: { phone_id: phones(fx)[0]!.phone_id, install: true }, check: (out) => expect(out.activation_url).toMatch(/\S/) }),
    invalid: { input: { phone_id: UNKNOWN_PHONE, valid_secs: -1 }, field: 'valid_secs' },
    duo: () => notFound({ phone_id: UNKNOWN_PHONE }),
  },
  {
    id: 'phones.send_sms_activation',
    valid: (fx) => ({ input: { phone_id: phones(fx)[0]!.phone_id, activation_msg: 'Activate: <acturl>' }, check: (out) => expect(out).toBeTypeOf('object') }),
    invalid: { input: { phone_id: UNKNOWN_PHONE, activation_msg: 'no placeholder' }, field: 'activation_msg' },
    duo: () => notFound({ phone_id: UNKNOWN_PHONE }),
  },
  {
    id: 'phones.send_sms_installation',
    valid: (fx) => ({ input: { phone_id: phones(fx)[0]!.phone_id }, check: (out) => expect(out).toBeTypeOf('object') }),
    invalid: { input: { phone_id: UNKNOWN_PHONE, installation_msg: 'x' }, field: 'installation_msg' },
    duo: () => notFound({ phone_id: UNKNOWN_PHONE }),
  },
  {
    id: 'phones.send_sms_passcodes',
    valid: (fx) => {
      const p = phones(fx).find((x) => x.capabilities.includes('sms'))!;
      return { input: { phone_id: p.phone_id }, check: (out, f) => {
        expect(out).toEqual({ sent: true, phone_id: p.phone_id });
        expect(f.parent.phones[p.phone_id]?.sms_passcodes_sent).toBe(true);
      } };
    },
    invalid: { input: {}, field: 'phone_id' },
    duo: () => notFound({ phone_id: UNKNOWN_PHONE }),
  },
  {
    id: 'phones.list_for_user',
    valid: (fx) => {
      const u = userWithPhone(fx);
      return { input: { user_id: u.user_id }, check: (out) => expect(out.items.map((p: any) => p.phone_id).sort()).toEqual([...u.phone_ids].sort()) };
    },
    invalid: { input: { user_id: UNKNOWN_USER, offset: -1 }, field: 'offset' },
    duo: () => notFound({ user_id: UNKNOWN_USER }),
  },
  {
    id: 'phones.assign',
    valid: (fx) => {
      const u = users(fx).find((x) => x.phone_ids.length === 0)!;
      const p = phones(fx)[1]!;
      return { input: { user_id: u.user_id, phone_id: p.phone_id }, check: (_out, f) => expect(f.parent.users[u.user_id]?.phone_ids).toContain(p.phone_id) };
    },
    invalid: { input: { user_id: UNKNOWN_USER }, field: 'phone_id' },
    duo: (fx) => notFound({ user_id: UNKNOWN_USER, phone_id: phones(fx)[0]!.phone_id }),
  },
  {
    id: 'phones.unassign',
    valid: (fx) => {
      const u = userWithPhone(fx, 1);
      const phoneId = u.phone_ids[0]!;
      return { input: { user_id: u.user_id, phone_id: phoneId }, check: (_out, f) => {
        expect(f.parent.users[u.user_id]?.phone_ids).not.toContain(phoneId);
        expect(f.parent.phones[phoneId]).toBeDefined();
      } };
    },
    invalid: { input: { user_id: UNKNOWN_USER, phone_id: UNKNOWN_PHONE, extra: true }, field: 'extra' },
    duo: () => ({ ...notFound({ user_id: UNKNOWN_USER, phone_id: UNKNOWN_PHONE }), dryRun: true } ),
    dryRun: (fx) => {
      const u = userWithPhone(fx, 0);
      return { input: { user_id: u.user_id, phone_id: u.phone_ids[0] }, snapshot: () => json(fx.parent.users[u.user_id]) };
    },
  },
  {
    id: 'settings.get',
    valid: () => ({ input: {}, check: (out, fx) => expect(out.name).toBe(fx.parent.settings['name']) }),
    invalid: { input: { name: 'x' }, field: 'name' },
    duo: () => badKeys(),
  },
  {
    id: 'settings.update',
    valid: () => ({ input: { sms_batch: 7, language: 'DE' }, check: (out, fx) => {
      expect(Number(out.sms_batch)).toBe(7);
      expect(fx.parent.settings['language']).toBe('DE');
    } }),
    invalid: { input: { sms_batch: 11 }, field: 'sms_batch' },
    duo: () => badKeys({ sms_batch: 3 }),
    dryRun: (fx) => ({
      input: { helpdesk_message: 'Call 555-0100', fraud_email_enabled: true },
      snapshot: () => json(fx.parent.settings),
      check: (out) => expect(out.diff.helpdesk_message.to).toBe('Call 555-0100'),
    }),
  },
  {
    id: 'users.list',
    valid: (fx) => ({ input: { limit: 5, offset: 2 }, check: (out) => {
      expect(out.items).toHaveLength(5);
      expect(out.next_offset).toBe(7);
      expect(out.total_objects).toBe(Object.keys(fx.parent.users).length);
    } }),
    invalid: { input: { limit: 'ten' }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'users.get',
    valid: (fx) => {
      const u = users(fx)[0]!;
      return { input: { user_id: u.user_id }, check: (out) => expect(out.username).toBe(u.username) };
    },
    invalid: { input: { user_id: 'du-lowercase' }, field: 'user_id' },
    duo: () => notFound({ user_id: UNKNOWN_USER }),
  },
  {
    id: 'users.get_by_username',
    valid: (fx) => {
      const u = users(fx)[1]!;
      return { input: { username: u.username }, check: (out) => expect(out.user_id).toBe(u.user_id) };
    },
    invalid: { input: { username: ' padded ' }, field: 'username' },
    duo: () => ({ input: { username: 'no.such.user' }, code: 'not_found', status: 404 }),
  },
  {
    id: 'users.get_by_email',
    valid: (fx) => {
      const u = users(fx)[2]!;
      return { input: { email: u.email }, check: (out) => expect(out.user_id).toBe(u.user_id) };
    },
    invalid: { input: { email: 'not-an-email' }, field: 'email' },
    duo: () => ({ input: { email: 'nobody@nowhere.example' }, code: 'not_found', status: 404 }),
  },
  {
    id: 'users.create',
    valid: () => ({ input: { username: 'contract.alice', realname: 'Alice Contract', email: 'alice@contract.example' }, check: (out, fx) => {
      expect(fx.parent.users[out.user_id]?.username).toBe('contract.alice');
    } }),
    invalid: { input: { username: 'x', status: 'asleep' }, field: 'status' },
    duo: (fx) => ({ input: { username: users(fx)[0]!.username }, code: 'duo_rejected', status: 400 }),
  },
  {
    id: 'users.update',
    valid: (fx) => {
      const u = users(fx)[4]!;
      return { input: { user_id: u.user_id, notes: 'updated by contract' }, check: (out, f) => {
        expect(out.notes).toBe('updated by contract');
        expect(f.parent.users[u.user_id]?.notes).toBe('updated by contract');
      } };
    },
    invalid: { input: { user_id: UNKNOWN_USER }, field: 'user_id' },
    duo: () => notFound({ user_id: UNKNOWN_USER, notes: 'x' }),
  },
  {
    id: 'users.delete',
    valid: (fx) => {
      const u = users(fx).at(-1)!;
      return { input: { user_id: u.user_id }, check: (out, f) => {
        expect(out).toEqual({ deleted: true, user_id: u.user_id });
        expect(f.parent.users[u.user_id]).toBeUndefined();
      } };
    },
    invalid: { input: { user_id: null }, field: 'user_id' },
    duo: () => ({ ...notFound({ user_id: UNKNOWN_USER }), dryRun: true } ),
    dryRun: (fx) => {
      const u = users(fx)[5]!;
      return { input: { user_id: u.user_id }, snapshot: () => json(fx.parent.users), check: (out) => expect(out.target.user_id).toBe(u.user_id) };
    },
  },
  {
    id: 'users.enroll',
    valid: () => ({ input: { username: 'contract.enrollee', email: 'enrollee@contract.example', valid_secs: 3600 }, check: (out) => expect(out.enrolled).toBe(true) }),
    invalid: { input: { username: 'x' }, field: 'email' },
    duo: () => badKeys({ username: 'contract.other', email: 'other@contract.example' }),
  },
  {
    id: 'users.sync',
    on: 'child',
    valid: (fx) => {
      const dir = Object.values(fx.child.directories)[0]!;
      const name = Object.keys(dir.users)[0]!;
      return { input: { username: name }, check: (out, f) => {
        expect(out.synced).toBe(true);
        expect(Object.values(f.child.users).some((u) => u.username === name)).toBe(true);
      } };
    },
    invalid: { input: { user: 'x' }, field: 'user' },
    duo: () => ({ input: { username: 'not.in.directory' }, code: 'not_found', status: 404 }),
  },
  {
    id: 'users.recent_auth_logs',
    valid: (fx) => {
      const u = userWithPhone(fx);
      return { input: { user_id: u.user_id, hours: 24 * 30 }, check: (out) => expect(Array.isArray(out.items)).toBe(true) };
    },
    invalid: { input: { user_id: UNKNOWN_USER, hours: 0 }, field: 'hours' },
    duo: () => badKeys({ user_id: UNKNOWN_USER }),
  },
  ...groupContractCases,
  ...usersBulkContractCases,
  ...authenticatorContractCases,
  ...tokenContractCases,
  ...endpointActionContractCases,
  ...integrationContractCases,
  ...policyContractCases,
  ...devicesContractCases,
  ...brandingContractCases,
  ...adminContractCases,
  ...governanceMiscContractCases,
];
