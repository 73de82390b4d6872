import { describe, expect, it } from 'vitest';
import { fieldIssues, issueFor, placeFieldIssues } from '../src/ui/field-issues.js';

const paths = ['user_id', 'username', 'codes', 'nested', 'nested.a'];
const rename = { integration_id: '$target', organization_id: '$target' };

describe('placeFieldIssues', () => {
  it.each([
    ['route schema issue inside input', [{ in: 'body', field: 'input.user_id', message: 'must be a Duo user id' }], { user_id: 'Must be a Duo user id' }, []],
    ['action refinement issue', [{ in: 'input', field: 'user_id', message: 'give exactly one of user_id or username' }], { user_id: 'Give exactly one of user_id or username' }, []],
    ['list entry lands on its list', [{ in: 'body', field: 'input.codes.1', message: 'bad code' }], { codes: 'Bad code' }, []],
    ['nested field', [{ in: 'input', field: 'nested.a', message: 'x' }], { 'nested.a': 'X' }, []],
    ['deeper than the form lands on the nearest field', [{ in: 'input', field: 'nested.a.b', message: 'x' }], { 'nested.a': 'X' }, []],
    ['envelope field renamed to the target picker', [{ in: 'body', field: 'organization_id', message: 'mapped elsewhere' }], { $target: 'Mapped elsewhere' }, []],
    ['envelope field the form does not have', [{ in: 'body', field: 'dry_run', message: 'not supported' }], {}, [{ field: 'dry_run', message: 'not supported' }]],
    ['unknown keys name the first known one', [{ in: 'input', field: 'zzz,username', message: 'unrecognized' }], { username: 'Unrecognized' }, []],
    ['unknown field', [{ in: 'input', field: 'zzz', message: 'unrecognized' }], {}, [{ field: 'zzz', message: 'unrecognized' }]],
    ['whole input', [{ in: 'body', field: 'input', message: 'expected object' }], {}, [{ field: '', message: 'expected object' }]],
    ['two messages on one field are joined', [{ in: 'input', field: 'codes', message: 'a.' }, { in: 'input', field: 'codes', message: 'b.' }], { codes: 'A. B.' }, []],
  ])('%s', (_n, details, fields, other) => {
    expect(placeFieldIssues(details, paths, { rename })).toEqual({ fields, other });
  });

  it('ignores details that are not a list of issues', () => {
    expect(placeFieldIssues({ reason: 'x' }, paths)).toEqual({ fields: {}, other: [] });
    expect(placeFieldIssues(undefined, paths)).toEqual({ fields: {}, other: [] });
  });
});

describe('fieldIssues and issueFor', () => {
  const details = [
    { in: 'body', field: 'name', message: 'Too small' },
    { in: 'body', field: 'scopes,extra', message: 'unrecognized' },
    { path: 'passcode', message: 'must be 4-32 letters or digits' },
    { path: ['email_domains', 1], message: 'must be a domain' },
    { in: 'body', field: 'email_domains.3', message: 'too long' },
    { in: 'body', field: 'email_domains_x', message: 'other' },
    'junk',
    { field: 'x' },
  ];
  it('reads the hub shape and the path shapes, skipping junk', () => {
    expect(fieldIssues(details)).toEqual([
      { in: 'body', field: 'name', message: 'Too small' },
      { in: 'body', field: 'scopes,extra', message: 'unrecognized' },
      { field: 'passcode', message: 'must be 4-32 letters or digits' },
      { field: 'email_domains.1', message: 'must be a domain' },
      { in: 'body', field: 'email_domains.3', message: 'too long' },
      { in: 'body', field: 'email_domains_x', message: 'other' },
    ]);
    expect(fieldIssues({ errors: ['x'] })).toEqual([]);
    expect(fieldIssues(undefined)).toEqual([]);
  });
  it.each<[string[], string | undefined]>([
    [['name'], 'Too small'],
    [['extra'], 'unrecognized'],
    [['username', 'passcode'], 'must be 4-32 letters or digits'],
    [['email_domains'], 'must be a domain; too long'],
    [['email'], undefined],
    [['nothing'], undefined],
  ])('issueFor %j', (fields, want) => expect(issueFor(fieldIssues(details), ...fields)).toBe(want));
});
