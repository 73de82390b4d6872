import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTokenExpiry, tokenStatus } from '../src/access/token-expiry.js';
import { parseExpiresIn } from '../src/cli/parse-expires-in.js';
import { runCli } from '../src/cli.js';
import { HubError } from '../src/errors/hub-error.js';
import { startTestHub, type TestHub } from './helpers/test-hub.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');

describe('resolveTokenExpiry', () => {
  it.each<[string, Parameters<typeof resolveTokenExpiry>[0], string | null]>([
    ['nothing: never expires', {}, null],
    ['null expires_at: never expires', { expires_at: null }, null],
    ['days from now', { expires_in_days: 30 }, '2026-07-01T12:00:00.000Z'],
    ['an offset time is stored in UTC', { expires_at: '2026-06-02T00:00:00+02:00' }, '2026-06-01T22:00:00.000Z'],
  ])('%s', (_name, input, stored) => expect(resolveTokenExpiry(input, NOW)).toBe(stored));

  it.each<[string, Parameters<typeof resolveTokenExpiry>[0], string]>([
    ['both at once', { expires_at: '2026-07-01T00:00:00Z', expires_in_days: 3 }, 'expires_in_days'],
    ['a time already past', { expires_at: '2026-06-01T11:59:59Z' }, 'expires_at'],
    ['exactly now', { expires_at: NOW.toISOString() }, 'expires_at'],
    ['beyond ten years', { expires_at: '2036-07-01T00:00:00Z' }, 'expires_at'],
    ['not a time', { expires_at: 'soon' }, 'expires_at'],
  ])('refuses %s, naming %s', (_name, input, field) => {
    let error: unknown;
    try {
      resolveTokenExpiry(input, NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).code).toBe('validation_failed');
    expect((error as HubError).details).toEqual([expect.objectContaining({ in: 'body', field })]);
  });
});

describe('tokenStatus', () => {
  it.each<[string | null, string | null, string]>([
    [null, null, 'active'],
    [null, '2026-06-01T12:00:00.001Z', 'active'],
    [null, '2026-06-01T12:00:00.000Z', 'expired'],
    ['2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z', 'revoked'],
    ['2026-05-01T00:00:00Z', null, 'revoked'],
  ])('revoked %j, expires %j -> %s', (revoked_at, expires_at, status) => expect(tokenStatus({ revoked_at, expires_at }, NOW)).toBe(status));
});

describe('parseExpiresIn', () => {
  it.each<[string, number]>([['30d', 30], ['30', 30], ['2w', 14], ['1y', 365], [' 7D ', 7]])('%j -> %d days', (v, days) => expect(parseExpiresIn(v)).toBe(days));
  it.each(['0d', '12h', 'soon', '', '-3d', '1.5d'])('refuses %j, naming the flag', (v) => expect(() => parseExpiresIn(v)).toThrow(/--expires-in/));
});

describe('token expiry over a real port (pinned clock)', () => {
  let t: TestHub;
  let clock = new Date(NOW);
  beforeAll(async () => {
    t = await startTestHub({ now: () => clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('works until its expiry, then is refused with 401 saying it expired, and lists as expired', async () => {
    const created = await t.api('POST', '/api/tokens', { body: { name: 'short', scopes: ['read'], expires_in_days: 2 } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ expires_at: '2026-06-03T12:00:00.000Z', status: 'active' });
    const never = await t.api('POST', '/api/tokens', { body: { name: 'forever', scopes: ['read'] } });
    expect(never.body).toMatchObject({ expires_at: null, status: 'active' });
    const dated = await t.api('POST', '/api/tokens', { body: { name: 'dated', scopes: ['read'], expires_at: '2026-06-10T00:00:00Z' } });
    expect(dated.body).toMatchObject({ expires_at: '2026-06-10T00:00:00.000Z', status: 'active' });

    expect((await t.api('GET', '/api/tokens/current', { token: created.body.token })).status).toBe(200);

    clock = new Date('2026-06-03T12:00:00.000Z');
    const refused = await t.api('GET', '/api/tokens/current', { token: created.body.token });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    expect(refused.body.error.message).toMatch(/expired at 2026-06-03T12:00:00\.000Z/);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    // A revoked token is answered the same way (same status and code), without the expiry wording.
    const revoked = await t.api('POST', '/api/tokens', { body: { name: 'gone', scopes: ['read'] } });
    await t.api('DELETE', `/api/tokens/${revoked.body.id}`);
    const revokedAnswer = await t.api('GET', '/api/tokens/current', { token: revoked.body.token });
    expect([revokedAnswer.status, revokedAnswer.body.error.code]).toEqual([401, 'unauthorized']);
    expect(revokedAnswer.body.error.message).not.toMatch(/expired/);
    // The Vault-compatible API refuses it as Vault refuses a bad token.
    const vault = await t.api('GET', '/v1/identity/mfa/method/duo', { token: created.body.token });
    expect(vault.status).toBe(403);
    expect(vault.body).toEqual({ errors: ['permission denied'] });
    expect((await t.api('GET', '/api/tokens/current', { token: never.body.token })).status).toBe(200);
    expect((await t.api('GET', '/api/tokens/current', { token: dated.body.token })).status).toBe(200);

    const list = await t.api('GET', '/api/tokens');
    const byName = Object.fromEntries(list.body.items.map((x: any) => [x.name, x]));
    expect(byName.short).toMatchObject({ status: 'expired', expires_at: '2026-06-03T12:00:00.000Z', revoked_at: null });
    expect(byName.forever).toMatchObject({ status: 'active', expires_at: null });
    expect(byName.dated).toMatchObject({ status: 'active' });
    expect(byName.gone).toMatchObject({ status: 'revoked' });
    for (const item of list.body.items) expect(JSON.stringify(item)).not.toContain('dh_');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a past expires_at', { expires_at: '2020-01-01T00:00:00Z' }, 'expires_at'],
    ['expires_at that is not a time', { expires_at: 'next tuesday' }, 'expires_at'],
    ['a zero expires_in_days', { expires_in_days: 0 }, 'expires_in_days'],
    ['a fractional expires_in_days', { expires_in_days: 1.5 }, 'expires_in_days'],
    ['expires_in_days as text', { expires_in_days: '30d' }, 'expires_in_days'],
    ['more than ten years', { expires_in_days: 4000 }, 'expires_in_days'],
    ['both expiries', { expires_at: '2027-01-01T00:00:00Z', expires_in_days: 3 }, 'expires_in_days'],
  ])('refuses %s with 400 naming %s', async (_name, extra, field) => {
    const res = await t.api('POST', '/api/tokens', { body: { name: 'bad', scopes: ['read'], ...extra } });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: any) => d.field)).toContain(field);
  });

  it('duohub tokens create --expires-in sends days and tokens list shows the expiry and status', async () => {
    const env = { DUOHUB_URL: t.url, DUOHUB_TOKEN: t.adminToken, HOME: t.dataDir };
    const cli = async (args: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(['node', 'duohub', ...args], { io: { out: (x) => void (out += x), err: (x) => void (err += x) }, env });
      return { code, out, err };
    };
    const created = await cli(['tokens', 'create', '--name', 'cli-30d', '--expires-in', '30d', '--json']);
    expect(created.code, created.err).toBe(0);
    expect(JSON.parse(created.out)).toMatchObject({ name: 'cli-30d', expires_at: new Date(clock.getTime() + 30 * 86_400_000).toISOString() });
    const human = await cli(['tokens', 'create', '--name', 'cli-2w', '--expires-in', '2w']);
    expect(human.out).toContain(`expires ${new Date(clock.getTime() + 14 * 86_400_000).toISOString()}`);
    const bad = await cli(['tokens', 'create', '--name', 'cli-bad', '--expires-in', '12h']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--expires-in');
    const list = await cli(['tokens', 'list']);
    expect(list.out).toMatch(/expires_at/);
    expect(list.out).toMatch(/short.*expired/);
  });
});
