import { endpoints } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { ADMIN_LOG_RULES, adminLogRule } from '../src/logs/admin-log-actions.js';
import { isSecretField, loggableFields } from '../src/logs/admin-log-targets.js';

describe('adminLogRule: the administrator-log action of each endpoint', () => {
  it.each([
    ['users.create', 'POST', 'user_create', 'user'],
    ['users.update', 'POST', 'user_update', 'user'],
    ['users.delete', 'DELETE', 'user_delete', 'user'],
    ['users.bypass_codes.create', 'POST', 'bypass_create', 'user'],
    ['bypass_codes.delete', 'DELETE', 'bypass_delete', 'user'],
    ['groups.create', 'POST', 'group_create', 'group'],
    ['phones.create', 'POST', 'phone_create', 'phone'],
    ['phones.send_sms_passcodes', 'POST', 'phone_new_sms_passcode', 'phone'],
    ['users.phones.associate', 'POST', 'phone_associate', 'user'],
    ['tokens.resync', 'POST', 'hardtoken_resync', 'token'],
    ['admins.create', 'POST', 'admin_create', 'admin'],
    ['admins.update_allowed_auth_methods', 'POST', 'admin_factor_restrictions_update', 'account'],
    ['integrations.create', 'POST', 'integration_create', 'integration'],
    ['integrations.update_legacy', 'POST', 'integration_update', 'integration'],
    ['integrations.get_secret_key', 'GET', 'integration_skey_view', 'integration'],
    ['policies.update', 'PUT', 'policy_update', 'policy'],
    ['policies.create', 'POST', 'policy_create', 'policy'],
    ['settings.update', 'POST', 'customer_update', 'account'],
    ['billing.set_telephony_credits', 'POST', 'credits_update', 'child_account'],
    ['accounts.create', 'POST', 'create_child_customer', 'child_account'],
    ['webauthn_credentials.delete', 'DELETE', 'webauthncredential_delete', 'webauthn'],
  ])('%s (%s) -> %s on a %s', (id, method, action, target) => {
    expect(adminLogRule(id, method)).toMatchObject({ action, target, duo: true });
  });

  it('names writes Duo lists no action for after the endpoint, and says so', () => {
    expect(adminLogRule('administrative_units.create', 'POST')).toEqual({ action: 'administrative_unit_create', target: 'admin_unit', duo: false });
    expect(adminLogRule('branding.publish_draft', 'POST')).toEqual({ action: 'branding_publish_draft', target: 'account', duo: false });
  });

  it('logs no reads but secret views, and nothing for bulk (its operations are logged one by one)', () => {
    expect(adminLogRule('users.list', 'GET')).toBeUndefined();
    expect(adminLogRule('integrations.get', 'GET')).toBeUndefined();
    expect(adminLogRule('bulk.operations', 'POST')).toBeUndefined();
  });

  it('covers every Admin API write, and every table entry is a declared endpoint', () => {
    const declared = new Set(endpoints.map((e) => e.id));
    for (const id of Object.keys(ADMIN_LOG_RULES)) expect(declared, id).toContain(id);
    const writes = endpoints.filter((e) => e.api === 'admin' && e.method !== 'GET' && e.id !== 'bulk.operations');
    for (const e of writes) expect(adminLogRule(e.id, e.method)?.action, e.id).toMatch(/^[a-z0-9_]+$/);
  });
});

describe('what a log may copy', () => {
  it.each([
    ['password', true],
    ['secret_key', true],
    ['skey', true],
    ['codes', true],
    ['client_secret', true],
    ['aes_key', true],
    ['passcode', true],
    ['username', false],
    ['minimum_password_length', false],
    ['keypress_confirm', false],
    ['status', false],
  ])('%s is secret: %s', (name, secret) => {
    expect(isSecretField(name)).toBe(secret);
  });

  it('flattens one level and drops secrets at both levels', () => {
    expect(loggableFields({ name: 'x', secret_key: 's', details: { notes: 'n', client_secret: 'c' }, tags: ['a'] })).toEqual({
      name: 'x',
      'details.notes': 'n',
      tags: ['a'],
    });
  });
});
