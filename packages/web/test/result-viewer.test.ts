import { describe, expect, it } from 'vitest';
import { epochMillis, formatInstant, isDateName } from '../src/pages/actions/epoch-fields.js';
import { preferredColumns } from '../src/pages/actions/result-columns.js';
import { resultSummary } from '../src/pages/actions/result-summary.js';
import { rowActions } from '../src/pages/actions/row-actions.js';
import { badgeFor } from '../src/pages/actions/status-badge.js';

describe('epochMillis: dates by name and magnitude', () => {
  it.each([
    ['created', 1716020485, 1716020485000],
    ['last_login', 1796005858, 1796005858000],
    ['date_added', 1794957737, 1794957737000],
    ['expiration', 1800000000, 1800000000000],
    ['last_directory_sync', 1796375092, 1796375092000],
    ['timestamp', 1700000000123, 1700000000123],
    ['timestamp', '1700000000', 1700000000000],
    ['created_at', 1700000000.5, 1700000000500],
    ['last_seen', '2026-11-30T02:30:58', Date.UTC(2026, 10, 30, 2, 30, 58)],
    ['last_seen', '2026-11-30T02:30:58+01:00', Date.UTC(2026, 10, 30, 1, 30, 58)],
  ])('%s = %j is a date', (name, value, ms) => expect(epochMillis(name, value)).toBe(ms));
  it.each([
    ['last_login', null],
    ['last_login', 0],
    ['created', 12345],
    ['expiration', 99999999999],
    ['reuse_count', 1700000000],
    ['valid_secs', 1700000000],
    ['user_id', 'DU1234567890'],
    ['phone_number', 1700000000],
    ['created', 'yesterday'],
    ['timestamp', true],
  ])('%s = %j is not', (name, value) => expect(epochMillis(name, value)).toBeNull());
  it.each([
    ['created', true],
    ['last_login', true],
    ['lastLogin', false],
    ['mintime', true],
    ['status', false],
    ['password_last_changed', true],
  ])('isDateName(%s) = %s', (name, yes) => expect(isDateName(name)).toBe(yes));
  it('formats in the given zone as YYYY-MM-DD HH:MM', () => {
    const ms = Date.UTC(2026, 0, 31, 23, 30);
    expect(formatInstant(ms, 'UTC')).toBe('2026-01-31 23:30');
    expect(formatInstant(ms, 'Europe/Berlin')).toBe('2026-02-01 00:30');
    expect(formatInstant(ms, 'America/New_York')).toBe('2026-01-31 18:30');
    expect(formatInstant(Date.UTC(2026, 5, 1, 0, 5), 'UTC')).toBe('2026-06-01 00:05');
  });
});

describe('preferredColumns', () => {
  const userCols = ['user_id', 'username', 'email', 'realname', 'status', 'is_enrolled', 'last_login', 'created', 'phones'];
  it.each([
    ['users', userCols, ['username', 'realname', 'email', 'status', 'is_enrolled', 'last_login']],
    ['phones', ['phone_id', 'number', 'activated', 'type', 'platform', 'name', 'users'], ['number', 'name', 'type', 'platform', 'activated']],
    ['groups', ['group_id', 'name', 'desc', 'status', 'push_enabled'], ['name', 'desc', 'status']],
    ['users', ['txid', 'username', 'result'], ['txid', 'username', 'result']],
    ['settings', ['a', 'b'], ['a', 'b']],
  ])('%s %j -> %j', (resource, cols, shown) => expect(preferredColumns(resource, cols)).toEqual(shown));
});

describe('badgeFor', () => {
  it.each([
    ['status', 'active', { text: 'active', tone: 'ok' }],
    ['status', 'bypass', { text: 'bypass', tone: 'warn' }],
    ['status', 'disabled', { text: 'disabled', tone: 'bad' }],
    ['status', 'locked out', { text: 'locked out', tone: 'bad' }],
    ['status', 'pending_deletion', { text: 'pending deletion', tone: 'bad' }],
    ['status', 'something new', { text: 'something new', tone: 'neutral' }],
    ['is_enrolled', true, { text: 'enrolled', tone: 'ok' }],
    ['is_enrolled', false, { text: 'no MFA', tone: 'warn' }],
    ['activated', false, { text: 'not activated', tone: 'warn' }],
    ['tampered', true, { text: 'tampered', tone: 'bad' }],
  ])('%s = %j', (column, value, badge) => expect(badgeFor(column, value)).toEqual(badge));
  it.each([
    ['status', ''],
    ['status', 3],
    ['is_enrolled', 'yes'],
    ['push_enabled', true],
  ])('%s = %j has none', (column, value) => expect(badgeFor(column, value)).toBeNull());
});

describe('resultSummary', () => {
  const users = (enrolled: boolean[]) => enrolled.map((e, i) => ({ user_id: `U${i}`, is_enrolled: e }));
  it.each([
    ['users', users([true, false, false, true]), undefined, '4 users, 2 without MFA.'],
    ['users', users([true]), undefined, '1 user, 0 without MFA.'],
    ['users', users([true, false]), 52, '2 users, 1 without MFA (this page; Duo has 52).'],
    ['users', users([true, false]), 2, '2 users, 1 without MFA.'],
    ['users', [{ txid: 't' }], undefined, '1 row.'],
    ['phones', [{ activated: true }, { activated: false }], undefined, '2 phones, 1 not activated.'],
    ['groups', [{ name: 'a' }, { name: 'b' }, { name: 'c' }], 10, '3 rows (this page; Duo has 10).'],
  ])('%s %j (total %s) -> %s', (resource, rows, total, text) => expect(resultSummary(resource, rows, total)).toBe(text));
});

describe('rowActions', () => {
  const all = new Set(['users.enroll', 'phones.list_for_user', 'bypass_codes.create_for_user', 'users.delete', 'phones.send_sms_activation', 'phones.delete', 'groups.list_members', 'bypass_codes.delete']);
  it('offers a user row enroll, phones, bypass codes and delete, by username', () => {
    expect(rowActions('users', { user_id: 'DU1', username: 'ann', email: 'ann@x.example' }, all)).toEqual([
      { label: 'Enroll', actionId: 'users.enroll', fields: { username: 'ann', email: 'ann@x.example' } },
      { label: 'Phones', actionId: 'phones.list_for_user', fields: { username: 'ann' } },
      { label: 'Bypass codes', actionId: 'bypass_codes.create_for_user', fields: { username: 'ann' } },
      { label: 'Delete', actionId: 'users.delete', fields: { username: 'ann' } },
    ]);
  });
  it('falls back to ids, and offers only what the catalog has', () => {
    expect(rowActions('users', { user_id: 'DU1', username: '' }, new Set(['users.delete', 'users.enroll']))).toEqual([
      { label: 'Delete', actionId: 'users.delete', fields: { user_id: 'DU1' } },
    ]);
    expect(rowActions('phones', { phone_id: 'DP1', number: '' }, all).map((a) => a.fields)).toEqual([{ phone_id: 'DP1' }, { phone_id: 'DP1' }]);
  });
  it.each([
    ['phones', { phone_id: 'DP1', number: '+15555550100' }, ['Send activation', 'Delete']],
    ['groups', { group_id: 'DG1', name: 'Staff' }, ['Members']],
    ['bypass_codes', { bypass_code_id: 'DB1' }, ['Delete']],
    ['users', { username: 'ann', txid: 'auth log row' }, []],
    ['settings', { name: 'x' }, []],
  ])('%s %j -> %j', (resource, row, labels) => expect(rowActions(resource, row, all).map((a) => a.label)).toEqual(labels));
});
