import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIntegration } from '@duohub/emulator';
import { startTestEmulator, startTestHub, type SetInput, type TestEmulator, type TestHub } from './helpers/test-hub.js';

let emu: TestEmulator;
let skewed: TestEmulator;
let hub: TestHub;
let silent: Server;
let silentUrl: string;
const silentSockets = new Set<import('node:net').Socket>();
let closedUrl: string;
let limitedAdmin: SetInput;

const randomKey = (prefix: string, n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') =>
  prefix + Array.from({ length: n }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');

beforeAll(async () => {
  emu = await startTestEmulator({ unknownHosts: 'reject' });
  // A Duo whose clock runs an hour ahead of ours.
  skewed = await startTestEmulator({ now: () => Date.now() + 3_600_000 });
  hub = await startTestHub({ duo: { checkTimeoutMs: 1500 } });
  // Accepts connections and never answers: a hung proxy.
  silent = createServer((socket) => silentSockets.add(socket));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
  // A port nobody listens on.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  closedUrl = `http://127.0.0.1:${(probe.address() as { port: number }).port}`;
  await new Promise<void>((r) => probe.close(() => r()));
  // An Admin API application that lacks the settings and read-log grants.
  const limited = newIntegration('admin', 'Limited admin', Math.random, {
    read_resource: true,
    write_resource: false,
    settings: false,
    info: true,
    read_log: false,
  });
  emu.emulator.state.accounts[emu.parentId]!.integrations[limited.integration_key] = limited;
  limitedAdmin = { api_host: emu.sets.admin.api_host, integration_key: limited.integration_key, secret_key: limited.secret_key };
});

afterAll(async () => {
  await hub?.close();
  await emu?.close();
  await skewed?.close();
  for (const socket of silentSockets) socket.destroy();
  await new Promise<void>((r) => silent.close(() => r()));
});

let n = 0;
async function create(body: Record<string, unknown>, query = '') {
  return hub.api('POST', `/api/integrations${query}`, { body: { name: `check ${++n}`, base_url: emu.url, ...body } });
}

function expectNoSecret(answer: { text: string }, ...secrets: string[]) {
  for (const s of secrets) expect(answer.text).not.toContain(s);
}

describe('credential checks on create, over real ports against the emulator', () => {
  const seen = new Map<string, string>();

  it('ok: all three sets work and every read grant is present', async () => {
    const res = await create({ admin: emu.sets.admin, accounts: emu.sets.accounts, auth: emu.sets.auth });
    expect(res.status).toBe(201);
    const sets = res.body.last_check.sets;
    expect(sets.map((s: any) => [s.kind, s.status])).toEqual([
      ['admin', 'ok'],
      ['accounts', 'ok'],
      ['auth', 'ok'],
    ]);
    expect(sets[0].grants).toEqual({ read_resource: 'present', write_resource: 'not_checked', settings: 'present', info: 'present', read_log: 'present' });
    expect(Math.abs(sets[2].skew_seconds)).toBeLessThanOrEqual(2);
    expect(res.body.admin.secret_key_hint).toBe(`…${emu.sets.admin.secret_key.slice(-4)}`);
    expectNoSecret(res, emu.sets.admin.secret_key, emu.sets.accounts.secret_key, emu.sets.auth.secret_key);
    seen.set('ok', 'admin');
  });

  const failing: Array<[string, string, string, () => Record<string, unknown>]> = [
    ['an unknown Duo hostname (the server answers without a Duo body)', 'admin', 'wrong_host', () => ({ admin: { ...emu.sets.admin, api_host: 'api-deadbeef.duosecurity.com' } })],
    // Refused, reset and timed out are one verdict: how a non-Duo address fails is not reflected.
    ['nothing listening at the base URL', 'auth', 'unreachable', () => ({ base_url: closedUrl, auth: emu.sets.auth })],
    ['an unknown integration key', 'accounts', 'wrong_integration_key', () => ({ accounts: { ...emu.sets.accounts, integration_key: randomKey('DI', 18) } })],
    ['a wrong secret key', 'admin', 'wrong_secret_key', () => ({ admin: { ...emu.sets.admin, secret_key: randomKey('', 40, 'abcdefghijklmnopqrstuvwxyz0123456789') } })],
    ['Auth API keys given as the Admin set', 'admin', 'wrong_application_type', () => ({ admin: emu.sets.auth })],
    ['Admin API keys given as the Auth set', 'auth', 'wrong_application_type', () => ({ auth: emu.sets.admin })],
    ['Admin keys without settings and read-log grants', 'admin', 'missing_grant', () => ({ admin: limitedAdmin })],
    ['Duo answering 500', 'accounts', 'unreachable', () => ({ accounts: emu.sets.accounts })],
    ['a base URL that never answers', 'auth', 'unreachable', () => ({ base_url: silentUrl, auth: emu.sets.auth })],
    ['a Duo whose clock is an hour ahead', 'auth', 'clock_skew', () => ({ base_url: skewed.url, auth: skewed.sets.auth })],
  ];

  it.each(failing)('%s -> %s set: %s; refused, nothing saved', async (name, kind, status, body) => {
    if (status === 'unreachable' && kind === 'accounts') {
      emu.emulator.configure({ faults: [{ path: '/accounts/v1/account/list', serverErrorRate: 1 }] });
    }
    const before = await hub.api('GET', '/api/integrations');
    let res;
    try {
      res = await create(body());
    } finally {
      emu.emulator.configure({ faults: [] });
    }
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('integration_check_failed');
    const set = res.body.error.details.sets.find((s: any) => s.kind === kind);
    expect(set).toMatchObject({ kind, status, ok: false });
    expect(set.message.length).toBeGreaterThan(10);
    if (status === 'missing_grant') {
      expect(set.missing_grants).toEqual(['settings', 'read_log']);
      expect(set.grants).toMatchObject({ read_resource: 'present', info: 'present', settings: 'missing', read_log: 'missing' });
    }
    if (status === 'clock_skew') expect(set.skew_seconds).toBeGreaterThan(3500);
    if (status === 'wrong_secret_key') expect(Math.abs(set.skew_seconds)).toBeLessThanOrEqual(2);
    const secrets = Object.values(body()).flatMap((v) => (typeof v === 'object' && v ? [(v as SetInput).secret_key] : []));
    expectNoSecret(res, ...secrets);
    const after = await hub.api('GET', '/api/integrations');
    expect(after.body.items.length).toBe(before.body.items.length);
    seen.set(status, name);
  });

  it('gives every outcome its own diagnosis', () => {
    expect([...seen.keys()].sort()).toEqual(
      ['clock_skew', 'missing_grant', 'ok', 'unreachable', 'wrong_application_type', 'wrong_host', 'wrong_integration_key', 'wrong_secret_key'].sort(),
    );
  });

  it('saves despite a failed check with ?force=true and records the failing report', async () => {
    const bad = { ...emu.sets.admin, secret_key: randomKey('', 40, 'abcdefghij') };
    const res = await create({ admin: bad }, '?force=true');
    expect(res.status).toBe(201);
    expect(res.body.last_check).toMatchObject({ ok: false, sets: [{ kind: 'admin', status: 'wrong_secret_key' }] });
    const audit = await hub.api('GET', `/api/audit?action=integrations.create&outcome=success`);
    const entry = audit.body.items.find((e: any) => e.target_id === res.body.id);
    expect(entry.inputs).toMatchObject({ force: true, admin: { secret_key: '[REDACTED]' } });
    expectNoSecret(audit, bad.secret_key);
  });
});

describe('test endpoint and rotation', () => {
  it('re-runs the checks, notices a rotated secret, and accepts the new one by PATCH', async () => {
    // A dedicated Admin API application so rotating it does not disturb other tests.
    const app = newIntegration('admin', 'Rotating admin', Math.random);
    emu.emulator.state.accounts[emu.parentId]!.integrations[app.integration_key] = app;
    const set = { api_host: emu.sets.admin.api_host, integration_key: app.integration_key, secret_key: app.secret_key };
    const created = await create({ admin: set });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const test1 = await hub.api('POST', `/api/integrations/${id}/test`);
    expect(test1.status).toBe(200);
    expect(test1.body).toMatchObject({ ok: true, sets: [{ kind: 'admin', status: 'ok' }] });

    const rotated = randomKey('', 40, 'abcdefghijklmnopqrstuvwxyz');
    app.secret_key = rotated;
    const test2 = await hub.api('POST', `/api/integrations/${id}/test`);
    expect(test2.body).toMatchObject({ ok: false, sets: [{ kind: 'admin', status: 'wrong_secret_key' }] });
    expect((await hub.api('GET', `/api/integrations/${id}`)).body.last_check.ok).toBe(false);

    // Rotation is a write of the new value: only secret_key is sent; it is checked before saving.
    const wrong = await hub.api('PATCH', `/api/integrations/${id}`, { body: { admin: { secret_key: randomKey('', 40, 'xyz') } } });
    expect(wrong.status).toBe(422);
    const patched = await hub.api('PATCH', `/api/integrations/${id}`, { body: { admin: { secret_key: rotated } } });
    expect(patched.status).toBe(200);
    expect(patched.body.admin.secret_key_hint).toBe(`…${rotated.slice(-4)}`);
    expect(patched.body.last_check.ok).toBe(true);
    expectNoSecret(patched, rotated, set.secret_key);
    const test3 = await hub.api('POST', `/api/integrations/${id}/test`);
    expect(test3.body.ok).toBe(true);
  });

  it('re-checks every set when the base URL changes', async () => {
    const created = await create({ auth: emu.sets.auth });
    const moved = await hub.api('PATCH', `/api/integrations/${created.body.id}`, { body: { base_url: closedUrl } });
    expect(moved.status).toBe(422);
    expect(moved.body.error.details.sets[0]).toMatchObject({ kind: 'auth', status: 'unreachable' });
    expect((await hub.api('GET', `/api/integrations/${created.body.id}`)).body.base_url).toBe(emu.url);
  });

  it('signs v2 when asked and still passes', async () => {
    const res = await create({ sig_version: 2, admin: emu.sets.admin, auth: emu.sets.auth });
    expect(res.status).toBe(201);
    expect(res.body.sig_version).toBe(2);
  });
});

describe('Duo failures outside the checks', () => {
  it('map to duo_error (502) and duo_unreachable (504) without leaking the keys', async () => {
    const wrong = { ...emu.sets.accounts, secret_key: randomKey('', 40, 'qrstuvwxyz') };
    const forced = await create({ accounts: wrong }, '?force=true');
    expect(forced.status).toBe(201);
    const denied = await hub.api('GET', `/api/integrations/${forced.body.id}/accounts`);
    expect(denied.status).toBe(502);
    expect(denied.body.error).toMatchObject({ code: 'duo_error', details: { duo_status: 401, duo_code: 40103 } });
    expectNoSecret(denied, wrong.secret_key);

    const gone = await create({ base_url: closedUrl, accounts: emu.sets.accounts }, '?force=true');
    const unreachable = await hub.api('GET', `/api/integrations/${gone.body.id}/mapping-suggestions`);
    expect(unreachable.status).toBe(504);
    expect(unreachable.body.error).toMatchObject({ code: 'duo_unreachable', message: 'Could not reach Duo.' });
    expect(unreachable.body.error).not.toHaveProperty('details');
  });
});

