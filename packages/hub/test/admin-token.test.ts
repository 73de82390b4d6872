import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBootstrapToken } from '../src/access/token-service.js';
import { ADMIN_TOKEN_BITS_FLOOR, estimateTokenEntropy } from '../src/config/estimate-token-entropy.js';
import { HubConfigError, loadConfig } from '../src/config/load-config.js';
import { startTestHub, type TestHub } from './helpers/test-hub.js';

const FLOOR = ADMIN_TOKEN_BITS_FLOOR;

describe('estimateTokenEntropy', () => {
  it.each([
    ['', 0, 0],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 0, 10],
    ['dh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 10, 30],
    ['abcdefghijklmnopqrstuvwxyz0123456789', 10, 40],
    ['abcabcabcabcabcabcabcabcabcabcabcabcabc', 10, 30],
    ['Password1!Password1!Password1!Password1!', 50, FLOOR],
    ['0123456789abcdef0123456789abcdef0123456789', 0, 80],
    ['qwertyuiopasdfghjklzxcvbnm1234567890', FLOOR, 200],
  ])('%j estimates between %d and %d bits', (token, low, high) => {
    const bits = estimateTokenEntropy(token);
    expect(bits).toBeGreaterThanOrEqual(low);
    expect(bits).toBeLessThanOrEqual(high);
  });

  // Random secrets in the encodings people use: never refused by chance (checked on many samples).
  it.each([
    ['a hub token (dh_ + 32 bytes base64url)', () => 'dh_' + randomBytes(32).toString('base64url'), 240],
    ['openssl rand -base64 32', () => randomBytes(32).toString('base64'), 230],
    ['openssl rand -hex 32', () => randomBytes(32).toString('hex'), 180],
    ['24 bytes in base64', () => randomBytes(24).toString('base64'), 150],
    ['24 bytes in hex', () => randomBytes(24).toString('hex'), FLOOR + 1],
  ])('%s stays above %d bits', (_name, make, atLeast) => {
    for (let i = 0; i < 2000; i++) expect(estimateTokenEntropy(make())).toBeGreaterThan(atLeast);
  });

  it('never passes 16 random bytes in hex (128 bits at best: not the hub tokens\' strength)', () => {
    for (let i = 0; i < 2000; i++) expect(estimateTokenEntropy(randomBytes(16).toString('hex'))).toBeLessThanOrEqual(FLOOR);
  });
});

describe('DUOHUB_ADMIN_TOKEN in loadConfig', () => {
  it.each([
    ['short', 'too short'],
    ['dh_' + 'a'.repeat(30), 'one repeated letter'],
    ['abcdefghijklmnopqrstuvwxyz0123456789ABCD', 'a run of the alphabet'],
    ['S3cret!S3cret!S3cret!S3cret!S3cret!S3cret!', 'a repeated word'],
    [randomBytes(16).toString('hex'), '16 random bytes in hex'],
    [randomBytes(16).toString('base64url'), '16 random bytes in base64url (22 characters)'],
    ['dh_' + randomBytes(32).toString('base64url').slice(0, 20) + ' x', 'whitespace'],
  ])('refuses %j (%s) with advice, never echoing it', (token) => {
    let error: unknown;
    try {
      loadConfig({ DUOHUB_ADMIN_TOKEN: token });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HubConfigError);
    expect((error as HubConfigError).variable).toBe('DUOHUB_ADMIN_TOKEN');
    expect(String(error)).toContain('openssl rand -base64 32');
    if (token.length > 6) expect(String(error)).not.toContain(token);
  });

  it.each([
    ['dh_' + randomBytes(32).toString('base64url')],
    [randomBytes(32).toString('base64')],
    [randomBytes(32).toString('hex')],
    [`dh_test_${randomBytes(16).toString('hex')}`],
  ])('accepts %j', (token) => {
    expect(loadConfig({ DUOHUB_ADMIN_TOKEN: token }).adminToken).toBe(token);
  });
});

describe('replacing DUOHUB_ADMIN_TOKEN', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t?.close();
  });
  const status = async (token: string) => (await t.api('GET', '/api/organizations', { token })).status;

  it('revokes the earlier bootstrap token (audited) and keeps the generated one and look-alikes', async () => {
    const first = 'dh_' + randomBytes(32).toString('base64url');
    const second = 'dh_' + randomBytes(32).toString('base64url');
    const a = await ensureBootstrapToken(t.hub, first);
    expect(a.created).toBe(true);
    // A token someone merely named like the bootstrap one is not the operator's: it stays.
    const lookAlike = await t.api('POST', '/api/tokens', { body: { name: 'bootstrap (DUOHUB_ADMIN_TOKEN)', scopes: ['read'] } });
    expect(lookAlike.status).toBe(201);

    // Restarting with the same value changes nothing.
    expect(await ensureBootstrapToken(t.hub, first)).toEqual({ token: undefined, id: a.id, created: false });
    expect(await status(first)).toBe(200);

    const b = await ensureBootstrapToken(t.hub, second);
    expect(b.created).toBe(true);
    expect(await status(first)).toBe(401);
    expect(await status(second)).toBe(200);
    expect(await status(t.adminToken)).toBe(200);
    expect(await status(lookAlike.body.token)).toBe(200);

    const audit = await t.api('GET', '/api/audit?action=tokens.revoke');
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ target_id: a.id, actor: 'system', outcome: 'success' });

    // Going back to the old value neither brings it back (it was revoked) nor locks out its replacement.
    await ensureBootstrapToken(t.hub, first);
    expect(await status(first)).toBe(401);
    expect(await status(second)).toBe(200);
    expect(t.logs.some((l) => l.includes('DUOHUB_ADMIN_TOKEN was revoked'))).toBe(true);
    expect(t.logs.join('\n')).not.toContain(first);
    expect(t.logs.join('\n')).not.toContain(second);
  });
});
