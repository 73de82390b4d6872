import { describe, expect, it } from 'vitest';
import { failureReason, targetLabel } from '../src/pages/audit/audit-names.js';

const names = {
  organization: new Map([['org_1', 'Acme LLC']]),
  integration: new Map([['int_1', 'Parent']]),
  token: new Map([['tok_1', 'ci pipeline']]),
  mfa_method: new Map([['m1', 'Helpdesk']]),
};

describe('targetLabel', () => {
  it.each([
    ['organization', 'org_1', { kind: 'organization', name: 'Acme LLC', id: 'org_1' }],
    ['integration', 'int_1', { kind: 'integration', name: 'Parent', id: 'int_1' }],
    ['token', 'tok_1', { kind: 'token', name: 'ci pipeline', id: 'tok_1' }],
    ['token', 'tok_gone', { kind: 'token', name: null, id: 'tok_gone' }],
    ['users', 'DU123', { kind: 'users', name: null, id: 'DU123' }],
    ['mfa_method', 'm1', { kind: 'mfa_method', name: 'Helpdesk', id: 'm1' }],
    [null, null, { kind: null, name: null, id: null }],
  ])('%s %s', (type, id, label) => expect(targetLabel(type, id, names)).toEqual(label));
  it('knows nothing without the lists (a limited token)', () => expect(targetLabel('integration', 'int_1', {}).name).toBeNull());
});

describe('failureReason', () => {
  it.each([
    ['failure', { outcome: 'denied', reason: 'The user declined the push.' }, 'denied: The user declined the push.'],
    ['unknown', { outcome: 'timed_out', reason: 'No answer within 60 s.' }, 'timed out: No answer within 60 s.'],
    ['failure', { reason: 'bad key' }, 'bad key'],
    ['failure', { outcome: 'error' }, 'error'],
    ['failure', { username: 'ann' }, null],
    ['failure', null, null],
    ['success', { outcome: 'approved', reason: 'ok' }, null],
  ])('%s %j -> %j', (outcome, inputs, reason) => expect(failureReason(outcome, inputs)).toBe(reason));
});
