import { describe, expect, it } from 'vitest';
import { actionPath, prefillFrom } from '../src/pages/actions/action-link.js';
import { groupReferenceFields } from '../src/pages/actions/reference-fields.js';
import type { RunTarget } from '../src/pages/actions/run-targets.js';
import { chooseTarget } from '../src/pages/actions/target-choice.js';
import { schemaFields } from '../src/ui/schema-fields.js';

describe('actionPath / prefillFrom', () => {
  it.each([
    ['users.list', {}, '/actions/users.list'],
    ['users.delete', { on: 'o:O1', fields: { username: 'ann' } }, '/actions/users.delete?on=o%3AO1&f.username=ann'],
    ['users.enroll', { on: 'i:I1', fields: { username: 'a b', email: 'a@x.example', valid_secs: 60, empty: '', none: null } }, '/actions/users.enroll?on=i%3AI1&f.username=a+b&f.email=a%40x.example&f.valid_secs=60'],
  ])('%s %j -> %s', (id, link, path) => expect(actionPath(id, link)).toBe(path));
  it('reads back only fields the form has, checkboxes as booleans', () => {
    const q = new URLSearchParams('on=o:O1&f.username=ann&f.install=true&f.nope=x&f.=y&other=z');
    expect(prefillFrom(q, { username: 'text', install: 'boolean' })).toEqual({ username: 'ann', install: true });
    expect(prefillFrom(new URL('http://h' + actionPath('x', { fields: { username: 'ann@x' } })).searchParams, { username: 'text' })).toEqual({ username: 'ann@x' });
  });
});

describe('chooseTarget: no silent default', () => {
  const t = (key: string, disabled?: string): RunTarget => ({ key, label: key, integrationId: 'I', account: key, ...(disabled ? { disabled } : {}) });
  const targets = [t('i:I1'), t('i:I2', 'no Auth API credentials'), t('o:O1')];
  it.each([
    ['the URL wins', 'o:O1', 'i:I1', 'o:O1'],
    ['the remembered choice when the URL names none', null, 'i:I1', 'i:I1'],
    ['the remembered choice when the URL names an unknown one', 'o:gone', 'o:O1', 'o:O1'],
    ['nothing when nothing was chosen', null, null, undefined],
    ['nothing for a remembered choice not offered here', '', 'o:other', undefined],
    ['never a disabled target', 'i:I2', 'i:I2', undefined],
  ])('%s', (_n, url, remembered, key) => expect(chooseTarget(targets, url, remembered)?.key).toBe(key));
  it('even a single target is not chosen for the user', () => expect(chooseTarget([t('o:O1')], null, null)).toBeUndefined());
});

describe('groupReferenceFields', () => {
  const userRef = {
    type: 'object',
    properties: {
      user_id: { type: 'string', description: 'Duo user id' },
      count: { type: 'integer' },
      username: { type: 'string' },
      email: { type: 'string', format: 'email' },
      user: { type: 'string' },
    },
  };
  it('puts names first and the Duo id last, in one group where the id was', () => {
    const shown = groupReferenceFields(schemaFields(userRef));
    expect(shown.map((f) => f.path)).toEqual(['$ref-user_id', 'count']);
    expect(shown[0]!.label).toBe('User');
    expect(shown[0]!.fields!.map((f) => f.path)).toEqual(['username', 'email', 'user', 'user_id']);
    expect(shown[0]!.fields![3]!.description).toMatch(/^Or the Duo user id/);
  });
  it.each([
    ['a phone by number or id', { phone_id: { type: 'string' }, number: { type: 'string' }, install: { type: 'boolean' } }, ['$ref-phone_id', 'install']],
    ['a lone id stays as it is', { user_id: { type: 'string' }, limit: { type: 'integer' } }, ['user_id', 'limit']],
    ['a group and a user in one form', { user_id: { type: 'string' }, username: { type: 'string' }, group_id: { type: 'string' }, group_name: { type: 'string' } }, ['$ref-user_id', '$ref-group_id']],
    ['nothing to group', { name: { type: 'string' } }, ['name']],
  ])('%s', (_n, properties, paths) => expect(groupReferenceFields(schemaFields({ type: 'object', properties })).map((f) => f.path)).toEqual(paths));
});
