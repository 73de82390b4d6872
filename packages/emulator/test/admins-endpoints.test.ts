import { DuoAdminClient } from '@duohub/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from '../src/index.js';
import type { AdminRecord } from '../src/state/admin-records.js';
import type { Account } from '../src/state/types.js';
import { bind, parentKey } from './helpers/duo-call.js';

/**
 * Administrators in the emulator: Duo's documented rules (case-sensitive roles, Owners neither
 * disabled nor restricted, directory-synced administrators read-only, activation links only for
 * administrators pending activation) and the behaviours behind options.
 */

let emu: Emulator;
let parent: Account;
let admin: DuoAdminClient;
let raw: ReturnType<typeof bind>;

function start(options: EmulatorOptions = {}) {
  emu = createEmulator({ seed: 'demo', rateLimits: false, ...options });
  parent = emu.state.accounts[emu.state.parent_account_id]!;
  const key = parentKey(emu, 'admin');
  admin = new DuoAdminClient({ host: key.api_hostname, ikey: key.integration_key, skey: key.secret_key, fetch: emu.fetch, retry: false, pacing: false });
  raw = bind(emu, key);
}

const admins = () => Object.values(parent.admins ?? {});
const byRole = (role: string) => admins().find((a) => a.role === role)!;
const byStatus = (status: string) => admins().find((a) => a.status === status)!;
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);
const child = () => Object.values(emu.state.accounts).find((a) => a.parent_id !== null && Object.keys(a.directories).length > 0)!;

describe('administrators in the emulator', () => {
  beforeEach(() => start());

  it('seeds four administrators per account, one of each standing, and a pending activation on the parent', () => {
    for (const account of Object.values(emu.state.accounts)) {
      const list = Object.values(account.admins ?? {});
      expect(list.map((a) => `${a.role}/${a.status}`).sort()).toEqual(['Administrator/Active', 'Help Desk/Pending Activation', 'Owner/Active', 'Read-only/Expired']);
    }
    expect(Object.values(parent.admin_activations ?? {})).toHaveLength(1);
  });

  it('lists administrators a page at a time with Duo metadata, in Duo\'s fields', async () => {
    const page = await raw('GET', '/admin/v1/admins', { limit: 2, offset: 1 });
    expect(page.status).toBe(200);
    expect(page.body.metadata).toEqual({ total_objects: 4, next_offset: 3, prev_offset: 0 });
    expect(page.body.response.map((a: { admin_id: string }) => a.admin_id)).toEqual(admins().slice(1, 3).map((a) => a.admin_id));
    const all = await admin.admins.list({ pageSize: 3 }).toArray();
    expect(all.map((a) => a.admin_id)).toEqual(admins().map((a) => a.admin_id));
    expect(Object.keys(all[0]!).sort()).toEqual([
      'admin_id', 'admin_units', 'created', 'email', 'hardtoken', 'last_directory_sync', 'last_login', 'name',
      'password_change_required', 'phone', 'restricted_by_admin_units', 'role', 'status', 'webauthncredentials',
    ]);
  });

  it('derives admin_units from the units that hold the administrator', async () => {
    const helpDesk = byRole('Help Desk');
    const units = Object.values(parent.administrative_units ?? {}).filter((u) => u.admin_ids.includes(helpDesk.admin_id));
    expect(units.length).toBeGreaterThan(0);
    expect((await admin.admins.get(helpDesk.admin_id)).admin_units).toEqual(units.map((u) => u.admin_unit_id));
    expect((await admin.admins.get(byRole('Owner').admin_id)).admin_units).toEqual([]);
  });

  it('answers 404/40401 for an unknown administrator', async () => {
    for (const call of [
      () => admin.admins.get('DENOSUCHADMIN0000000'),
      () => admin.admins.update('DENOSUCHADMIN0000000', { name: 'x' }),
      () => admin.admins.resetAuthAttempts('DENOSUCHADMIN0000000'),
      () => admin.admins.clearInactivity('DENOSUCHADMIN0000000'),
      () => admin.admins.getPasswordMgmt('DENOSUCHADMIN0000000'),
      () => admin.admins.createActivationLink('DENOSUCHADMIN0000000'),
    ]) {
      expect(await failure(call())).toMatchObject({ status: 404, code: 40401, messageDetail: 'admin_id' });
    }
  });

  describe('create', () => {
    it('creates an Owner Pending Activation with a link, and emails it when asked', async () => {
      const made = await admin.admins.create({ email: 'New.Admin@example.com', name: 'New Admin', phone: '734-555-1212', send_email: true, valid_days: 3 });
      expect(made).toMatchObject({ email: 'New.Admin@example.com', name: 'New Admin', role: 'Owner', status: 'Pending Activation', phone: '+17345551212', admin_units: [], hardtoken: null, last_login: null });
      expect(made.admin_id).toMatch(/^DE[A-Z0-9]{18}$/);
      const stored = parent.admins![made.admin_id]!;
      expect(stored.activation_link!.expires - stored.activation_link!.created).toBe(3 * 86_400);
      const sent = parent.admin_emails!.at(-1)!;
      expect(sent).toMatchObject({ to: 'New.Admin@example.com', admin_id: made.admin_id });
      expect(sent.message).toContain(stored.activation_link!.code);
      expect(emu.stats().executions['admins.create']).toBe(1);
    });

    it('sends no email by default', async () => {
      const before = parent.admin_emails?.length ?? 0;
      await admin.admins.create({ email: 'quiet@example.com', name: 'Quiet', role: 'Billing' });
      expect(parent.admin_emails?.length ?? 0).toBe(before);
    });

    it.each<[string, Record<string, unknown>, number, string]>([
      ['missing email', { name: 'x' }, 40001, 'email'],
      ['missing name', { email: 'a@example.com' }, 40001, 'name'],
      ['not an email', { email: 'nope', name: 'x' }, 40002, 'email'],
      ['a role in the wrong case', { email: 'a@example.com', name: 'x', role: 'owner' }, 40002, 'role'],
      ['an unknown role', { email: 'a@example.com', name: 'x', role: 'Janitor' }, 40002, 'role'],
      ['an Owner restricted by units', { email: 'a@example.com', name: 'x', restricted_by_admin_units: true }, 40002, 'restricted_by_admin_units'],
      ['a blank phone', { email: 'a@example.com', name: 'x', phone: ' ' }, 40002, 'phone'],
      ['an unknown token', { email: 'a@example.com', name: 'x', token_id: 'DHNOSUCHTOKEN0000000' }, 40002, 'token_id'],
      ['a link valid too long', { email: 'a@example.com', name: 'x', valid_days: 32 }, 40002, 'valid_days'],
    ])('refuses %s', async (_name, params, code, detail) => {
      const answer = await raw('POST', '/admin/v1/admins', params as Record<string, string>);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ stat: 'FAIL', code, message_detail: detail });
    });

    it('refuses an email an administrator or a pending activation has (40003, or 40002 by option)', async () => {
      const taken = byRole('Administrator').email.toUpperCase();
      expect(await failure(admin.admins.create({ email: taken, name: 'Dup' }))).toMatchObject({ status: 400, code: 40003, messageDetail: 'email' });
      const pending = Object.values(parent.admin_activations!)[0]!.email;
      expect(await failure(admin.admins.create({ email: pending, name: 'Dup' }))).toMatchObject({ code: 40003 });
      start({ duplicateAdminEmailCode: 40002 });
      expect(await failure(admin.admins.create({ email: byRole('Owner').email, name: 'Dup' }))).toMatchObject({ status: 400, code: 40002, messageDetail: 'email' });
    });
  });

  describe('modify', () => {
    it('changes given fields only, assigns and clears a hardware token', async () => {
      const target = byRole('Administrator');
      const token = Object.values(parent.tokens)[0]!;
      const changed = await admin.admins.update(target.admin_id, { name: 'Renamed', phone: '+44 20 7946 0958', token_id: token.token_id, role: 'Security Analyst' });
      expect(changed).toMatchObject({ name: 'Renamed', phone: '+442079460958', role: 'Security Analyst', email: target.email, status: 'Active' });
      expect(changed.hardtoken).toEqual({ serial: token.serial, token_id: token.token_id, totp_step: token.totp_step, type: token.type });
      expect((await admin.admins.update(target.admin_id, { token_id: '' })).hardtoken).toBeNull();
    });

    it('disables and re-enables an administrator; status is case-sensitive', async () => {
      const target = byRole('Administrator');
      expect((await admin.admins.update(target.admin_id, { status: 'Disabled' })).status).toBe('Disabled');
      expect((await admin.admins.update(target.admin_id, { status: 'Active' })).status).toBe('Active');
      const lower = await raw('POST', `/admin/v1/admins/${target.admin_id}`, { status: 'disabled' });
      expect(lower.body).toMatchObject({ code: 40002, message_detail: 'status' });
    });

    it.each<[string, (a: () => AdminRecord) => [AdminRecord, Record<string, string | boolean>], string]>([
      ['disabling an Owner', () => [byRole('Owner'), { status: 'Disabled' }], 'status'],
      ['setting the status of an administrator Pending Activation', () => [byStatus('Pending Activation'), { status: 'Active' }], 'status'],
      ['setting the status of an Expired administrator', () => [byStatus('Expired'), { status: 'Active' }], 'status'],
      ['restricting an Owner by units', () => [byRole('Owner'), { restricted_by_admin_units: true }], 'restricted_by_admin_units'],
      ['promoting a restricted administrator to Owner', () => [byRole('Help Desk'), { role: 'Owner' }], 'restricted_by_admin_units'],
      ['demoting the last Active Owner', () => [byRole('Owner'), { role: 'Administrator' }], 'role'],
    ])('refuses %s (400/40002)', async (_name, pick, detail) => {
      const [target, params] = pick(() => byRole('Owner'));
      const answer = await raw('POST', `/admin/v1/admins/${target.admin_id}`, params as Record<string, string>);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 40002, message_detail: detail });
    });

    it('lets the last Owner be demoted when lastOwner is allow, or when another Owner is Active', async () => {
      await admin.admins.update(byRole('Administrator').admin_id, { role: 'Owner' });
      const owners = admins().filter((a) => a.role === 'Owner');
      expect((await admin.admins.update(owners[0]!.admin_id, { role: 'Billing' })).role).toBe('Billing');
      start({ lastOwner: 'allow' });
      expect((await admin.admins.update(byRole('Owner').admin_id, { role: 'Read-only' })).role).toBe('Read-only');
    });

    it('refuses to require a password change under external password management', async () => {
      const target = byRole('Administrator');
      await admin.admins.updatePasswordMgmt(target.admin_id, { has_external_password_mgmt: true });
      expect(await failure(admin.admins.update(target.admin_id, { password_change_required: true }))).toMatchObject({ code: 40002, messageDetail: 'password_change_required' });
    });

    it('takes an administrator out of its units when the unit restriction is lifted', async () => {
      const target = byRole('Help Desk');
      expect(Object.values(parent.administrative_units!).some((u) => u.admin_ids.includes(target.admin_id))).toBe(true);
      const changed = await admin.admins.update(target.admin_id, { restricted_by_admin_units: false });
      expect(changed).toMatchObject({ restricted_by_admin_units: false, admin_units: [] });
      expect(Object.values(parent.administrative_units!).some((u) => u.admin_ids.includes(target.admin_id))).toBe(false);
    });
  });

  describe('delete', () => {
    it('deletes an administrator and takes it out of every unit; an unknown id still succeeds', async () => {
      const target = byRole('Help Desk');
      await admin.admins.delete(target.admin_id);
      expect(parent.admins![target.admin_id]).toBeUndefined();
      expect(Object.values(parent.administrative_units!).some((u) => u.admin_ids.includes(target.admin_id))).toBe(false);
      await expect(admin.admins.delete(target.admin_id)).resolves.toBeUndefined();
    });

    it('refuses to delete the last Active Owner unless lastOwner is allow', async () => {
      const owner = byRole('Owner');
      expect(await failure(admin.admins.delete(owner.admin_id))).toMatchObject({ status: 400, code: 40002, messageDetail: 'admin_id' });
      start({ lastOwner: 'allow' });
      await admin.admins.delete(byRole('Owner').admin_id);
      expect(admins().some((a) => a.role === 'Owner')).toBe(false);
    });
  });

  it('reset ends a lockout by failed attempts but not a deliberate disable', async () => {
    const locked = byRole('Administrator');
    Object.assign(locked, { status: 'Disabled', disabled_reason: 'failed_attempts', failed_attempts: 10 });
    expect((await admin.admins.resetAuthAttempts(locked.admin_id)).status).toBe('Active');
    expect(locked.failed_attempts).toBe(0);
    await admin.admins.update(locked.admin_id, { status: 'Disabled' });
    expect((await admin.admins.resetAuthAttempts(locked.admin_id)).status).toBe('Disabled');
  });

  it('clearing inactivity gives an Expired administrator its previous status back', async () => {
    const expired = byStatus('Expired');
    expired.status_before_expiry = 'Disabled';
    expect((await admin.admins.clearInactivity(expired.admin_id)).status).toBe('Disabled');
    expect((await admin.admins.clearInactivity(expired.admin_id)).status).toBe('Disabled');
  });

  describe('activation links', () => {
    it('creates, emails and deletes the link of an administrator pending activation', async () => {
      const pending = byStatus('Pending Activation');
      expect(await failure(admin.admins.createActivationLink(pending.admin_id))).toMatchObject({ code: 40002, messageDetail: 'admin_id' });
      await admin.admins.deleteActivationLink(pending.admin_id);
      expect(pending.activation_link).toBeNull();
      expect(await failure(admin.admins.emailActivationLink(pending.admin_id))).toMatchObject({ code: 40002, messageDetail: 'admin_id' });
      const link = await admin.admins.createActivationLink(pending.admin_id);
      expect(link).toMatchObject({ admin_id: pending.admin_id, email: pending.email, email_sent: false, valid_days: 7 });
      expect(link.link).toBe(`https://${parent.api_hostname.replace(/^api-/, 'admin-')}/admins/activate/${pending.activation_link!.code}`);
      const emailed = await admin.admins.emailActivationLink(pending.admin_id);
      expect(emailed).toMatchObject({ email_sent: true, link: link.link });
      expect(parent.admin_emails!.at(-1)).toMatchObject({ to: pending.email, admin_id: pending.admin_id });
      await admin.admins.deleteActivationLink(pending.admin_id);
      await expect(admin.admins.deleteActivationLink(pending.admin_id)).resolves.toBeUndefined();
    });

    it('has links only for administrators pending activation, and an expired link counts as none', async () => {
      const active = byRole('Administrator');
      expect(await failure(admin.admins.createActivationLink(active.admin_id))).toMatchObject({ code: 40002 });
      const pending = byStatus('Pending Activation');
      pending.activation_link!.expires = Math.floor(Date.now() / 1000) - 1;
      expect(await failure(admin.admins.emailActivationLink(pending.admin_id))).toMatchObject({ code: 40002 });
      expect((await admin.admins.createActivationLink(pending.admin_id)).email).toBe(pending.email);
    });

    it('creates, lists and deletes activations of new administrators', async () => {
      const made = await admin.admins.createActivation({ email: 'invitee@example.com', admin_role: 'User Manager', valid_days: 31, send_email: true });
      expect(made).toMatchObject({ email: 'invitee@example.com', admin_name: 'invitee@example.com', admin_role: 'User Manager', email_sent: true, valid_days: 31 });
      expect(made.expires - Math.floor(Date.now() / 1000)).toBeGreaterThan(31 * 86_400 - 60);
      expect(parent.admin_emails!.at(-1)).toMatchObject({ to: 'invitee@example.com', admin_activation_id: made.admin_activation_id });
      const listed = await admin.admins.listActivations().toArray();
      expect(listed.map((a) => a.admin_activation_id)).toContain(made.admin_activation_id);
      for (const item of listed) expect(item).not.toHaveProperty('link');
      expect(await failure(admin.admins.createActivation({ email: 'INVITEE@example.com' }))).toMatchObject({ code: 40003, messageDetail: 'email' });
      await admin.admins.deleteActivation(made.admin_activation_id);
      expect((await admin.admins.listActivations().toArray()).map((a) => a.admin_activation_id)).not.toContain(made.admin_activation_id);
      await expect(admin.admins.deleteActivation(made.admin_activation_id)).resolves.toBeUndefined();
    });

    it('checks the activation parameters', async () => {
      expect((await raw('POST', '/admin/v1/admins/activations', {})).body).toMatchObject({ code: 40001, message_detail: 'email' });
      expect((await raw('POST', '/admin/v1/admins/activations', { email: 'x@example.com', admin_role: 'read-only' })).body).toMatchObject({ code: 40002, message_detail: 'admin_role' });
      expect((await raw('POST', '/admin/v1/admins/activations', { email: 'x@example.com', valid_days: 0 })).body).toMatchObject({ code: 40002, message_detail: 'valid_days' });
    });
  });

  describe('directory sync', () => {
    const setup = () => {
      const account = child();
      const key = Object.values(account.integrations).find((i) => i.type === 'admin')!;
      const client = new DuoAdminClient({ host: account.api_hostname, ikey: key.integration_key, skey: key.secret_key, fetch: emu.fetch, retry: false, pacing: false });
      const directory = Object.values(account.directories)[0]!;
      return { account, client, directory };
    };

    it('creates a newcomer, takes over a matching administrator, and disables one gone from the source', async () => {
      const { account, client, directory } = setup();
      const [existingEmail, newcomerEmail] = Object.keys(directory.admins!);
      const newcomer = await client.admins.syncFromDirectory(directory.directory_key, newcomerEmail!.toUpperCase());
      expect(newcomer).toMatchObject({ email: newcomerEmail, role: 'User Manager', status: 'Active', phone: '+15555550199' });
      expect(newcomer.last_directory_sync).toEqual(expect.any(Number));
      const existing = Object.values(account.admins!).find((a) => a.email === existingEmail)!;
      const synced = await client.admins.syncFromDirectory(directory.directory_key, existingEmail!);
      expect(synced.admin_id).toBe(existing.admin_id);
      expect(existing.directory_key).toBe(directory.directory_key);
      expect(await failure(client.admins.update(existing.admin_id, { name: 'Local name' }))).toMatchObject({ code: 40002, messageDetail: 'name' });
      expect(await failure(client.admins.delete(existing.admin_id))).toMatchObject({ code: 40002, messageDetail: 'admin_id' });
      expect((await client.admins.update(existing.admin_id, { phone: '+15555550123' })).phone).toBe('+15555550123');
      delete directory.admins![existingEmail!];
      expect((await client.admins.syncFromDirectory(directory.directory_key, existingEmail!)).status).toBe('Disabled');
      directory.admins![existingEmail!] = { name: 'Back Again', role: 'Help Desk' };
      expect(await client.admins.syncFromDirectory(directory.directory_key, existingEmail!)).toMatchObject({ status: 'Active', name: 'Back Again', role: 'Help Desk' });
    });

    it('refuses Owners, unknown directories and people in neither place', async () => {
      const { account, client, directory } = setup();
      const owner = Object.values(account.admins!).find((a) => a.role === 'Owner')!;
      expect(await failure(client.admins.syncFromDirectory(directory.directory_key, owner.email))).toMatchObject({ status: 400, code: 40002, messageDetail: 'email' });
      expect(await failure(client.admins.syncFromDirectory('nosuchdirectory', owner.email))).toMatchObject({ status: 404, code: 40401, messageDetail: 'directory_key' });
      expect(await failure(client.admins.syncFromDirectory(directory.directory_key, 'nobody@example.com'))).toMatchObject({ status: 404, code: 40401, messageDetail: 'email' });
      const stranger = Object.values(account.admins!).find((a) => a.role === 'Read-only')!;
      expect(await failure(client.admins.syncFromDirectory(directory.directory_key, stranger.email))).toMatchObject({ status: 404, messageDetail: 'email' });
    });
  });

  describe('external password management', () => {
    it('lists and reads the status, never a password', async () => {
      const list = await admin.admins.listPasswordMgmt().toArray();
      expect(list.map((p) => p.admin_id)).toEqual(admins().map((a) => a.admin_id));
      expect(Object.keys(list[0]!).sort()).toEqual(['admin_id', 'email', 'has_external_password_mgmt', 'name']);
      const target = byRole('Administrator');
      expect(await admin.admins.getPasswordMgmt(target.admin_id)).toEqual({ admin_id: target.admin_id, email: target.email, name: target.name, has_external_password_mgmt: false });
    });

    it('sets a password only under external management, long enough, and keeps only a hash', async () => {
      const target = byRole('Administrator');
      const password = 'correct horse battery staple';
      expect(await failure(admin.admins.updatePasswordMgmt(target.admin_id, { password }))).toMatchObject({ code: 40002, messageDetail: 'password' });
      expect(await failure(admin.admins.updatePasswordMgmt(target.admin_id, { has_external_password_mgmt: true, password: 'short' }))).toMatchObject({ code: 40002, messageDetail: 'password' });
      target.password_change_required = true;
      const set = await admin.admins.updatePasswordMgmt(target.admin_id, { has_external_password_mgmt: true, password });
      expect(set).toEqual({ admin_id: target.admin_id, email: target.email, name: target.name, has_external_password_mgmt: true });
      expect(JSON.stringify(emu.state)).not.toContain(password);
      expect(target.password_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(target.password_change_required).toBe(false);
      expect((await admin.admins.updatePasswordMgmt(target.admin_id, { password: 'another long password' })).has_external_password_mgmt).toBe(true);
      await admin.admins.updatePasswordMgmt(target.admin_id, { has_external_password_mgmt: false });
      expect(target.password_sha256).toBeNull();
      expect((await raw('POST', `/admin/v1/admins/${target.admin_id}/password_mgmt`, {})).body).toMatchObject({ code: 40001, message_detail: 'has_external_password_mgmt' });
    });
  });

  describe('allowed authentication methods', () => {
    it('allows every method by default, and a restriction replaces the whole set', async () => {
      expect(await admin.admins.getAllowedAuthMethods()).toEqual({
        hardware_token_enabled: true, mobile_otp_enabled: true, push_enabled: true, sms_enabled: true, verified_push_enabled: true,
        verified_push_length: 3, voice_enabled: true, webauthn_enabled: true, yubikey_enabled: true,
      });
      const set = await admin.admins.setAllowedAuthMethods({ push_enabled: true, webauthn_enabled: true, verified_push_length: 4 });
      expect(set).toMatchObject({ push_enabled: true, webauthn_enabled: true, sms_enabled: false, voice_enabled: false, hardware_token_enabled: false, verified_push_length: 4 });
      expect(await admin.admins.getAllowedAuthMethods()).toEqual(set);
      // Python's client sends "1"/"0".
      const digits = await raw('POST', '/admin/v1/admins/allowed_auth_methods', { sms_enabled: '1', push_enabled: '0' });
      expect(digits.body.response).toMatchObject({ sms_enabled: true, push_enabled: false, webauthn_enabled: false, verified_push_length: 4 });
    });

    it('refuses a restriction that leaves no method', async () => {
      expect((await raw('POST', '/admin/v1/admins/allowed_auth_methods', { push_enabled: '0' })).body).toMatchObject({ code: 40002 });
      expect((await raw('POST', '/admin/v1/admins/allowed_auth_methods', { push_enabled: 'maybe' })).body).toMatchObject({ code: 40002, message_detail: 'push_enabled' });
      expect((await admin.admins.getAllowedAuthMethods()).push_enabled).toBe(true);
    });
  });

  it('needs "Grant read administrators" to read and "Grant administrators" to write (403/40301)', async () => {
    const integration = Object.values(parent.integrations).find((i) => i.type === 'admin')!;
    integration.grants = { ...integration.grants!, admins: false, admins_read: true };
    const target = byRole('Administrator');
    await expect(admin.admins.list().toArray()).resolves.toHaveLength(4);
    await expect(admin.admins.getAllowedAuthMethods()).resolves.toBeDefined();
    for (const call of [
      () => admin.admins.update(target.admin_id, { name: 'x' }),
      () => admin.admins.delete(target.admin_id),
      () => admin.admins.setAllowedAuthMethods({ push_enabled: true }),
      () => admin.admins.createActivation({ email: 'z@example.com' }),
    ]) {
      expect(await failure(call())).toMatchObject({ status: 403, code: 40301 });
    }
    integration.grants = { ...integration.grants!, admins: false, admins_read: false };
    expect(await failure(admin.admins.get(target.admin_id))).toMatchObject({ status: 403, code: 40301 });
    expect(await failure(admin.admins.listPasswordMgmt().toArray())).toMatchObject({ status: 403, code: 40301 });
  });
});
