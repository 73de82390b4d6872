import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_AUTH_METHODS, replaceAdminAuthMethods } from '../src/state/admin-auth-methods.js';
import { isLastActiveOwner } from '../src/state/admin-lookup.js';
import { normalizeAdminPhone } from '../src/state/admin-phone.js';
import type { AdminRecord } from '../src/state/admin-records.js';
import { blankAccount } from '../src/state/blank-account.js';

/** The administrators family's sharp edges, as tables. */

describe('normalizeAdminPhone', () => {
  it.each<[string, string | undefined]>([
    ['+17345551212', '+17345551212'],
    ['734-555-1212', '+17345551212'],
    ['734 555 1212', '+17345551212'],
    ['(734) 555.1212', '+17345551212'],
    ['+44 20 7946 0958', '+442079460958'],
    // Duo prepends +1 to anything without a plus, even a number that already starts with 1.
    ['17345551212', '+117345551212'],
    ['', undefined],
    ['   ', undefined],
    ['+', undefined],
    ['call me', undefined],
    ['+1 555 01', undefined],
    ['+1234567890123456', undefined],
    ['++17345551212', undefined],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeAdminPhone(input)).toBe(expected);
  });
});

describe('replaceAdminAuthMethods', () => {
  const all = DEFAULT_ADMIN_AUTH_METHODS;
  it.each<[string, Parameters<typeof replaceAdminAuthMethods>[1], number | undefined, Record<string, unknown>]>([
    ['a method not sent as true is disabled', { push_enabled: true }, undefined, { push_enabled: true, sms_enabled: false, voice_enabled: false, webauthn_enabled: false, yubikey_enabled: false }],
    ['false is the same as absent', { push_enabled: true, sms_enabled: false }, undefined, { push_enabled: true, sms_enabled: false }],
    ['several methods', { webauthn_enabled: true, hardware_token_enabled: true }, undefined, { webauthn_enabled: true, hardware_token_enabled: true, push_enabled: false }],
    ['the push code length is a setting, kept unless given', { verified_push_enabled: true }, undefined, { verified_push_length: 3, verified_push_enabled: true }],
    ['the push code length changes when given', { verified_push_enabled: true }, 6, { verified_push_length: 6 }],
  ])('%s', (_name, given, length, expected) => {
    const change = replaceAdminAuthMethods(all, given, length);
    expect(change.ok).toBe(true);
    if (change.ok) expect(change.methods).toMatchObject(expected);
  });

  it.each<[string, Parameters<typeof replaceAdminAuthMethods>[1], number | undefined, string]>([
    ['nothing enabled would lock every administrator out', {}, undefined, 'push_enabled'],
    ['every method false', { push_enabled: false, sms_enabled: false }, undefined, 'push_enabled'],
    ['code length below 3', { push_enabled: true }, 2, 'verified_push_length'],
    ['code length above 6', { push_enabled: true }, 7, 'verified_push_length'],
  ])('refuses: %s', (_name, given, length, invalid) => {
    expect(replaceAdminAuthMethods(all, given, length)).toEqual({ ok: false, invalid });
  });

  it('never changes the current set', () => {
    const current = { ...all };
    replaceAdminAuthMethods(current, { sms_enabled: true }, 4);
    expect(current).toEqual(all);
  });
});

describe('isLastActiveOwner', () => {
  const account = (admins: Array<Partial<AdminRecord>>) => {
    const a = blankAccount({ account_id: 'DA1', name: 'A', api_hostname: 'api-1.duosecurity.com', parent_id: null });
    a.admins = Object.fromEntries(admins.map((x, i) => [`DE${i}`, { admin_id: `DE${i}`, name: `n${i}`, email: `e${i}@x.example`, ...x }]));
    return a;
  };
  it.each<[string, Array<Partial<AdminRecord>>, boolean]>([
    ['the only Owner', [{ role: 'Owner' }, { role: 'Administrator' }], true],
    ['a record without a role reads as Owner (Duo\'s default)', [{}, { role: 'Help Desk' }], true],
    ['another Active Owner remains', [{ role: 'Owner' }, { role: 'Owner' }], false],
    ['the other Owner is Pending Activation', [{ role: 'Owner' }, { role: 'Owner', status: 'Pending Activation' }], true],
    ['the other Owner is Expired', [{ role: 'Owner' }, { role: 'Owner', status: 'Expired' }], true],
    ['not an Owner', [{ role: 'Billing' }, { role: 'Owner' }], false],
    ['an Owner that is not Active', [{ role: 'Owner', status: 'Pending Activation' }, { role: 'Owner' }], false],
  ])('%s', (_name, admins, expected) => {
    const a = account(admins);
    expect(isLastActiveOwner(a, a.admins!['DE0']!)).toBe(expected);
  });
});
