import { buildOpenApi, DuoAdminClient, DuoForbiddenError, endpoints } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { answerProblems } from '../../../emulator/test/helpers/answer-problems.js';
import type { AnyAction } from '../../src/actions/define-action.js';
import { desktopAuthenticatorsDelete } from '../../src/actions/desktop_authenticators/desktop-authenticators-delete.js';
import { desktopAuthenticatorsGet } from '../../src/actions/desktop_authenticators/desktop-authenticators-get.js';
import { desktopAuthenticatorsList } from '../../src/actions/desktop_authenticators/desktop-authenticators-list.js';
import { desktopAuthenticatorsListForUser } from '../../src/actions/desktop_authenticators/desktop-authenticators-list-for-user.js';
import { desktopTokensDelete } from '../../src/actions/desktop_authenticators/desktop-tokens-delete.js';
import { desktopTokensList } from '../../src/actions/desktop_authenticators/desktop-tokens-list.js';
import { sharedDeviceAuthCreate } from '../../src/actions/desktop_authenticators/shared-device-auth-create.js';
import { sharedDeviceAuthDelete } from '../../src/actions/desktop_authenticators/shared-device-auth-delete.js';
import { sharedDeviceAuthGet } from '../../src/actions/desktop_authenticators/shared-device-auth-get.js';
import { sharedDeviceAuthList } from '../../src/actions/desktop_authenticators/shared-device-auth-list.js';
import { sharedDeviceAuthUpdate } from '../../src/actions/desktop_authenticators/shared-device-auth-update.js';
import { webauthnCredentialsDelete } from '../../src/actions/webauthn_credentials/webauthn-credentials-delete.js';
import { webauthnCredentialsGet } from '../../src/actions/webauthn_credentials/webauthn-credentials-get.js';
import { webauthnCredentialsList } from '../../src/actions/webauthn_credentials/webauthn-credentials-list.js';
import { webauthnCredentialsListForUser } from '../../src/actions/webauthn_credentials/webauthn-credentials-list-for-user.js';
import { authenticatorContractCases } from './authenticators-contract-cases.js';
import { describeFamilyCatalog } from './describe-family-catalog.js';
import { ENDPOINT_MODES, useEndpointFixture } from './endpoint-fixture.js';

/**
 * Issue 15, WebAuthn credentials, Duo Desktop authenticators, shared device authentication and the
 * deprecated desktop tokens: each catalog action's contract (through the SDK in process),
 * then the endpoints themselves in process and over a port: status, envelope, fields, paging
 * metadata, error codes, permission denials and cascades; every answer checked against the
 * generated OpenAPI description.
 */

const actions: AnyAction[] = [
  webauthnCredentialsList, webauthnCredentialsGet, webauthnCredentialsDelete, webauthnCredentialsListForUser,
  desktopAuthenticatorsList, desktopAuthenticatorsGet, desktopAuthenticatorsDelete, desktopAuthenticatorsListForUser,
  sharedDeviceAuthList, sharedDeviceAuthGet, sharedDeviceAuthCreate, sharedDeviceAuthUpdate, sharedDeviceAuthDelete,
  desktopTokensList, desktopTokensDelete,
];
const doc = buildOpenApi(endpoints);

describeFamilyCatalog({ cases: authenticatorContractCases, actions, family: /webauthn|desktop|shared_device/ });

describe.each(ENDPOINT_MODES)('endpoints %s', (mode) => {
  let admin: DuoAdminClient;
  const { parent, clientFor, answers } = useEndpointFixture(mode, (ep) => {
    admin = ep.clientFor();
  });

  it('pages WebAuthn credentials with Duo metadata', async () => {
    const raw = await admin.request('GET', '/admin/v1/webauthncredentials', { limit: 2, offset: 1 });
    const total = Object.values(parent().users).reduce((n, u) => n + u.webauthn.length, 0);
    expect(raw.status).toBe(200);
    expect(raw.metadata).toMatchObject({ total_objects: total, prev_offset: 0 });
    if (total > 3) expect(raw.metadata?.['next_offset']).toBe(3);
    const all = await admin.webauthnCredentials.list({ pageSize: 2 }).toArray();
    expect(all).toHaveLength(total);
    expect(Object.keys(all[0]!).sort()).toEqual(['admin', 'credential_name', 'date_added', 'label', 'user', 'webauthnkey']);
  });

  it('answers 404/40401 for unknown keys and 200 for deleting them', async () => {
    await expect(admin.desktopAuthenticators.get('NOSUCHKEY')).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.sharedDeviceAuth.get('NOSUCHKEY')).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.webauthnCredentials.delete('NOSUCHKEY')).resolves.toBeUndefined();
    await expect(admin.webauthnCredentials.listForUser('DUNOSUCHUSER00000000').toArray()).rejects.toMatchObject({ status: 404, code: 40401 });
  });

  it('checks required lists and groups on shared device configurations (40001, 40002)', async () => {
    const missing = await admin.request('POST', '/admin/v1/desktop_authenticators/shared_device_auth', { group_id_list: [Object.keys(parent().groups)[0]!] }).catch((e) => e);
    expect(missing).toMatchObject({ status: 400, code: 40001 });
    const unknownGroup = await admin.sharedDeviceAuth
      .create({ group_id_list: ['DGNOSUCHGROUP0000000'], trusted_endpoint_integration_id_list: ['DIX'] })
      .catch((e) => e);
    expect(unknownGroup).toMatchObject({ status: 400, code: 40002 });
    const made = await admin.sharedDeviceAuth.create({ group_id_list: Object.keys(parent().groups).slice(0, 2), trusted_endpoint_integration_id_list: ['DIAAAAAAAAAAAAAAAAAA'] });
    expect(made.active).toBe(true);
    const changed = await admin.sharedDeviceAuth.update(made.shared_device_key, { group_id_list: Object.keys(parent().groups).slice(0, 1), active: false });
    expect(changed).toMatchObject({ active: false, group_id_list: Object.keys(parent().groups).slice(0, 1) });
  });

  it('answers 40301 for every family endpoint when the integration lacks the grant', async () => {
    const reader = clientFor({ read_resource: false, write_resource: false });
    try {
      for (const call of [
        () => reader.webauthnCredentials.list().toArray(),
        () => reader.desktopAuthenticators.list().toArray(),
        () => reader.sharedDeviceAuth.list().toArray(),
        () => reader.desktopTokens.list().toArray(),
        () => reader.webauthnCredentials.delete('X'),
        () => reader.sharedDeviceAuth.delete('X'),
        () => reader.desktopTokens.create({ platform: 'windows' }),
      ]) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuoForbiddenError);
        expect(error).toMatchObject({ status: 403, code: 40301 });
      }
    } finally {
      const integration = Object.values(parent().integrations).find((i) => i.type === 'admin')!;
      integration.grants = { ...integration.grants!, read_resource: true, write_resource: true };
    }
  });

  it("deleting a user removes its WebAuthn credentials, desktop authenticators and desktop token ties", async () => {
    const da = Object.values(parent().desktop_authenticators ?? {})[0]!;
    const user = parent().users[da.user_id]!;
    user.webauthn.push({ webauthnkey: 'WACASCADE00000000000', credential_name: 'Key', label: 'Security key', date_added: 1 });
    const token = await admin.desktopTokens.create({ platform: 'windows', name: 'cascade' });
    parent().desktop_tokens![token.desktoptoken_id]!.user_ids.push(user.user_id);
    expect((await admin.desktopTokens.listForUser(user.user_id).toArray()).map((t) => t.desktoptoken_id)).toContain(token.desktoptoken_id);
    await admin.users.delete(user.user_id);
    await expect(admin.webauthnCredentials.get('WACASCADE00000000000')).rejects.toMatchObject({ status: 404 });
    await expect(admin.desktopAuthenticators.get(da.dakey)).rejects.toMatchObject({ status: 404 });
    expect((await admin.desktopTokens.get(token.desktoptoken_id)).users).toEqual([]);
  });

  it('serves the deprecated desktop tokens, marked deprecated', async () => {
    const made = await admin.desktopTokens.create({ platform: 'mac os x', name: 'old' });
    expect(made).toMatchObject({ platform: 'Mac OS X', type: 'Desktop Token', name: 'old' });
    expect(await admin.desktopTokens.update(made.desktoptoken_id, { name: 'older' })).toMatchObject({ name: 'older' });
    expect(await admin.desktopTokens.activate(made.desktoptoken_id, { valid_secs: 600 })).toMatchObject({ valid_secs: 600 });
    await admin.desktopTokens.delete(made.desktoptoken_id);
    const declared = endpoints.filter((e) => e.path.includes('desktoptokens'));
    expect(declared.length).toBe(7);
    expect(declared.every((e) => e.deprecated)).toBe(true);
    expect(declared.every((e) => (doc.paths[e.path]?.[e.method.toLowerCase()] as { deprecated?: boolean }).deprecated)).toBe(true);
  });

  it('gave only answers that fit the OpenAPI description', () => {
    expect(answers().length).toBeGreaterThan(10);
    expect(answers().flatMap((a) => answerProblems(doc, a))).toEqual([]);
  });
});
