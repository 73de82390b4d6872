import { DuoReferenceError, usersBypassCodesCreate, usersBypassCodesList, usersDelete as usersDeleteEndpoint, usersGet as usersGetEndpoint, usersPhonesAssociate, usersPhonesDisassociate, usersPhonesList, usersUpdate as usersUpdateEndpoint, phonesActivationUrl as phonesActivationUrlEndpoint, phonesCreate as phonesCreateEndpoint, phonesDelete as phonesDeleteEndpoint, phonesGet as phonesGetEndpoint, phonesList as phonesListEndpoint, phonesSendSmsActivation as phonesSendSmsActivationEndpoint, phonesSendSmsInstallation as phonesSendSmsInstallationEndpoint, phonesSendSmsPasscodes as phonesSendSmsPasscodesEndpoint, usersCreate as usersCreateEndpoint, usersEnroll as usersEnrollEndpoint, usersList as usersListEndpoint, usersSyncFromDirectory, bypassCodesList as bypassCodesListEndpoint, bypassCodesGet as bypassCodesGetEndpoint, bypassCodesDelete as bypassCodesDeleteEndpoint, infoSummary as infoSummaryEndpoint, infoAuthenticationAttempts as infoAuthenticationAttemptsEndpoint, authAuth, authAuthStatus, authCheck as authCheckEndpoint, authPing as authPingEndpoint, accountsList as accountsListEndpoint, accountsCreate as accountsCreateEndpoint, accountsDelete as accountsDeleteEndpoint, settingsGet as settingsGetEndpoint, type EndpointDeclaration } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accountsCreate } from '../../src/actions/accounts/accounts-create.js';
import { accountsDelete } from '../../src/actions/accounts/accounts-delete.js';
import { accountsList } from '../../src/actions/accounts/accounts-list.js';
import { authCheck } from '../../src/actions/auth/auth-check.js';
import { authPing } from '../../src/actions/auth/auth-ping.js';
import { authSend } from '../../src/actions/auth/auth-send.js';
import { authStatus } from '../../src/actions/auth/auth-status.js';
import { bypassCodesCreateForUser } from '../../src/actions/bypass-codes/bypass-codes-create-for-user.js';
import { bypassCodesDelete } from '../../src/actions/bypass-codes/bypass-codes-delete.js';
import { bypassCodesGet } from '../../src/actions/bypass-codes/bypass-codes-get.js';
import { bypassCodesList } from '../../src/actions/bypass-codes/bypass-codes-list.js';
import { bypassCodesListForUser } from '../../src/actions/bypass-codes/bypass-codes-list-for-user.js';
import { bypassCodesMetadataForUser } from '../../src/actions/bypass-codes/bypass-codes-metadata-for-user.js';
import { bypassCodesRetrieveForUser } from '../../src/actions/bypass-codes/bypass-codes-retrieve-for-user.js';
import type { AnyAction } from '../../src/actions/define-action.js';
import { infoAuthenticationAttempts } from '../../src/actions/info/info-authentication-attempts.js';
import { infoSummary } from '../../src/actions/info/info-summary.js';
import { parseInputFlags, type FlagSchema } from '../../src/actions/parse-input-flags.js';
import { phonesActivationUrl } from '../../src/actions/phones/phones-activation-url.js';
import { phonesAssign } from '../../src/actions/phones/phones-assign.js';
import { phonesCreate } from '../../src/actions/phones/phones-create.js';
import { phonesDelete } from '../../src/actions/phones/phones-delete.js';
import { phonesGet } from '../../src/actions/phones/phones-get.js';
import { phonesList } from '../../src/actions/phones/phones-list.js';
import { phonesListForUser } from '../../src/actions/phones/phones-list-for-user.js';
import { phonesSendSmsActivation } from '../../src/actions/phones/phones-send-sms-activation.js';
import { phonesSendSmsInstallation } from '../../src/actions/phones/phones-send-sms-installation.js';
import { phonesSendSmsPasscodes } from '../../src/actions/phones/phones-send-sms-passcodes.js';
import { phonesUnassign } from '../../src/actions/phones/phones-unassign.js';
import { referenceHubError } from '../../src/actions/reference-hub-error.js';
import { settingsGet } from '../../src/actions/settings/settings-get.js';
import { usersCreate } from '../../src/actions/users/users-create.js';
import { usersDelete } from '../../src/actions/users/users-delete.js';
import { usersEnroll } from '../../src/actions/users/users-enroll.js';
import { usersGet } from '../../src/actions/users/users-get.js';
import { usersGetByEmail } from '../../src/actions/users/users-get-by-email.js';
import { usersGetByUsername } from '../../src/actions/users/users-get-by-username.js';
import { usersList } from '../../src/actions/users/users-list.js';
import { usersSync } from '../../src/actions/users/users-sync.js';
import { usersUpdate } from '../../src/actions/users/users-update.js';

const USER = 'DU0123456789ABCDEFGH';
const PHONE = 'DP0123456789ABCDEFGH';
const fields = (action: AnyAction) => Object.keys((z.toJSONSchema(action.input, { io: 'input' }) as { properties?: object }).properties ?? {});
const issue = (action: AnyAction, input: unknown) => {
  const r = action.input.safeParse(input);
  return r.success ? undefined : r.error.issues[0]?.path.join('.');
};

describe('catalog inputs derived from endpoint declarations', () => {
  // Action, its declaration, and the declared parameters the hub leaves out (and why, in the action).
  const table: Array<[AnyAction, EndpointDeclaration, string[]]> = [
    [usersList, usersListEndpoint, ['username', 'email', 'user_id_list', 'username_list']],
    [usersGet, usersGetEndpoint, []],
    [usersGetByUsername, usersListEndpoint, ['email', 'user_id_list', 'username_list', 'limit', 'offset']],
    [usersGetByEmail, usersListEndpoint, ['username', 'user_id_list', 'username_list', 'limit', 'offset']],
    [usersCreate, usersCreateEndpoint, []],
    [usersUpdate, usersUpdateEndpoint, []],
    [usersDelete, usersDeleteEndpoint, []],
    [usersEnroll, usersEnrollEndpoint, []],
    [usersSync, usersSyncFromDirectory, ['directory_key']],
    [phonesList, phonesListEndpoint, []],
    [phonesGet, phonesGetEndpoint, []],
    [phonesCreate, phonesCreateEndpoint, []],
    [phonesDelete, phonesDeleteEndpoint, []],
    [phonesActivationUrl, phonesActivationUrlEndpoint, []],
    [phonesSendSmsActivation, phonesSendSmsActivationEndpoint, []],
    [phonesSendSmsInstallation, phonesSendSmsInstallationEndpoint, []],
    [phonesSendSmsPasscodes, phonesSendSmsPasscodesEndpoint, []],
    [phonesListForUser, usersPhonesList, []],
    [phonesAssign, usersPhonesAssociate, []],
    [phonesUnassign, usersPhonesDisassociate, []],
    [bypassCodesList, bypassCodesListEndpoint, []],
    [bypassCodesGet, bypassCodesGetEndpoint, []],
    [bypassCodesDelete, bypassCodesDeleteEndpoint, []],
    [bypassCodesListForUser, usersBypassCodesList, []],
    [bypassCodesRetrieveForUser, usersBypassCodesList, ['limit', 'offset']],
    [bypassCodesMetadataForUser, usersBypassCodesList, ['limit', 'offset']],
    [bypassCodesCreateForUser, usersBypassCodesCreate, []],
    [infoSummary, infoSummaryEndpoint, []],
    [infoAuthenticationAttempts, infoAuthenticationAttemptsEndpoint, []],
    [authCheck, authCheckEndpoint, []],
    [authPing, authPingEndpoint, []],
    [authSend, authAuth, ['txid']],
    [authStatus, authAuthStatus, []],
    [accountsList, accountsListEndpoint, []],
    [accountsCreate, accountsCreateEndpoint, []],
    [accountsDelete, accountsDeleteEndpoint, []],
    [settingsGet, settingsGetEndpoint, []],
  ];
  it.each(table)('%s offers every declared parameter', (action, endpoint, omitted) => {
    const declared = Object.keys(endpoint.params).filter((p) => !omitted.includes(p));
    expect(fields(action)).toEqual(expect.arrayContaining(declared));
  });
});

describe('user and phone references in action inputs', () => {
  it.each<[string, AnyAction, unknown, string | undefined]>([
    ['users.get by id', usersGet, { user_id: USER }, undefined],
    ['users.get by any reference', usersGet, { user: 'alice@example.com' }, undefined],
    ['users.get by email', usersGet, { email: 'alice@example.com' }, undefined],
    ['users.get by a bad email', usersGet, { email: 'alice' }, 'email'],
    ['users.get with two references', usersGet, { user_id: USER, user: 'alice' }, 'user_id'],
    ['users.get with none', usersGet, {}, 'user_id'],
    ['users.update by reference', usersUpdate, { user: 'alice', email: 'new@example.com' }, undefined],
    ['users.update with nothing to change', usersUpdate, { user: 'alice' }, 'user_id'],
    ['users.update with two references', usersUpdate, { user: 'alice', user_id: USER, notes: 'x' }, 'user_id'],
    ['phones.assign by username and number', phonesAssign, { username: 'alice', number: '+1 555-555-0100' }, undefined],
    ['phones.assign without a phone', phonesAssign, { username: 'alice' }, 'phone_id'],
    ['phones.assign with both phone references', phonesAssign, { user: 'alice', phone_id: PHONE, number: '+15555550100' }, 'phone_id'],
    ['phones.get by a number that is not one', phonesGet, { number: 'call me' }, 'number'],
    ['bypass codes for a user by email', bypassCodesCreateForUser, { email: 'a@example.com', count: 2 }, undefined],
    ['auth.send by any reference', authSend, { user: 'alice', factor: 'push' }, undefined],
    ['auth.send with two references', authSend, { user: 'alice', username: 'alice', factor: 'push' }, 'user_id'],
  ])('%s', (_name, action, input, field) => {
    expect(issue(action, input)).toBe(field);
  });

  it('says what a reference field accepts, for the UI and --help', () => {
    const props = (z.toJSONSchema(usersGet.input, { io: 'input' }) as { properties: Record<string, { description?: string }> }).properties;
    expect(props['user']?.description).toMatch(/id.*username.*alias.*email/);
    expect(props['email']?.description).toMatch(/email/);
    const phone = (z.toJSONSchema(phonesGet.input, { io: 'input' }) as { properties: Record<string, { description?: string }> }).properties;
    expect(phone['number']?.description).toMatch(/number/);
  });

  it('takes --user, --email and --number from the command line', () => {
    const schema = z.toJSONSchema(phonesAssign.input, { io: 'input' }) as FlagSchema;
    expect(parseInputFlags(schema, ['--user', 'alice@example.com', '--number', '+15555550100'])).toEqual({
      input: { user: 'alice@example.com', number: '+15555550100' },
      errors: [],
    });
    expect(parseInputFlags(z.toJSONSchema(usersGet.input, { io: 'input' }) as FlagSchema, ['--email=bob@example.com']).input).toEqual({ email: 'bob@example.com' });
  });
});

describe('referenceHubError', () => {
  it.each<[string, unknown, string | undefined, number | undefined]>([
    ['none matched', new DuoReferenceError({ field: 'email', kind: 'user', problem: 'none' }), 'not_found', 404],
    ['several matched', new DuoReferenceError({ field: 'user', kind: 'user', problem: 'several', candidates: [{ user_id: USER }, { user_id: 'DU1111111111111111111' }] }), 'reference_ambiguous', 400],
    ['another error', new Error('x'), undefined, undefined],
  ])('%s', (_name, error, code, status) => {
    const mapped = referenceHubError(error);
    expect(mapped?.code).toBe(code);
    expect(mapped?.status).toBe(status);
    if (mapped) expect(mapped.details).toMatchObject({ field: (error as DuoReferenceError).field, kind: 'user' });
    if (code === 'reference_ambiguous') expect((mapped?.details as { candidates: unknown[] }).candidates).toHaveLength(2);
  });
});
