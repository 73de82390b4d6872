import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { parseSse, startMfaFixture, type MfaFixture } from './mfa-fixture.js';

let f: MfaFixture;
let operate: string;
let methodId: string;
let attempts = 0;
const ACCESSOR = 'auth_userpass_5e1f00aa';
const PASSCODE_WRONG = '987654';

beforeAll(async () => {
  // A short long-poll window, so a slower push yields several `waiting` answers from Duo.
  f = await startMfaFixture({ authLongPollMs: 250 });
  operate = (await f.hub.api('POST', '/api/tokens', { body: { name: 'helpdesk', scopes: ['operate'] } })).body.token;
  const method = await f.vault('POST', '/v1/identity/mfa/method/duo', f.methodBody({
    username_format: `{{identity.entity.aliases.${ACCESSOR}.name}}`,
    push_info: 'from=helpdesk',
  }));
  expect(method.status, method.text).toBe(200);
  methodId = method.body.data.method_id;
});
afterAll(async () => {
  await f?.close();
});

const identityOf = (username: string) => ({ name: `entity-${username}`, aliases: [{ mount_accessor: ACCESSOR, name: username }] });

function verify(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  attempts += 1;
  return f.hub.api('POST', '/api/verify', { token: operate, body: { method_id: methodId, ...body }, headers });
}

const types = (v: { events: Array<{ type: string }> }) => v.events.map((e) => e.type);

describe('verification outcomes, against the emulator over a real port', () => {
  it('approve: identity -> username via the template, push with the method and request push info, then approved', async () => {
    f.addUser('ann', { push: { outcome: 'approve', afterMs: 30 } });
    const res = await verify({ identity: identityOf('ann'), push_info: { ticket: 'INC-1234' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ username: 'ann', factor: 'push', device: 'auto', outcome: 'approved', verified: true });
    expect(types(res.body)).toEqual(['preauth', 'sent', 'waiting', 'result']);
    expect(res.body.events[1].data.push_info).toEqual({ from: 'helpdesk', ticket: 'INC-1234' });
    // Duo received the display info URL-encoded, method lines first.
    const txs = Object.values(f.emu.emulator.state.accounts[f.emu.parentId]!.transactions);
    expect(txs.find((t) => t.pushinfo?.includes('INC-1234'))?.pushinfo).toBe('from=helpdesk&ticket=INC-1234');
    const stored = await f.hub.api('GET', `/api/verify/${res.body.id}`, { token: operate });
    expect(stored.body.outcome).toBe('approved');
  });

  it.each([
    ['deny', 'denied', /denied/],
    ['timeout', 'timed_out', /timed out/],
    ['fraud', 'fraud', /fraud/],
  ] as const)('push %s -> %s', async (script, outcome, reason) => {
    const username = `push-${script}`;
    f.addUser(username, { push: { outcome: script, afterMs: 40 } });
    const res = await verify({ username });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ outcome, verified: false });
    expect(res.body.reason).toMatch(reason);
    expect(types(res.body)).toEqual(['preauth', 'sent', 'waiting', 'result']);
  });

  it('an explicit timeout ends the wait when the user never answers', async () => {
    f.addUser('slow', { push: { outcome: 'approve', afterMs: 20_000 } });
    const res = await verify({ username: 'slow', timeout_seconds: 1 });
    expect(res.body).toMatchObject({ outcome: 'timed_out', verified: false });
    expect(res.body.reason).toMatch(/hub stopped waiting/);
    // Duo kept answering `waiting` while the hub long-polled.
    expect(types(res.body).filter((t) => t === 'waiting').length).toBeGreaterThan(1);
  });

  it.each([
    ['bypass user', { status: 'bypass' as const }, 'allowed', /bypass/],
    ['disabled user', { status: 'disabled' as const }, 'refused', /disabled/],
    ['locked-out user', { status: 'locked out' as const }, 'refused', /locked out/],
    ['not enrolled', { enrolled: false }, 'enroll', /Enroll/],
  ])('%s: preauth ends it (%s), no push is sent', async (name, options, outcome, reason) => {
    const username = name.replace(/\W+/g, '-');
    f.addUser(username, options);
    const res = await verify({ username });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ outcome, verified: false, factor: null });
    expect(res.body.reason).toMatch(reason);
    expect(types(res.body)).toEqual(['preauth', 'result']);
    if (outcome === 'enroll') expect(res.body.enroll_portal_url).toMatch(/^https:\/\/.+\/portal\?code=/);
    else expect(res.body.enroll_portal_url).toBeNull();
  });

  it('passcode right and wrong; the passcode never reaches the audit log or the logs', async () => {
    f.addUser('pat');
    const right = await verify({ username: 'pat', passcode: '123456' });
    expect(right.body).toMatchObject({ factor: 'passcode', outcome: 'approved', verified: true });
    expect(types(right.body)).toEqual(['preauth', 'sent', 'result']);
    const wrong = await verify({ username: 'pat', factor: 'passcode', passcode: PASSCODE_WRONG });
    expect(wrong.body).toMatchObject({ factor: 'passcode', outcome: 'denied', verified: false });
    expect(wrong.body.reason).toMatch(/Incorrect passcode/);
    const audit = await f.hub.api('GET', '/api/audit?action=mfa.verify&limit=200');
    const entry = audit.body.items.find((i: any) => i.inputs.verification_id === wrong.body.id);
    expect(entry).toMatchObject({ outcome: 'failure', target_id: methodId });
    expect(entry.inputs).toMatchObject({ factor: 'passcode', outcome: 'denied', username: 'pat' });
    expect(entry.inputs).not.toHaveProperty('passcode');
    expect(audit.text).not.toContain(PASSCODE_WRONG);
    expect(f.hub.logs.join('\n')).not.toContain(PASSCODE_WRONG);
  });

  it('a device or factor preauth does not offer is refused before anything is sent', async () => {
    f.addUser('dora');
    const res = await verify({ username: 'dora', device: 'DPNOTHERS00000000000' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('verify_factor_unavailable');
    expect(res.body.error.details.available[0].capabilities).toContain('push');
  });

  it('an identity without the alias the template needs is a 400, audited', async () => {
    const res = await verify({ identity: { name: 'nobody' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('verify_identity_invalid');
    expect(res.body.error.message).toContain(`identity.entity.aliases.${ACCESSOR}.name`);
    const audit = await f.hub.api('GET', '/api/audit?action=mfa.verify&outcome=failure&limit=200');
    expect(audit.body.items.some((i: any) => i.error_code === 'verify_identity_invalid')).toBe(true);
  });

  it('verifies through an organization instead of a method (its integration\'s Auth API keys)', async () => {
    const integration = await f.hub.api('POST', '/api/integrations', { body: { name: 'verify-emu', base_url: f.emu.url, admin: f.emu.sets.admin, auth: f.emu.sets.auth } });
    const org = await f.hub.api('POST', '/api/organizations', { body: { name: 'Verify Org', integration_id: integration.body.id, duo_account_id: 'parent' } });
    f.addUser('olga', { push: { outcome: 'approve', afterMs: 20 } });
    attempts += 1;
    const res = await f.hub.api('POST', '/api/verify', { token: operate, body: { organization_id: org.body.id, username: 'olga' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ organization_id: org.body.id, method_id: null, outcome: 'approved' });
  });
});

describe('push-fatigue protection', () => {
  it('rate limit: the 4th push within 10 minutes is refused with Retry-After; a passcode still works', async () => {
    f.addUser('rita', { push: { outcome: 'approve', afterMs: 10 } });
    for (let i = 0; i < 3; i++) expect((await verify({ username: 'rita' })).body.outcome).toBe('approved');
    const fourth = await verify({ username: 'rita' });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('verify_rate_limited');
    expect(fourth.body.error.details).toMatchObject({ limit: 3, window_seconds: 600 });
    const retryAfter = Number(fourth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect((await verify({ username: 'rita', passcode: '123456' })).body.outcome).toBe('approved');
    // Another user is not affected.
    f.addUser('rob', { push: { outcome: 'approve', afterMs: 10 } });
    expect((await verify({ username: 'rob' })).body.outcome).toBe('approved');
  });

  it('cooldown after a deny (and 4x after fraud), lifted when it has passed', async () => {
    const m = await f.vault('POST', '/v1/identity/mfa/method/duo', f.methodBody({ cooldown_seconds: 60, push_limit: 10 }));
    const cooled = (body: Record<string, unknown>) => verify({ method_id: m.body.data.method_id, ...body });
    const { user } = f.addUser('cora', { push: { outcome: 'deny', afterMs: 10 } });
    expect((await cooled({ username: 'cora' })).body.outcome).toBe('denied');
    const again = await cooled({ username: 'cora' });
    expect(again.status).toBe(429);
    expect(again.body.error).toMatchObject({ code: 'verify_cooldown', details: { last_outcome: 'denied' } });
    expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await cooled({ username: 'cora', passcode: '123456' })).body.outcome).toBe('approved');
    user.push_script = { outcome: 'approve', afterMs: 10 };
    f.clock.offsetMs = 61_000;
    try {
      expect((await cooled({ username: 'cora' })).body.outcome).toBe('approved');
    } finally {
      f.clock.offsetMs = 0;
    }

    f.addUser('fred', { push: { outcome: 'fraud', afterMs: 10 } });
    expect((await cooled({ username: 'fred' })).body.outcome).toBe('fraud');
    const afterFraud = await cooled({ username: 'fred' });
    expect(afterFraud.body.error).toMatchObject({ code: 'verify_cooldown', details: { last_outcome: 'fraud' } });
    expect(afterFraud.body.error.details.retry_after_seconds).toBeGreaterThan(200);
  });
});

describe('progress as Server-Sent Events', () => {
  it('POST with Accept: text/event-stream streams preauth, sent, waiting..., result in order', async () => {
    f.addUser('sse', { push: { outcome: 'approve', afterMs: 600 } });
    const res = await verify({ username: 'sse', push_info: { ticket: 'INC-9' } }, { accept: 'text/event-stream' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseSse(res.text);
    const order = events.map((e) => e.type);
    expect(order[0]).toBe('preauth');
    expect(order[1]).toBe('sent');
    expect(order.at(-1)).toBe('result');
    expect(order.slice(2, -1).every((t) => t === 'waiting')).toBe(true);
    expect(order.filter((t) => t === 'waiting').length).toBeGreaterThanOrEqual(2);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)!.data).toMatchObject({ outcome: 'approved', verified: true, username: 'sse' });
  });

  it('wait: false answers 202 at once; the events endpoint follows live and replays after Last-Event-ID', async () => {
    f.addUser('live', { push: { outcome: 'deny', afterMs: 400 } });
    const started = await verify({ username: 'live', wait: false });
    expect(started.status).toBe(202);
    expect(started.body.outcome).toBe('pending');
    const live = await f.hub.api('GET', `/api/verify/${started.body.id}/events`, { token: operate });
    const events = parseSse(live.text);
    expect(events.map((e) => e.type).filter((t) => t !== 'waiting')).toEqual(['preauth', 'sent', 'result']);
    expect(events.at(-1)!.data.outcome).toBe('denied');
    const resumed = await f.hub.api('GET', `/api/verify/${started.body.id}/events`, { token: operate, headers: { 'last-event-id': '2' } });
    expect(parseSse(resumed.text).map((e) => e.id)).toEqual(events.slice(2).map((e) => e.id));
  });
});

describe('duohub verify (CLI against the running hub)', () => {
  it('exits 0 when verified and 2 when the user denies', async () => {
    f.addUser('cli-yes', { push: { outcome: 'approve', afterMs: 10 } });
    f.addUser('cli-no', { push: { outcome: 'deny', afterMs: 10 } });
    const run = async (username: string) => {
      let out = '';
      let err = '';
      attempts += 1;
      const code = await runCli(['node', 'duohub', 'verify', '--url', f.hub.url, '--token', operate, '--method', methodId, '--username', username, '--push-info', 'ticket=CLI-1'], {
        io: { out: (t) => void (out += t), err: (t) => void (err += t) },
        env: {},
      });
      return { code, out, err };
    };
    const yes = await run('cli-yes');
    expect(yes.code, yes.err).toBe(0);
    expect(yes.out).toMatch(/^approved \(verified\): cli-yes/);
    expect(yes.out).toMatch(/sent\s+push/);
    const no = await run('cli-no');
    expect(no.code).toBe(2);
    expect(no.out).toMatch(/^denied \(not verified\)/);
  });
});

describe('audit', () => {
  it('records every attempt, whatever its outcome', async () => {
    const audit = await f.hub.api('GET', '/api/audit?action=mfa.verify&limit=500');
    expect(audit.body.items.length).toBe(attempts);
  });
});
