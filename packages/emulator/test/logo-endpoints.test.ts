import { DuoAdminClient, DuoAuthClient, DuoConfigError } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { createEmulator, type EmulatorOptions } from '../src/index.js';
import { DEMO_LOGO_PNG_BASE64 } from '../src/seed/demo-logo.js';
import { bind, parentKey } from './helpers/duo-call.js';
import { makePng } from './support-governance-misc/make-png.js';

/**
 * The Admin API logo in the emulator: raw PNG answers, Duo's checks on a new logo, the option
 * for Duo's unverified "no logo" code, and the Auth API's `/auth/v2/logo` showing the same logo.
 */

function start(options: EmulatorOptions = {}) {
  const emu = createEmulator({ seed: 'demo', rateLimits: false, ...options });
  const parent = emu.state.accounts[emu.state.parent_account_id]!;
  const key = parentKey(emu, 'admin');
  const authKey = parentKey(emu, 'auth');
  const admin = new DuoAdminClient({ host: key.api_hostname, ikey: key.integration_key, skey: key.secret_key, fetch: emu.fetch, retry: false, pacing: false });
  const auth = new DuoAuthClient({ host: authKey.api_hostname, ikey: authKey.integration_key, skey: authKey.secret_key, fetch: emu.fetch, retry: false, pacing: false });
  return { emu, parent, admin, auth, raw: bind(emu, key) };
}

describe('admin logo', () => {
  it('answers the PNG bytes as image/png', async () => {
    const { admin } = start();
    const logo = await admin.logo.get();
    expect(logo.contentType).toBe('image/png');
    expect(logo.data.equals(Buffer.from(DEMO_LOGO_PNG_BASE64, 'base64'))).toBe(true);
  });

  it('replaces the logo, and the Auth API serves the new one', async () => {
    const { admin, auth, parent } = start();
    const png = makePng(64, 48, { shade: 7 });
    await admin.logo.update(png);
    expect((await admin.logo.get()).data.equals(png)).toBe(true);
    expect((await auth.logo()).data.equals(png)).toBe(true);
    expect(parent.logo_png_base64).toBe(png.toString('base64'));
    await admin.logo.update(makePng(10, 10).toString('base64'));
    expect((await auth.logo()).data.equals(makePng(10, 10))).toBe(true);
  });

  it('deletes the logo (idempotently); then both APIs answer 400/40002 "Logo not found"', async () => {
    const { admin, auth, parent } = start();
    await admin.logo.delete();
    await admin.logo.delete();
    expect(parent.logo_png_base64).toBeUndefined();
    await expect(admin.logo.get()).rejects.toMatchObject({ status: 400, code: 40002, message: expect.stringContaining('Logo not found') });
    await expect(auth.logo()).rejects.toMatchObject({ status: 400, code: 40002 });
  });

  it('answers 404/40401 for a missing logo with missingLogoCode: 40401', async () => {
    const { admin } = start({ missingLogoCode: 40401 });
    await admin.logo.delete();
    await expect(admin.logo.get()).rejects.toMatchObject({ status: 404, code: 40401 });
  });

  it.each<[string, Record<string, string>, number]>([
    ['no logo', {}, 40001],
    ['not base64', { logo: '***' }, 40002],
    ['a GIF', { logo: Buffer.from('GIF89a' + '\0'.repeat(40)).toString('base64') }, 40002],
    ['501 pixels wide', { logo: makePng(501, 20).toString('base64') }, 40002],
    ['over 200 KB', { logo: makePng(480, 480, { noise: true }).toString('base64') }, 40002],
  ])('refuses %s and keeps the old logo', async (_name, params, code) => {
    const { raw, parent } = start();
    const res = await raw('POST', '/admin/v1/logo', params, { sigVersion: 2 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ stat: 'FAIL', code, message_detail: 'logo' });
    expect(parent.logo_png_base64).toBe(DEMO_LOGO_PNG_BASE64);
  });

  it('follows the logoMaxBytes and logoMaxPixels options', async () => {
    const { admin } = start({ logoMaxBytes: 50, logoMaxPixels: 8 });
    await expect(admin.logo.update(makePng(9, 2))).rejects.toMatchObject({ status: 400, code: 40002 });
    const small = start({ logoMaxPixels: 8 });
    await expect(small.admin.logo.update(makePng(8, 8))).resolves.toBeUndefined();
  });

  it('the SDK refuses anything but a PNG before signing it', async () => {
    const { admin, emu } = start();
    const before = JSON.stringify(emu.stats().requests);
    for (const bad of [Buffer.from('plain text, no image'), 'not base64 at all!', Buffer.from('GIF89a' + '\0'.repeat(40)).toString('base64')]) {
      const error = await admin.logo.update(bad).catch((e) => e);
      expect(error).toBeInstanceOf(DuoConfigError);
      expect(error.field).toBe('logo');
    }
    expect(JSON.stringify(emu.stats().requests)).toBe(before);
  });

  it('needs Grant settings', async () => {
    const { admin, parent } = start();
    const integration = Object.values(parent.integrations).find((i) => i.type === 'admin')!;
    integration.grants = { ...integration.grants!, settings: false };
    for (const call of [() => admin.logo.get(), () => admin.logo.update(makePng(2, 2)), () => admin.logo.delete()]) {
      await expect(call()).rejects.toMatchObject({ status: 403, code: 40301 });
    }
    expect(parent.logo_png_base64).toBe(DEMO_LOGO_PNG_BASE64);
  });
});
