import { DuoAdminClient } from '@duohub/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import type { Account } from '../src/state/types.js';
import { bind, parentKey } from './helpers/duo-call.js';

/**
 * Duo Passport configuration in the emulator: Duo's answer shape (groups as objects), JSON-only
 * changes, group checks, `null` lists, browsers, and group deletes reaching the configuration.
 */

let emu: Emulator;
let parent: Account;
let admin: DuoAdminClient;
let raw: ReturnType<typeof bind>;

beforeEach(() => {
  emu = createEmulator({ seed: 'demo', rateLimits: false });
  parent = emu.state.accounts[emu.state.parent_account_id]!;
  const key = parentKey(emu, 'admin');
  admin = new DuoAdminClient({ host: key.api_hostname, ikey: key.integration_key, skey: key.secret_key, fetch: emu.fetch, retry: false, pacing: false });
  raw = bind(emu, key);
});

const group = (i: number) => Object.values(parent.groups)[i]!;

describe('passport configuration', () => {
  it('starts disabled and reading it stores nothing', async () => {
    expect(await admin.passport.get()).toEqual({ enabled_status: 'disabled', enabled_groups: [], disabled_groups: [], custom_supported_browsers: { macos: [], windows: [] } });
    expect(parent.passport_config).toBeUndefined();
  });

  it('enables Passport for groups and answers them as {group_id, group_name}', async () => {
    const out = await admin.passport.update({
      enabled_status: 'enabled-for-groups',
      enabled_groups: [group(0).group_id, group(1).group_id],
      custom_supported_browsers: { macos: [{ team_id: 'UBF8T346G9' }], windows: [{ common_name: 'Duo Security LLC' }] },
    });
    expect(out).toEqual({
      enabled_status: 'enabled-for-groups',
      enabled_groups: [
        { group_id: group(0).group_id, group_name: group(0).name },
        { group_id: group(1).group_id, group_name: group(1).name },
      ],
      disabled_groups: [],
      custom_supported_browsers: { macos: [{ team_id: 'UBF8T346G9' }], windows: [{ common_name: 'Duo Security LLC' }] },
    });
    expect(await admin.passport.get()).toEqual(out);
  });

  it('keeps fields left out, empties lists sent as null, and replaces lists given', async () => {
    await admin.passport.update({ enabled_status: 'enabled-with-exceptions', disabled_groups: [group(0).group_id], custom_supported_browsers: { windows: [{ common_name: 'Acme' }] } });
    const kept = await admin.passport.update({ enabled_status: 'enabled-with-exceptions' });
    expect(kept.disabled_groups.map((g) => g.group_id)).toEqual([group(0).group_id]);
    expect(kept.custom_supported_browsers).toEqual({ macos: [], windows: [{ common_name: 'Acme' }] });
    const replaced = await admin.passport.update({ enabled_status: 'enabled-with-exceptions', disabled_groups: [group(2).group_id] });
    expect(replaced.disabled_groups.map((g) => g.group_id)).toEqual([group(2).group_id]);
    // duo_client_python sends null for the lists it was not given.
    const body = JSON.stringify({ custom_supported_browsers: null, disabled_groups: null, enabled_groups: null, enabled_status: 'enabled' });
    const nulled = await raw('POST', '/admin/v2/passport/config', {}, { rawBody: body });
    expect(nulled.status).toBe(200);
    expect(nulled.body.response).toMatchObject({ enabled_status: 'enabled', enabled_groups: [], disabled_groups: [], custom_supported_browsers: { macos: [], windows: [] } });
  });

  it.each<[string, Record<string, unknown>, number, string]>([
    ['no status', { enabled_groups: [] }, 40001, 'enabled_status'],
    ['an unknown status', { enabled_status: 'on' }, 40002, 'enabled_status'],
    ['an unknown group', { enabled_status: 'enabled-for-groups', enabled_groups: ['DGNOSUCHGROUP0000000'] }, 40002, 'enabled_groups'],
    ['a blank group id', { enabled_status: 'enabled-with-exceptions', disabled_groups: [''] }, 40002, 'disabled_groups'],
    ['browsers as a list', { enabled_status: 'enabled', custom_supported_browsers: [] }, 40002, 'custom_supported_browsers'],
    ['an unknown platform', { enabled_status: 'enabled', custom_supported_browsers: { linux: [] } }, 40002, 'custom_supported_browsers'],
    ['a macOS browser without team_id', { enabled_status: 'enabled', custom_supported_browsers: { macos: [{ common_name: 'x' }] } }, 40002, 'custom_supported_browsers'],
  ])('refuses %s', async (_name, body, code, detail) => {
    const error = await admin.request('POST', '/admin/v2/passport/config', body as never).catch((e) => e);
    expect(error).toMatchObject({ status: 400, code, messageDetail: detail });
    expect(parent.passport_config).toBeUndefined();
  });

  it('drops a deleted group from the configuration', async () => {
    await admin.passport.update({ enabled_status: 'enabled-for-groups', enabled_groups: [group(0).group_id, group(1).group_id] });
    const gone = group(0).group_id;
    await admin.groups.delete(gone);
    expect((await admin.passport.get()).enabled_groups.map((g) => g.group_id)).toEqual([group(0).group_id]);
    expect(parent.passport_config!.enabled_group_ids).not.toContain(gone);
  });

  it('needs Grant read resource to read and Grant write resource to change', async () => {
    const integration = Object.values(parent.integrations).find((i) => i.type === 'admin')!;
    integration.grants = { ...integration.grants!, read_resource: false, write_resource: false };
    await expect(admin.passport.get()).rejects.toMatchObject({ status: 403, code: 40301 });
    await expect(admin.passport.update({ enabled_status: 'enabled' })).rejects.toMatchObject({ status: 403, code: 40301 });
    integration.grants = { ...integration.grants, read_resource: true };
    await expect(admin.passport.get()).resolves.toMatchObject({ enabled_status: 'disabled' });
  });

  it('is answered to a signed JSON request from any client', async () => {
    const res = await raw('GET', '/admin/v2/passport/config');
    expect(res.status).toBe(200);
    expect(res.body.response.enabled_status).toBe('disabled');
  });
});
