import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, newIntegration, type Account, type Integration } from '@duohub/emulator';
import { runCli } from '../../src/cli.js';
import { startMfaFixture, type MfaFixture } from './mfa-fixture.js';
import { haveScript, onTerminal } from '../support/on-terminal.js';

/**
 * Issue 12: an MSP verifies users of a client organization. The parent (the MSP's own account) and
 * two children each hold a user `ann`, so reaching the wrong account would still "work" and only
 * the emulator's per-account records can tell. Everything runs over real ports.
 */
let f: MfaFixture;
let integrationId: string;
let client: Account;
let other: Account;
let clientAuth: Integration;
let clientOrg: string;
let otherOrg: string;
let staffOrg: string;
const tokens: Record<'operate' | 'read' | 'limited' | 'limitedAdmin', string> = { operate: '', read: '', limited: '', limitedAdmin: '' };

function childAccount(name: string): { account: Account; auth: Integration } {
  const account = newAccount(name, f.emu.parentId, Math.random);
  const auth = newIntegration('auth', `${name} Auth API`, Math.random);
  account.integrations[auth.integration_key] = auth;
  f.emu.emulator.state.accounts[account.account_id] = account;
  return { account, auth };
}

const keysOf = (account: Account, auth: Integration) => ({ api_host: account.api_hostname, integration_key: auth.integration_key, secret_key: auth.secret_key });
const api = (method: string, path: string, body?: unknown, token = f.hub.adminToken) =>
  f.hub.api(method, path, { token, ...(body === undefined ? {} : { body }) });
/** Auth API requests (any path under /auth/v2) the emulator attributed to an account. */
const authCalls = (accountId: string) =>
  Object.entries(f.emu.emulator.stats().accountRequests[accountId] ?? {})
    .filter(([route]) => route.includes('/auth/v2/'))
    .reduce((n, [, count]) => n + count, 0);
const txCount = (account: Account | string) => Object.keys(f.emu.emulator.state.accounts[typeof account === 'string' ? account : account.account_id]!.transactions).length;

beforeAll(async () => {
  f = await startMfaFixture();
  ({ account: client, auth: clientAuth } = childAccount('Client Co'));
  ({ account: other } = childAccount('Other Co'));
  f.addUser('ann', { push: { outcome: 'approve', afterMs: 30 } });
  f.addUser('ann', { push: { outcome: 'approve', afterMs: 30 }, account: client.account_id });
  f.addUser('ann', { push: { outcome: 'approve', afterMs: 30 }, account: other.account_id });
  f.addUser('staff-only', { push: { outcome: 'approve', afterMs: 30 } });
  f.addUser('carol', { enrolled: false, account: client.account_id });
  f.addUser('slow', { push: { outcome: 'approve', afterMs: 20_000 }, account: client.account_id });
  f.addUser('guesser', { account: client.account_id });

  const created = await api('POST', '/api/integrations', {
    name: 'MSP',
    base_url: f.emu.url,
    admin: f.emu.sets.admin,
    accounts: f.emu.sets.accounts,
    auth: f.emu.sets.auth,
  });
  expect(created.status, created.text).toBe(201);
  integrationId = created.body.id;
  const org = async (name: string, account: string) => {
    const res = await api('POST', '/api/organizations', { name, integration_id: integrationId, duo_account_id: account });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };
  clientOrg = await org('Client Co', client.account_id);
  otherOrg = await org('Other Co', other.account_id);
  staffOrg = await org('MSP Staff', 'parent');
  const token = async (scopes: string[], organization_ids: string[] | null = null) =>
    (await api('POST', '/api/tokens', { name: `t-${scopes}-${organization_ids}`, scopes, organization_ids })).body.token as string;
  tokens.operate = await token(['operate']);
  tokens.read = await token(['read']);
  tokens.limited = await token(['operate'], [clientOrg]);
  tokens.limitedAdmin = await token(['admin'], [clientOrg]);
});
afterAll(async () => {
  await f?.close();
});

describe("an organization's own Auth API keys", () => {
  it('are checked on save: a wrong secret is refused (422) and nothing is saved', async () => {
    const before = await api('GET', `/api/organizations/${clientOrg}`);
    const res = await api('PATCH', `/api/organizations/${clientOrg}`, { auth: { ...keysOf(client, clientAuth), secret_key: 'W'.repeat(40) } });
    expect(res.status, res.text).toBe(422);
    expect(res.body.error.code).toBe('organization_auth_rejected');
    expect(res.body.error.details.status).toBe('wrong_secret_key');
    const after = await api('GET', `/api/organizations/${clientOrg}`);
    expect(after.body.auth).toBeNull();
    expect(after.body.updated_at).toBe(before.body.updated_at);
  });

  it("must be on the mapped child's host: the parent's Auth keys are refused for a child organization", async () => {
    const res = await api('PATCH', `/api/organizations/${clientOrg}`, { auth: f.emu.sets.auth });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'auth.api_host' })]);
  });

  it('need a mapped organization (they are checked through its integration)', async () => {
    const unmapped = await api('POST', '/api/organizations', { name: 'Unmapped', auth: keysOf(client, clientAuth) });
    expect(unmapped.status, unmapped.text).toBe(400);
    expect(unmapped.body.error.details[0].field).toBe('auth');
  });

  it('are saved by a limited admin of the organization and shown only as hints', async () => {
    const res = await api('PATCH', `/api/organizations/${clientOrg}`, { auth: keysOf(client, clientAuth) }, tokens.limitedAdmin);
    expect(res.status, res.text).toBe(200);
    expect(res.body.auth).toEqual({ api_host: client.api_hostname, integration_key: clientAuth.integration_key, secret_key_hint: `…${clientAuth.secret_key.slice(-4)}` });
    expect(res.text).not.toContain(clientAuth.secret_key);
    const listed = await api('GET', '/api/organizations');
    expect(listed.text).not.toContain(clientAuth.secret_key);
    // Sending the stored values again changes nothing and asks Duo nothing.
    const checks = authCalls(client.account_id);
    expect((await api('PATCH', `/api/organizations/${clientOrg}`, { auth: { secret_key: clientAuth.secret_key } })).status).toBe(200);
    expect(authCalls(client.account_id)).toBe(checks);
  });
});

describe('verify through an organization', () => {
  it("pushes to the child account's user with the organization's keys; the parent is never touched", async () => {
    const parentCalls = authCalls(f.emu.parentId);
    const parentTx = txCount(f.emu.parentId);
    const childTx = txCount(client);
    const res = await api('POST', '/api/verify', { organization_id: clientOrg, username: 'ann' }, tokens.limited);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ organization_id: clientOrg, username: 'ann', outcome: 'approved', verified: true });
    expect(txCount(client)).toBe(childTx + 1);
    const tx = Object.values(client.transactions).at(-1)!;
    expect(tx.integration_key).toBe(clientAuth.integration_key);
    expect(client.auth_log.at(-1)).toMatchObject({ username: 'ann', integration_key: clientAuth.integration_key, result: 'success' });
    expect(authCalls(client.account_id)).toBeGreaterThanOrEqual(3); // preauth, auth, auth_status
    expect(txCount(f.emu.parentId)).toBe(parentTx);
    expect(authCalls(f.emu.parentId)).toBe(parentCalls);
  });

  it("refuses without the organization's Auth keys, saying how to add them, and sends nothing anywhere", async () => {
    const before = Object.keys(f.emu.emulator.state.accounts).map((id) => authCalls(id));
    const res = await api('POST', '/api/verify', { organization_id: otherOrg, username: 'ann' }, tokens.operate);
    expect(res.status, res.text).toBe(409);
    expect(res.body.error.code).toBe('organization_auth_missing');
    expect(res.body.error.message).toContain(`PATCH /api/organizations/${otherOrg}`);
    expect(res.body.error.message).toContain('duohub orgs auth');
    expect(Object.keys(f.emu.emulator.state.accounts).map((id) => authCalls(id))).toEqual(before);
    const audit = await f.hub.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'mfa.verify').where('organization_id', '=', otherOrg).execute();
    expect(audit.at(-1)).toMatchObject({ outcome: 'failure', error_code: 'organization_auth_missing' });
  });

  it("an organization mapped to parent uses the integration's Auth keys (they are that account's)", async () => {
    const res = await api('POST', '/api/verify', { organization_id: staffOrg, username: 'staff-only' }, tokens.operate);
    expect(res.body).toMatchObject({ outcome: 'approved' });
  });

  it("a limited token reaches only its organizations' users", async () => {
    const parentTx = txCount(f.emu.parentId);
    const elsewhere = await api('POST', '/api/verify', { organization_id: otherOrg, username: 'ann' }, tokens.limited);
    expect(elsewhere.status).toBe(403);
    const staff = await api('POST', '/api/verify', { organization_id: staffOrg, username: 'staff-only' }, tokens.limited);
    expect(staff.status).toBe(403);
    // The MSP's own staff member is not in the client's account: unknown there, and the parent is not asked.
    const viaOwn = await api('POST', '/api/verify', { organization_id: clientOrg, username: 'staff-only' }, tokens.limited);
    expect(viaOwn.body).toMatchObject({ outcome: 'unknown_user', verified: false });
    expect(txCount(f.emu.parentId)).toBe(parentTx);
  });

  it('tells an unknown username from a user with no device', async () => {
    const unknown = await api('POST', '/api/verify', { organization_id: clientOrg, username: 'nobody-here' }, tokens.limited);
    expect(unknown.body).toMatchObject({ outcome: 'unknown_user', verified: false });
    const enroll = await api('POST', '/api/verify', { organization_id: clientOrg, username: 'carol' }, tokens.limited);
    expect(enroll.body).toMatchObject({ outcome: 'enroll', verified: false });
  });

  it('reading a verification needs operate, like starting one', async () => {
    const started = await api('POST', '/api/verify', { organization_id: clientOrg, username: 'ann' }, tokens.limited);
    expect((await api('GET', `/api/verify/${started.body.id}`, undefined, tokens.read)).status).toBe(403);
    expect((await api('GET', `/api/verify/${started.body.id}/events`, undefined, tokens.read)).status).toBe(403);
    expect((await api('GET', `/api/verify/${started.body.id}`, undefined, tokens.limited)).body.outcome).toBe('approved');
  });

  it('an ambiguous end (sent, no answer before the hub stops waiting) is audited as unknown', async () => {
    const res = await api('POST', '/api/verify', { organization_id: clientOrg, username: 'slow', timeout_seconds: 1 }, tokens.limited);
    expect(res.body.outcome).toBe('timed_out');
    const rows = await f.hub.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'mfa.verify').where('target_id', '=', clientOrg).execute();
    const entry = rows.find((r) => String(r.inputs).includes(res.body.id))!;
    expect(entry.outcome).toBe('unknown');
    const filtered = await api('GET', '/api/audit?outcome=unknown');
    expect(filtered.body.items.map((i: { id: string }) => i.id)).toContain(entry.id);
  });

  it('throttles passcode guesses per user as pushes are (3 in 10 minutes by default)', async () => {
    for (let i = 0; i < 3; i += 1) {
      const wrong = await api('POST', '/api/verify', { organization_id: clientOrg, username: 'guesser', passcode: `00000${i}` }, tokens.limited);
      expect(wrong.body.outcome, wrong.text).toBe('denied');
    }
    const calls = authCalls(client.account_id);
    const refused = await api('POST', '/api/verify', { organization_id: clientOrg, username: 'guesser', passcode: '123456' }, tokens.limited);
    expect(refused.status, refused.text).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'verify_rate_limited', details: { factor: 'passcode' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Only preauth went out; the guess did not.
    expect(authCalls(client.account_id)).toBe(calls + 1);
    f.clock.offsetMs += 11 * 60_000;
    const later = await api('POST', '/api/verify', { organization_id: clientOrg, username: 'guesser', passcode: '123456' }, tokens.limited);
    expect(later.body.outcome).toBe('approved');
    f.clock.offsetMs = 0;
  });
});

describe('Auth API catalog actions with an organization', () => {
  const run = (action: string, organizationId: string | undefined, input: unknown, token: string) =>
    api('POST', `/api/actions/${action}/run`, { integration_id: integrationId, ...(organizationId ? { organization_id: organizationId } : {}), input }, token);

  it("a limited token runs them on its organization with the organization's keys", async () => {
    const childTx = txCount(client);
    const parentTx = txCount(f.emu.parentId);
    const sent = await run('auth.send', clientOrg, { username: 'ann', factor: 'push', async: true }, tokens.limited);
    expect(sent.status, sent.text).toBe(200);
    expect(client.transactions[sent.body.output.txid]).toBeDefined();
    expect(txCount(client)).toBe(childTx + 1);
    expect(txCount(f.emu.parentId)).toBe(parentTx);
  });

  it('a limited token cannot run them without an organization, on another organization, or on the parent', async () => {
    for (const orgId of [undefined, otherOrg, staffOrg]) {
      const res = await run('auth.check', orgId, {}, tokens.limited);
      expect(res.status, `${orgId}: ${res.text}`).toBe(403);
    }
  });

  it("a child organization without its own keys never borrows the integration's", async () => {
    const res = await run('auth.check', otherOrg, {}, tokens.operate);
    expect(res.status, res.text).toBe(409);
    expect(res.body.error.code).toBe('organization_auth_missing');
    expect((await run('auth.check', staffOrg, {}, tokens.operate)).status).toBe(200);
  });
});

describe('MFA methods bound to an organization', () => {
  it("use the organization's keys, and refuse an organization without them", async () => {
    const missing = await f.vault('POST', '/v1/identity/mfa/method/duo', { organization_id: otherOrg });
    expect(missing.status, missing.text).toBe(409);
    expect(missing.body.errors?.join(' ') ?? missing.text).toMatch(/Auth API keys/);
    const made = await f.vault('POST', '/v1/identity/mfa/method/duo', { organization_id: clientOrg });
    expect(made.status, made.text).toBe(200);
    const childTx = txCount(client);
    const parentTx = txCount(f.emu.parentId);
    const res = await api('POST', '/api/verify', { method_id: made.body.data.method_id, username: 'ann' }, tokens.operate);
    expect(res.body.outcome, res.text).toBe('approved');
    expect(txCount(client)).toBe(childTx + 1);
    expect(txCount(f.emu.parentId)).toBe(parentTx);
  });
});

describe('organization edits by a limited admin', () => {
  it("cannot rename (so a conflict cannot reveal another organization's name); taken and free names get the same answer", async () => {
    const taken = await api('PATCH', `/api/organizations/${clientOrg}`, { name: 'Other Co' }, tokens.limitedAdmin);
    const free = await api('PATCH', `/api/organizations/${clientOrg}`, { name: 'Never Used Name' }, tokens.limitedAdmin);
    expect(taken.status).toBe(403);
    expect(free.status).toBe(403);
    expect(taken.body).toEqual(free.body);
    expect(taken.text).not.toContain('Other Co');
    // Its own current name, unchanged, is fine (forms send every field).
    expect((await api('PATCH', `/api/organizations/${clientOrg}`, { name: 'Client Co', email_domains: ['client.example'] }, tokens.limitedAdmin)).status).toBe(200);
  });

  it('`duohub orgs auth` stores keys with the secret from an environment variable, and clears them', async () => {
    const spare = childAccount('Cli Co');
    const org = await api('POST', '/api/organizations', { name: 'Cli Co', integration_id: integrationId, duo_account_id: spare.account.account_id });
    const cli = async (...args: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(['node', 'duohub', 'orgs', 'auth', org.body.id, '--url', f.hub.url, '--token', f.hub.adminToken, ...args], {
        io: { out: (t) => void (out += t), err: (t) => void (err += t) },
        env: { CLI_SKEY: spare.auth.secret_key },
      });
      return { code, out, err };
    };
    const set = await cli('--host', spare.account.api_hostname, '--ikey', spare.auth.integration_key, '--skey-env', 'CLI_SKEY');
    expect(set.code, set.err).toBe(0);
    expect(set.out).toContain(`(secret …${spare.auth.secret_key.slice(-4)})`);
    expect(set.out + set.err).not.toContain(spare.auth.secret_key);
    // Not on a terminal: clearing is refused without --yes, naming it, and the keys stay.
    const refused = await cli('--clear');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/Remove the Auth API keys .*"Cli Co".*refusing without --yes/);
    expect((await api('GET', `/api/organizations/${org.body.id}`)).body.auth).toMatchObject({ integration_key: spare.auth.integration_key });
    const cleared = await cli('--clear', '--yes');
    expect(cleared.code, cleared.err).toBe(0);
    expect(cleared.out).toContain('no Auth API keys');
    // With nothing stored there is nothing to lose: no question, no refusal.
    const again = await cli('--clear');
    expect(again.code, again.err).toBe(0);
  });

  it.skipIf(!haveScript)('`duohub orgs auth --clear` on a terminal asks first; only yes removes the keys', async () => {
    const spare = childAccount('Pty Co');
    const org = await api('POST', '/api/organizations', { name: 'Pty Co', integration_id: integrationId, duo_account_id: spare.account.account_id, auth: keysOf(spare.account, spare.auth) });
    expect(org.status, org.text).toBe(201);
    const args = ['orgs', 'auth', 'Pty Co', '--clear', '--url', f.hub.url, '--token', f.hub.adminToken];
    const env = { HOME: f.hub.dataDir, DUOHUB_LOG_LEVEL: 'warn' };
    const keysNow = async () => (await api('GET', `/api/organizations/${org.body.id}`)).body.auth;

    const no = await onTerminal(args, env, [[/\(y\/N\) $/, 'n']]);
    expect(no.screen).toContain(`? Remove the Auth API keys (${spare.auth.integration_key}) stored for organization "Pty Co"`);
    expect(no.screen).toContain('cancelled; nothing was changed');
    expect(no.code).toBe(1);
    expect(await keysNow()).toMatchObject({ integration_key: spare.auth.integration_key });

    const yes = await onTerminal(args, env, [[/\(y\/N\) $/, 'y']]);
    expect(yes.code, yes.screen).toBe(0);
    expect(yes.screen).toContain('Pty Co: no Auth API keys');
    expect(await keysNow()).toBeNull();
    expect(yes.screen).not.toContain(spare.auth.secret_key);
  });

  it('remapping drops Auth keys that belong to the old account', async () => {
    const spare = childAccount('Spare Co');
    const org = await api('POST', '/api/organizations', { name: 'Moving Co', integration_id: integrationId, duo_account_id: spare.account.account_id, auth: keysOf(spare.account, spare.auth) });
    expect(org.status, org.text).toBe(201);
    expect(org.body.auth?.integration_key).toBe(spare.auth.integration_key);
    const moved = await api('PATCH', `/api/organizations/${org.body.id}`, { integration_id: integrationId, duo_account_id: 'parent' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.auth).toBeNull();
  });
});
