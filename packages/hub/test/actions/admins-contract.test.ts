import { buildOpenApi, DuoAdminClient, DuoForbiddenError, endpoints } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { answerProblems } from '../../../emulator/test/helpers/answer-problems.js';
import { adminActions, adminUpdateDiff, allowedAuthMethodsDiff } from '../../src/actions/admins/admins-actions.js';
import type { AnyAction } from '../../src/actions/define-action.js';
import { adminContractCases, arrangeAdmin } from './admins-contract-cases.js';
import { describeFamilyCatalog } from './describe-family-catalog.js';
import { ENDPOINT_MODES, useEndpointFixture } from './endpoint-fixture.js';

/**
 * Administrators: each catalog action's contract (through the SDK in process), then the
 * endpoints themselves in process and over a port: paging metadata, Duo's error codes, permission
 * denials ("Grant read administrators" / "Grant administrators"), cascades into administrative
 * units; every answer checked against the generated OpenAPI description.
 */

const actions: AnyAction[] = adminActions;
const doc = buildOpenApi(endpoints);

describe('dry-run diffs', () => {
  const all = { hardware_token_enabled: true, mobile_otp_enabled: true, push_enabled: true, sms_enabled: true, verified_push_enabled: true, verified_push_length: 3, voice_enabled: true, webauthn_enabled: true, yubikey_enabled: true };
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['a method left out is turned off', all, { push_enabled: true }, ['hardware_token_enabled', 'mobile_otp_enabled', 'sms_enabled', 'verified_push_enabled', 'voice_enabled', 'webauthn_enabled', 'yubikey_enabled']],
    ['false reads as left out', { ...all, sms_enabled: false }, { sms_enabled: false, push_enabled: true, mobile_otp_enabled: true, hardware_token_enabled: true, verified_push_enabled: true, voice_enabled: true, webauthn_enabled: true, yubikey_enabled: true }, []],
    ['turning one back on', { ...all, sms_enabled: false, voice_enabled: false }, { ...all, voice_enabled: undefined }, ['sms_enabled']],
    ['the code length only when given and different', all, { ...all, verified_push_length: 6 }, ['verified_push_length']],
  ])('allowedAuthMethodsDiff: %s', (_name, current, input, changed) => {
    expect(Object.keys(allowedAuthMethodsDiff(current, input)).sort()).toEqual(changed);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]>([
    ['only given fields that differ', { name: 'A', role: 'Owner', status: 'Active' }, { admin_id: 'X', name: 'A', role: 'Billing' }, { role: { from: 'Owner', to: 'Billing' } }],
    ['a token against the assigned one', { hardtoken: { token_id: 'DH1' } }, { token_id: 'DH2' }, { token_id: { from: 'DH1', to: 'DH2' } }],
    ['clearing the token', { hardtoken: { token_id: 'DH1' } }, { token_id: '' }, { token_id: { from: 'DH1', to: '' } }],
    ['clearing no token changes nothing', { hardtoken: null }, { token_id: '' }, {}],
  ])('adminUpdateDiff: %s', (_name, target, input, diff) => {
    expect(adminUpdateDiff(target, input)).toEqual(diff);
  });
});

describeFamilyCatalog({
  cases: adminContractCases,
  actions,
  family: /^admins\./,
  coverage: {
    title: 'has a case for every action of the family, and the family covers every administrator endpoint',
    check() {
      const declared = endpoints.filter((e) => e.path.startsWith('/admin/v1/admins')).map((e) => e.id);
      expect(declared).toHaveLength(19);
      expect(actions.map((a) => a.id).sort()).toEqual(declared.sort());
    },
  },
  extra: ({ fx, run, failure }) => {
    it('marks exactly the actions that delete, reset, overwrite or change security as destructive', () => {
      expect(actions.filter((a) => a.destructive).map((a) => a.id).sort()).toEqual([
        'admins.clear_inactivity', 'admins.delete', 'admins.delete_activation', 'admins.delete_activation_link', 'admins.reset_auth_attempts',
        'admins.update', 'admins.update_allowed_auth_methods', 'admins.update_password_mgmt',
      ]);
    });

    it('syncs with a directory key given instead of the organization\'s', async () => {
      const directory = Object.values(fx().child.directories)[0]!;
      const email = Object.keys(directory.admins ?? {})[0]!;
      const out = await run('admins.sync_from_directory', { email, directory_key: directory.directory_key }, { on: 'child' });
      expect(out.email).toBe(email);
      const error = await failure('admins.sync_from_directory', { email });
      expect(error.code).toBe('conflict');
    });
  },
});

describe.each(ENDPOINT_MODES)('endpoints %s', (mode) => {
  let admin: DuoAdminClient;
  const { parent, adminIntegration: integration, clientFor, answers } = useEndpointFixture(mode, (ep) => {
    admin = ep.clientFor();
  });

  it('pages administrators, activations and password statuses with Duo metadata', async () => {
    const total = Object.keys(parent().admins!).length;
    const raw = await admin.request('GET', '/admin/v1/admins', { limit: 2, offset: 1 });
    expect(raw.status).toBe(200);
    expect(raw.metadata).toMatchObject({ total_objects: total, prev_offset: 0, next_offset: 3 });
    expect(await admin.admins.list({ pageSize: 1 }).toArray()).toHaveLength(total);
    expect(await admin.admins.listPasswordMgmt({ pageSize: 3 }).toArray()).toHaveLength(total);
    const activations = await admin.request('GET', '/admin/v1/admins/activations', { limit: 1 });
    expect(activations.metadata).toMatchObject({ total_objects: Object.keys(parent().admin_activations!).length });
  });

  it('answers 404/40401 for unknown administrators and 400/40002 for Duo\'s documented refusals', async () => {
    await expect(admin.admins.get('DENOSUCHADMIN0000000')).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.admins.getPasswordMgmt('DENOSUCHADMIN0000000')).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.admins.delete('DENOSUCHADMIN0000000')).resolves.toBeUndefined();
    const ownerId = Object.values(parent().admins!).find((a) => a.role === 'Owner')!.admin_id;
    await expect(admin.admins.update(ownerId, { status: 'Disabled' })).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'status' });
    await expect(admin.request('POST', '/admin/v1/admins', { name: 'x' })).rejects.toMatchObject({ status: 400, code: 40001, messageDetail: 'email' });
  });

  it('deleting an administrator takes it out of every administrative unit', async () => {
    const restricted = arrangeAdmin(parent(), { restricted_by_admin_units: true, role: 'Help Desk' });
    const unit = Object.values(parent().administrative_units!)[0]!;
    unit.admin_ids.push(restricted.admin_id);
    expect((await admin.admins.get(restricted.admin_id)).admin_units).toEqual([unit.admin_unit_id]);
    await admin.admins.delete(restricted.admin_id);
    expect(unit.admin_ids).not.toContain(restricted.admin_id);
    await expect(admin.admins.get(restricted.admin_id)).rejects.toMatchObject({ status: 404 });
  });

  it('reads with "Grant read administrators" alone, writes only with "Grant administrators" (403/40301)', async () => {
    try {
      const reader = clientFor({ admins: false, admins_read: true });
      await expect(reader.admins.list().toArray()).resolves.not.toHaveLength(0);
      await expect(reader.admins.getAllowedAuthMethods()).resolves.toMatchObject({ push_enabled: expect.any(Boolean) });
      const target = Object.values(parent().admins!)[1]!.admin_id;
      for (const call of [
        () => reader.admins.create({ email: 'denied@example.com', name: 'Denied' }),
        () => reader.admins.update(target, { name: 'x' }),
        () => reader.admins.delete(target),
        () => reader.admins.resetAuthAttempts(target),
        () => reader.admins.createActivation({ email: 'denied@example.com' }),
        () => reader.admins.updatePasswordMgmt(target, { has_external_password_mgmt: true }),
        () => reader.admins.setAllowedAuthMethods({ push_enabled: true }),
      ]) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuoForbiddenError);
        expect(error).toMatchObject({ status: 403, code: 40301 });
      }
      const none = clientFor({ admins: false, admins_read: false });
      await expect(none.admins.list().toArray()).rejects.toMatchObject({ status: 403, code: 40301 });
      await expect(none.admins.listActivations().toArray()).rejects.toMatchObject({ status: 403, code: 40301 });
    } finally {
      integration().grants = { ...integration().grants!, admins: true, admins_read: true };
    }
  });

  it('invites, emails and cancels through the SDK, recording each email in the outbox', async () => {
    const before = parent().admin_emails?.length ?? 0;
    const invite = await admin.admins.createActivation({ email: `invite-${mode.replace(/ /g, '-')}@example.com`, send_email: true, admin_role: 'Read-only' });
    expect(invite.email_sent).toBe(true);
    const made = await admin.admins.create({ email: `made-${mode.replace(/ /g, '-')}@example.com`, name: 'Made', role: 'Billing' });
    const emailed = await admin.admins.emailActivationLink(made.admin_id);
    expect(emailed).toMatchObject({ admin_id: made.admin_id, email_sent: true });
    expect(parent().admin_emails!.slice(before).map((e) => e.to)).toEqual([invite.email, made.email]);
    await admin.admins.deleteActivation(invite.admin_activation_id);
    expect(parent().admin_activations![invite.admin_activation_id]).toBeUndefined();
  });

  it('gave only answers that fit the OpenAPI description', () => {
    expect(answers().filter((a) => a.endpoint.id.startsWith('admins.')).length).toBeGreaterThan(10);
    expect(answers().flatMap((a) => answerProblems(doc, a))).toEqual([]);
  });
});
