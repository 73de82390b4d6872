import { describe, expect, it } from 'vitest';
import { decidePushAllowance, type PastAttempt } from '../../src/mfa/decide-push-allowance.js';
import { mapAuthStatus } from '../../src/mfa/map-auth-status.js';
import { parsePushInfo } from '../../src/mfa/parse-push-info.js';
import { parseUsernameTemplate } from '../../src/mfa/parse-username-template.js';
import { renderUsernameTemplate, type VaultIdentity } from '../../src/mfa/render-username-template.js';
import { sampleIdentity } from '../../src/mfa/sample-identity.js';

const identity: VaultIdentity = {
  id: 'e-1',
  name: 'jdoe',
  metadata: { email: 'jdoe@corp.example', 'org.unit': 'ops' },
  aliases: [{ mount_accessor: 'auth_userpass_1234abcd', name: 'john', id: 'a-1', metadata: { upn: 'john@ad' }, custom_metadata: { duo: 'jd' } }],
};

describe('username templates (Vault identity syntax)', () => {
  it.each([
    ['', 'jdoe'],
    ['{{identity.entity.name}}', 'jdoe'],
    ['{{ identity.entity.name }}@corp', 'jdoe@corp'],
    ['{{identity.entity.id}}', 'e-1'],
    ['{{identity.entity.metadata.email}}', 'jdoe@corp.example'],
    ['{{identity.entity.metadata.org.unit}}-x', 'ops-x'],
    ['{{identity.entity.aliases.auth_userpass_1234abcd.name}}', 'john'],
    ['{{identity.entity.aliases.auth_userpass_1234abcd.id}}', 'a-1'],
    ['{{identity.entity.aliases.auth_userpass_1234abcd.metadata.upn}}', 'john@ad'],
    ['{{identity.entity.aliases.auth_userpass_1234abcd.custom_metadata.duo}}', 'jd'],
    ['pre-{{identity.entity.name}}-{{identity.entity.id}}', 'pre-jdoe-e-1'],
  ])('%j renders %j', (template, expected) => {
    const parsed = parseUsernameTemplate(template);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(renderUsernameTemplate(parsed.parts, identity)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['{{identity.entity.name', /never closed/],
    ['identity.entity.name}}', /closes nothing/],
    ['{{identity.entity.name}}}', /single/],
    ['{identity.entity.name}', /single/],
    ['{{identity.entity.nmae}}', /unknown path "identity.entity.nmae"/],
    ['{{entity.name}}', /write \{\{identity.entity.name\}\}/],
    ['{{identity.groups.names.admins.id}}', /paths start with identity.entity/],
    ['{{identity.entity.metadata}}', /needs a metadata key/],
    ['{{identity.entity.aliases.auth_userpass_1.email}}', /an alias has id, name/],
    ['{{identity.entity.aliases..name}}', /needs a mount accessor/],
    ['{{}}', /empty placeholder/],
    ['{{identity.entity.name{{identity.entity.id}}', /never closed/],
  ])('%j is refused (%s)', (template, message) => {
    const parsed = parseUsernameTemplate(template);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.join('\n')).toMatch(message);
  });

  it('refuses to render a value the identity lacks instead of pushing to a blank name', () => {
    const parsed = parseUsernameTemplate('{{identity.entity.metadata.phone}}');
    if (!parsed.ok) throw new Error('parse failed');
    expect(renderUsernameTemplate(parsed.parts, identity)).toEqual({ ok: false, error: 'the identity has no value for {{identity.entity.metadata.phone}}' });
    expect(renderUsernameTemplate([], {})).toEqual({ ok: false, error: 'the identity has no entity name' });
  });

  it('a sample identity satisfies every path a template names', () => {
    const parsed = parseUsernameTemplate('{{identity.entity.metadata.a}}.{{identity.entity.aliases.acc_1.custom_metadata.b}}.{{identity.entity.aliases.acc_1.name}}');
    if (!parsed.ok) throw new Error('parse failed');
    expect(renderUsernameTemplate(parsed.parts, sampleIdentity(parsed.parts))).toEqual({ ok: true, value: 'sample-a.sample-b.sample.alias' });
  });
});

describe('push_info', () => {
  it.each([
    ['', []],
    ['from=loginapp&domain=example.com', [['from', 'loginapp'], ['domain', 'example.com']]],
    ['city=New%20York&note=a+b', [['city', 'New York'], ['note', 'a b']]],
    ['ticket=INC-1234&empty=', [['ticket', 'INC-1234'], ['empty', '']]],
    ['k=%E2%9C%93', [['k', '✓']]],
  ])('%j is accepted', (value, pairs) => {
    expect(parsePushInfo(value)).toEqual({ ok: true, pairs });
  });

  it.each([
    ['city=New York', /unencoded space/],
    ['ticket: 1234', /has no "="/],
    ['a=1&&b=2', /pair 2 is empty/],
    ['a=1&', /pair 2 is empty/],
    ['=x', /empty key/],
    ['a=1=2', /second "="/],
    ['a=%zz', /not a %XX escape/],
    ['a=%FF', /does not decode/],
    ['{"a":"b"}', /no "="|unencoded/],
    ['a=1#frag', /unencoded "#"/],
    ['x=' + 'y'.repeat(2048), /longer than 2048/],
  ])('%j is refused (%s)', (value, message) => {
    const parsed = parsePushInfo(value);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.join('\n')).toMatch(message);
  });
});

describe('push-fatigue allowance', () => {
  const policy = { pushLimit: 3, windowSeconds: 600, cooldownSeconds: 300, fraudMultiplier: 4 };
  const now = 10_000_000;
  const at = (secondsAgo: number, outcome = 'approved', factor: string | null = 'push'): PastAttempt => ({
    factor,
    outcome,
    startedAtMs: now - secondsAgo * 1000,
    finishedAtMs: now - secondsAgo * 1000 + 5000,
  });

  it.each<[string, PastAttempt[], ReturnType<typeof decidePushAllowance>]>([
    ['no history', [], { allowed: true }],
    ['two recent pushes', [at(10), at(20)], { allowed: true }],
    ['three recent pushes', [at(10), at(20), at(100)], { allowed: false, rule: 'rate_limit', retryAfterSeconds: 500, limit: 3, windowSeconds: 600 }],
    ['three pushes, one outside the window', [at(10), at(20), at(601)], { allowed: true }],
    ['pending pushes count', [at(1, 'pending'), at(2, 'pending'), at(3, 'pending')], { allowed: false, rule: 'rate_limit', retryAfterSeconds: 597, limit: 3, windowSeconds: 600 }],
    ['passcodes and refusals do not count', [at(1, 'approved', 'passcode'), at(2, 'rate_limited'), at(3, 'cooldown'), at(4, 'refused'), at(5)], { allowed: true }],
    ['phone calls count', [at(1, 'approved', 'phone'), at(2), at(3)], { allowed: false, rule: 'rate_limit', retryAfterSeconds: 597, limit: 3, windowSeconds: 600 }],
    ['a deny 100 s ago', [at(100, 'denied')], { allowed: false, rule: 'cooldown', retryAfterSeconds: 205, lastOutcome: 'denied' }],
    ['a deny long ago', [at(400, 'denied')], { allowed: true }],
    ['a fraud report 400 s ago', [at(400, 'fraud')], { allowed: false, rule: 'cooldown', retryAfterSeconds: 805, lastOutcome: 'fraud' }],
    ['a wrong passcode is no cooldown', [at(10, 'denied', 'passcode')], { allowed: true }],
  ])('%s', (_name, history, expected) => {
    expect(decidePushAllowance(history, now, policy)).toEqual(expected);
  });
});

describe('auth_status answers', () => {
  it.each([
    [{ result: 'waiting', status: 'pushed', status_msg: 'Pushed' }, { final: false, status: 'pushed', statusMsg: 'Pushed' }],
    [{ result: 'allow', status: 'allow', status_msg: 'Success. Logging you in...' }, { final: true, outcome: 'approved', reason: 'Success. Logging you in...' }],
    [{ result: 'allow', status: 'bypass', status_msg: 'Allowing user in bypass mode.' }, { final: true, outcome: 'allowed', reason: 'Allowing user in bypass mode.' }],
    [{ result: 'deny', status: 'deny', status_msg: 'Login request denied.' }, { final: true, outcome: 'denied', reason: 'Login request denied.' }],
    [{ result: 'deny', status: 'timeout', status_msg: 'Login timed out.' }, { final: true, outcome: 'timed_out', reason: 'Login timed out.' }],
    [{ result: 'deny', status: 'fraud', status_msg: '' }, { final: true, outcome: 'fraud', reason: 'fraud' }],
    [{ result: 'deny', status: 'sent', status_msg: 'New SMS passcodes sent.' }, { final: true, outcome: 'sms_sent', reason: 'New SMS passcodes sent.' }],
    [{ result: 'deny', status: 'locked_out', status_msg: 'Locked' }, { final: true, outcome: 'refused', reason: 'Locked' }],
    [{ result: 'maybe' }, { final: true, outcome: 'error', reason: 'unexpected answer from Duo (result "maybe")' }],
  ])('%j', (answer, expected) => {
    expect(mapAuthStatus(answer)).toEqual(expected);
  });
});
