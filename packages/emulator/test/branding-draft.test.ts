import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BRANDING } from '../src/state/branding-records.js';
import { demoFixture, type DemoFixture } from './support-auth/demo-fixture.js';

/**
 * Custom branding and custom messaging on the wire: live and draft kept apart until publishing,
 * the users who see the draft, image and color checks, and custom messaging live at once.
 */

/** A PNG header declaring `side` x `side` pixels, base64 (the emulator reads only the header). */
function png(side: number): string {
  const bytes = Buffer.alloc(48);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(side, 16);
  bytes.writeUInt32BE(side, 20);
  return bytes.toString('base64');
}

describe('custom branding', () => {
  let f: DemoFixture;
  beforeEach(() => {
    f = demoFixture();
  });
  const get = async (path: string) => (await f.adminCall('GET', path)).body.response;

  it("starts from the defaults, the draft a copy of live that nobody sees", async () => {
    expect(await get('/admin/v1/branding')).toEqual(DEFAULT_BRANDING);
    expect(await get('/admin/v1/branding/draft')).toEqual({ ...DEFAULT_BRANDING, user_ids: [] });
  });

  it('changes live branding at once with a v2 form, keeping fields not sent', async () => {
    const logo = png(64);
    const answer = await f.adminCall('POST', '/admin/v1/branding', { card_accent_color: '#123', powered_by_duo: 'false', logo });
    expect(answer.status).toBe(200);
    expect(answer.body.response).toEqual({ ...DEFAULT_BRANDING, card_accent_color: '#123', powered_by_duo: false, logo });
    expect(await get('/admin/v1/branding')).toMatchObject({ card_accent_color: '#123', page_background_color: DEFAULT_BRANDING.page_background_color });
    // The account has one logo: the Auth API serves the branding logo.
    const served = await f.authCall('GET', '/auth/v2/logo');
    expect(Buffer.from(served.bytes).toString('base64')).toBe(logo);
    expect((await f.adminCall('POST', '/admin/v1/branding', { logo: '' })).body.response.logo).toBe('');
    expect(f.account.logo_png_base64).toBeUndefined();
  });

  it('keeps the draft apart from live until it is published', async () => {
    const [alice, bob] = Object.values(f.account.users);
    const draft = await f.adminCall('POST', '/admin/v1/branding/draft', { page_background_color: '#000000', sso_custom_username_label: 'Staff ID', user_ids: `${alice!.user_id},${bob!.user_id}` });
    expect(draft.body.response).toMatchObject({ page_background_color: '#000000', sso_custom_username_label: 'Staff ID', user_ids: [alice!.user_id, bob!.user_id] });
    expect((await get('/admin/v1/branding')).page_background_color).toBe(DEFAULT_BRANDING.page_background_color);
    const published = await f.adminCall('POST', '/admin/v1/branding/draft/publish');
    expect(published.body.response).toMatchObject({ page_background_color: '#000000', sso_custom_username_label: 'Staff ID' });
    expect(published.body.response).not.toHaveProperty('user_ids');
    expect(await get('/admin/v1/branding')).toEqual(published.body.response);
    // Publishing removes the draft: it starts again from the new live branding, seen by nobody.
    expect(await get('/admin/v1/branding/draft')).toEqual({ ...published.body.response, user_ids: [] });
  });

  it('adds users to the draft one at a time, from a v5 JSON list, and leaves deleted users out', async () => {
    const users = Object.values(f.account.users);
    const one = await f.adminCall('POST', `/admin/v1/branding/draft/users/${users[0]!.user_id}`);
    expect(one.body.response.user_ids).toEqual([users[0]!.user_id]);
    expect((await f.adminCall('POST', `/admin/v1/branding/draft/users/${users[0]!.user_id}`)).body.response.user_ids).toEqual([users[0]!.user_id]);
    const replaced = await f.adminCall('POST', '/admin/v1/branding/draft', { user_ids: [users[1]!.user_id, users[2]!.user_id] }, { sigVersion: 5 });
    expect(replaced.body.response.user_ids).toEqual([users[1]!.user_id, users[2]!.user_id]);
    await f.adminCall('DELETE', `/admin/v1/users/${users[1]!.user_id}`);
    expect((await get('/admin/v1/branding/draft')).user_ids).toEqual([users[2]!.user_id]);
    expect((await f.adminCall('POST', '/admin/v1/branding/draft', { user_ids: '' })).body.response.user_ids).toEqual([]);
  });

  it("refuses what Duo refuses, naming the field, and changes nothing", async () => {
    const before = await get('/admin/v1/branding/draft');
    for (const [path, params, field, code] of [
      ['/admin/v1/branding', { card_accent_color: 'red' }, 'card_accent_color', 40002],
      ['/admin/v1/branding', { page_background_color: '#12345' }, 'page_background_color', 40002],
      ['/admin/v1/branding', { logo: png(600) }, 'logo', 40002],
      ['/admin/v1/branding', { background_img: 'bm90IGEgcG5n' }, 'background_img', 40002],
      ['/admin/v1/branding', { powered_by_duo: 'maybe' }, 'powered_by_duo', 40002],
      ['/admin/v1/branding/draft', { user_ids: 'DUNOSUCHUSER00000000' }, 'user_ids', 40002],
      ['/admin/v1/branding/draft', { logo: png(8), card_accent_color: '#fff' }, 'logo', 40002],
      ['/admin/v1/branding/draft/users/DUNOSUCHUSER00000000', {}, 'user_id', 40401],
    ] as const) {
      const answer = await f.adminCall('POST', path, params);
      expect(answer.body, `${path} ${JSON.stringify(params)}`).toMatchObject({ stat: 'FAIL', code, message_detail: field });
    }
    expect(await get('/admin/v1/branding/draft')).toEqual(before);
    expect(await get('/admin/v1/branding')).toEqual(DEFAULT_BRANDING);
  });

  it('answers 40301 without the settings grant', async () => {
    f.account.integrations[f.admin.integration_key]!.grants!.settings = false;
    for (const [method, path] of [
      ['GET', '/admin/v1/branding'],
      ['POST', '/admin/v1/branding/draft/publish'],
      ['GET', '/admin/v1/branding/custom_messaging'],
    ] as const) {
      expect(await f.adminCall(method, path), path).toMatchObject({ status: 403, body: { code: 40301 } });
    }
  });
});

describe('custom messaging', () => {
  it('is live at once: links replaced, text and locale kept until changed', async () => {
    const f = demoFixture();
    const path = '/admin/v1/branding/custom_messaging';
    expect((await f.adminCall('GET', path)).body.response).toEqual({ help_links: [], help_text: '', locale: 'en_US' });
    const set = await f.adminCall('POST', path, { help_links: 'https://help.example.com,http://wiki.example.com/mfa', help_text: 'Call the desk on 555-0100', locale: 'de_DE' });
    expect(set.body.response).toEqual({ help_links: ['https://help.example.com', 'http://wiki.example.com/mfa'], help_text: 'Call the desk on 555-0100', locale: 'de_DE' });
    const links = await f.adminCall('POST', path, { help_links: ['https://only.example.com'] }, { sigVersion: 5 });
    expect(links.body.response).toEqual({ help_links: ['https://only.example.com'], help_text: 'Call the desk on 555-0100', locale: 'de_DE' });
    expect((await f.adminCall('GET', path)).body.response).toEqual(links.body.response);
    for (const [params, field] of [
      [{ help_links: 'https://a.example,https://b.example,https://c.example' }, 'help_links'],
      [{ help_links: 'ftp://files.example' }, 'help_links'],
      [{ help_text: 'x'.repeat(201) }, 'help_text'],
      [{ locale: 'xx_XX' }, 'locale'],
    ] as const) {
      expect((await f.adminCall('POST', path, params)).body, JSON.stringify(params)).toMatchObject({ code: 40002, message_detail: field });
    }
    expect((await f.adminCall('GET', path)).body.response).toEqual(links.body.response);
  });
});
