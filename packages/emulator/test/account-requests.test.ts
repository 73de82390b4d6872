import { describe, expect, it } from 'vitest';
import { demoFixture } from './support-auth/demo-fixture.js';

describe('stats: requests per Duo account', () => {
  it('counts each request under the account its keys belong to, refusals after that included, and nothing for the parent', async () => {
    const f = demoFixture();
    const parentId = f.emu.state.parent_account_id;
    const user = Object.values(f.account.users)[0]!;
    expect((await f.authCall('GET', '/auth/v2/check')).status).toBe(200);
    await f.authCall('POST', '/auth/v2/preauth', { username: user.username });
    // Admin keys on an Auth API route: refused (403) after the account is known, so still counted there.
    expect((await f.adminCall('GET', '/auth/v2/check')).status).toBe(403);

    const stats = f.emu.stats();
    expect(stats.accountRequests[f.account.account_id]).toEqual({ 'GET /auth/v2/check': 2, 'POST /auth/v2/preauth': 1 });
    expect(stats.accountRequests[parentId]).toBeUndefined();
    f.emu.reset();
    expect(f.emu.stats().accountRequests).toEqual({});
  });

  it('a bad signature is not attributed to any account (it never named one)', async () => {
    const f = demoFixture();
    const res = await f.emu.fetch(new Request(`https://${f.account.api_hostname}/auth/v2/check`, { headers: { authorization: 'Basic eDp5' } }));
    expect(res.status).toBe(401);
    expect(f.emu.stats().accountRequests).toEqual({});
  });
});
