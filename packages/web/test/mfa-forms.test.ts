import { describe, expect, it } from 'vitest';
import { emptyMethodForm, methodWriteBody, type MethodFormValues } from '../src/pages/mfa/method-form.js';
import { parseVaultErrors } from '../src/pages/mfa/vault-errors.js';
import { emptyVerifyForm, verifyRequestBody, type VerifyFormValues } from '../src/pages/mfa/verify-request.js';

const method = (over: Partial<MethodFormValues>): MethodFormValues => ({ ...emptyMethodForm(), ...over });
const verify = (over: Partial<VerifyFormValues>): VerifyFormValues => ({ ...emptyVerifyForm('method:m1'), ...over });

describe('methodWriteBody', () => {
  it.each<[string, Partial<MethodFormValues>, Record<string, unknown>]>([
    ['organization source sends only organization_id (keys typed earlier are dropped)', { source: 'organization', organization_id: 'org_1', api_hostname: 'api-1.duosecurity.com', secret_key: 's' },
      { organization_id: 'org_1', username_format: '{{identity.entity.name}}', use_passcode: false }],
    ['pasted keys send the keys, the secret untrimmed', { source: 'keys', api_hostname: ' api-1.duosecurity.com ', integration_key: 'DIABC', secret_key: ' sec ', base_url: 'http://127.0.0.1:9' },
      { api_hostname: 'api-1.duosecurity.com', integration_key: 'DIABC', secret_key: ' sec ', base_url: 'http://127.0.0.1:9', username_format: '{{identity.entity.name}}', use_passcode: false }],
    ['blank template and push info are left to the hub', { organization_id: 'o', username_format: '  ', push_info: '' }, { organization_id: 'o', use_passcode: false }],
    ['whole numbers become numbers; blanks are omitted', { organization_id: 'o', push_limit: '5', push_window_seconds: ' 60 ', cooldown_seconds: '' },
      { organization_id: 'o', username_format: '{{identity.entity.name}}', use_passcode: false, push_limit: 5, push_window_seconds: 60 }],
    ['a non-number is sent as typed so the API names the problem', { organization_id: 'o', push_limit: '2.5' },
      { organization_id: 'o', username_format: '{{identity.entity.name}}', use_passcode: false, push_limit: '2.5' }],
    ['name trimmed, passcode flag kept', { method_name: ' vault ', organization_id: 'o', use_passcode: true, push_info: 'from=vault' },
      { method_name: 'vault', organization_id: 'o', username_format: '{{identity.entity.name}}', push_info: 'from=vault', use_passcode: true }],
  ])('%s', (_name, over, expected) => {
    expect(methodWriteBody(method(over))).toEqual(expected);
  });
});

describe('verifyRequestBody', () => {
  it.each<[string, Partial<VerifyFormValues>, Record<string, unknown>]>([
    ['push by method and username, never waiting', { username: ' alice ' }, { wait: false, factor: 'push', method_id: 'm1', username: 'alice', timeout_seconds: 60 }],
    ['organization target', { target: 'org:org_9', username: 'bob' }, { wait: false, factor: 'push', organization_id: 'org_9', username: 'bob', timeout_seconds: 60 }],
    ['identity through the template', { subject: 'identity', username: 'Alice Smith' }, { wait: false, factor: 'push', method_id: 'm1', identity: { name: 'Alice Smith' }, timeout_seconds: 60 }],
    ['an organization has no template, so the name is a username', { target: 'org:o1', subject: 'identity', username: 'alice' }, { wait: false, factor: 'push', organization_id: 'o1', username: 'alice', timeout_seconds: 60 }],
    ['passcode goes only with factor passcode, and no device', { factor: 'passcode', passcode: ' 123456 ', device: 'DP1', username: 'a' },
      { wait: false, factor: 'passcode', method_id: 'm1', username: 'a', passcode: '123456', timeout_seconds: 60 }],
    ['a passcode typed then factor switched to push is not sent', { factor: 'push', passcode: '123456', username: 'a', device: 'DP1', push_info: 'ticket=1' },
      { wait: false, factor: 'push', method_id: 'm1', username: 'a', device: 'DP1', push_info: 'ticket=1', timeout_seconds: 60 }],
    ['push info not sent for a phone call', { factor: 'phone', push_info: 'ticket=1', username: 'a', timeout_seconds: '' }, { wait: false, factor: 'phone', method_id: 'm1', username: 'a' }],
    ['an id with a colon survives', { target: 'org:a:b', username: 'a', timeout_seconds: '5' }, { wait: false, factor: 'push', organization_id: 'a:b', username: 'a', timeout_seconds: 5 }],
  ])('%s', (_name, over, expected) => {
    expect(verifyRequestBody(verify(over))).toEqual(expected);
  });
});

describe('parseVaultErrors', () => {
  it.each<[string, number, unknown, string | null, { code: string; message: string; details: unknown[]; notes: string[] }]>([
    ['field lines become field issues; the header gives the code', 400,
      { errors: ['The request is invalid; see details for each field.', 'integration_key: must be DI followed by 18 letters or digits', 'secret_key: must be 40 letters or digits'] }, 'validation_failed',
      { code: 'validation_failed', message: 'The request is invalid; see details for each field.', details: [{ field: 'integration_key', message: 'must be DI followed by 18 letters or digits' }, { field: 'secret_key', message: 'must be 40 letters or digits' }], notes: [] }],
    ['template problems are pinned to the template field', 400,
      { errors: ['The username template cannot be rendered; see details.', 'unknown path "identity.entity.email"'] }, 'mfa_template_invalid',
      { code: 'mfa_template_invalid', message: 'The username template cannot be rendered; see details.', details: [{ field: 'username_format', message: 'unknown path "identity.entity.email"' }], notes: [] }],
    ['a sentence with a colon is not a field', 403, { errors: ['permission denied: missing client token'] }, 'unauthorized',
      { code: 'unauthorized', message: 'permission denied: missing client token', details: [], notes: [] }],
    ['other lines stay notes', 422, { errors: ['Duo did not accept the Auth API keys: secret key is wrong', 'Try the Auth API application keys.'] }, 'mfa_keys_rejected',
      { code: 'mfa_keys_rejected', message: 'Duo did not accept the Auth API keys: secret key is wrong', details: [], notes: ['Try the Auth API application keys.'] }],
    ["Vault's empty LIST (404, no messages)", 404, { errors: [] }, null, { code: 'vault_error', message: 'HTTP 404', details: [], notes: [] }],
    ['no JSON body at all', 502, undefined, null, { code: 'http_error', message: 'HTTP 502', details: [], notes: [] }],
  ])('%s', (_name, status, body, header, expected) => {
    expect(parseVaultErrors(status, body, header)).toEqual({ status, ...expected });
  });
});
