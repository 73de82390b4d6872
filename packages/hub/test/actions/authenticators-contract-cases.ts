import { expect } from 'vitest';
import type { ContractCase, DuoCase } from './contract-cases.js';
import type { ContractFixture } from './contract-fixture.js';

/**
 * Contract cases of the authenticator actions (WebAuthn credentials, Duo Desktop authenticators,
 * shared device authentication, deprecated desktop tokens), run by the catalog's contract suite.
 */

const UNKNOWN_USER = 'DUNOSUCHUSER00000000';
const UNKNOWN_KEY = 'NOSUCHKEY00000000000';
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const notFound = (input: unknown): DuoCase => ({ input, code: 'not_found', status: 404, duoCode: 40401 });
const badKeys = (input: unknown = {}): DuoCase => ({ input, code: 'duo_error', status: 502, duoCode: 40103, keys: 'bad' });
const users = (fx: ContractFixture) => Object.values(fx.parent.users);
const withWebAuthn = (fx: ContractFixture) => users(fx).filter((u) => u.webauthn.length > 0);
const webauthnKeys = (fx: ContractFixture) => users(fx).flatMap((u) => u.webauthn.map((w) => w.webauthnkey));
const desktop = (fx: ContractFixture) => Object.values(fx.parent.desktop_authenticators ?? {});
const configs = (fx: ContractFixture) => Object.values(fx.parent.shared_device_auth ?? {});
const groupIds = (fx: ContractFixture) => Object.keys(fx.parent.groups);
const endpointId = 'DINOSUCHENDPOINT0000';

export const authenticatorContractCases: ContractCase[] = [
  {
    id: 'webauthn_credentials.list',
    valid: () => ({ input: { limit: 3 }, check: (out, fx) => {
      expect(out.items).toHaveLength(Math.min(3, webauthnKeys(fx).length));
      expect(out.total_objects).toBe(webauthnKeys(fx).length);
      for (const item of out.items) expect(webauthnKeys(fx)).toContain(item.webauthnkey);
    } }),
    invalid: { input: { limit: 0 }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'webauthn_credentials.get',
    valid: (fx) => {
      const u = withWebAuthn(fx)[0]!;
      const w = u.webauthn[0]!;
      return { input: { webauthnkey: w.webauthnkey }, check: (out) => {
        expect(out).toMatchObject({ webauthnkey: w.webauthnkey, credential_name: w.credential_name, label: w.label, date_added: w.date_added });
        expect(out.user.user_id).toBe(u.user_id);
      } };
    },
    invalid: { input: { webauthnkey: 'not a key' }, field: 'webauthnkey' },
    duo: () => notFound({ webauthnkey: UNKNOWN_KEY }),
  },
  {
    id: 'webauthn_credentials.delete',
    valid: (fx) => {
      // A credential of its own, so the seeded ones stay for the other cases.
      const u = users(fx).at(-1)!;
      const key = 'WACONTRACTDELETE0000';
      u.webauthn.push({ webauthnkey: key, credential_name: 'Spare key', label: 'Security key', date_added: 1 });
      return { input: { webauthnkey: key }, check: (out, f) => {
        expect(out).toEqual({ deleted: true, webauthnkey: key });
        expect(webauthnKeys(f)).not.toContain(key);
      } };
    },
    invalid: { input: {}, field: 'webauthnkey' },
    duo: () => ({ ...notFound({ webauthnkey: UNKNOWN_KEY }), dryRun: true }),
    dryRun: (fx) => {
      const w = withWebAuthn(fx)[0]!.webauthn[0]!;
      return { input: { webauthnkey: w.webauthnkey }, snapshot: () => json(webauthnKeys(fx)), check: (out) => expect(out.target.webauthnkey).toBe(w.webauthnkey) };
    },
  },
  {
    id: 'webauthn_credentials.list_for_user',
    valid: (fx) => {
      const u = withWebAuthn(fx)[0]!;
      return { input: { username: u.username }, check: (out) => {
        expect(out.user_id).toBe(u.user_id);
        expect(out.items.map((i: any) => i.webauthnkey)).toEqual(u.webauthn.map((w) => w.webauthnkey));
      } };
    },
    invalid: { input: { user_id: UNKNOWN_USER, username: 'both' }, field: 'user_id' },
    duo: () => notFound({ user_id: UNKNOWN_USER }),
  },
  {
    id: 'desktop_authenticators.list',
    valid: () => ({ input: {}, check: (out, fx) => {
      expect(out.items.map((d: any) => d.dakey).sort()).toEqual(desktop(fx).map((d) => d.dakey).sort());
      expect(out.total_objects).toBe(desktop(fx).length);
    } }),
    invalid: { input: { offset: -1 }, field: 'offset' },
    duo: () => badKeys(),
  },
  {
    id: 'desktop_authenticators.get',
    valid: (fx) => {
      const d = desktop(fx)[0]!;
      return { input: { dakey: d.dakey }, check: (out) => {
        expect(out).toMatchObject({ dakey: d.dakey, dacuid: d.dacuid, os_family: d.os_family });
        expect(out.user.user_id).toBe(d.user_id);
      } };
    },
    invalid: { input: { dakey: 'not a key' }, field: 'dakey' },
    duo: () => notFound({ dakey: UNKNOWN_KEY }),
  },
  {
    id: 'desktop_authenticators.delete',
    valid: (fx) => {
      const d = desktop(fx).at(-1)!;
      return { input: { dakey: d.dakey }, check: (out, f) => {
        expect(out).toEqual({ deleted: true, dakey: d.dakey });
        expect(f.parent.desktop_authenticators?.[d.dakey]).toBeUndefined();
      } };
    },
    invalid: { input: { dakey: '' }, field: 'dakey' },
    duo: () => ({ ...notFound({ dakey: UNKNOWN_KEY }), dryRun: true }),
    dryRun: (fx) => {
      const d = desktop(fx)[0]!;
      return { input: { dakey: d.dakey }, snapshot: () => json(fx.parent.desktop_authenticators), check: (out) => expect(out.target.dakey).toBe(d.dakey) };
    },
  },
  {
    id: 'desktop_authenticators.list_for_user',
    valid: (fx) => {
      const d = desktop(fx)[0]!;
      return { input: { user_id: d.user_id }, check: (out, f) => {
        expect(out.items.map((i: any) => i.dakey).sort()).toEqual(desktop(f).filter((x) => x.user_id === d.user_id).map((x) => x.dakey).sort());
      } };
    },
    invalid: { input: {}, field: 'user_id' },
    duo: () => notFound({ user_id: UNKNOWN_USER }),
  },
  {
    id: 'shared_device_auth.list',
    valid: () => ({ input: {}, check: (out, fx) => expect(out.items.map((c: any) => c.shared_device_key).sort()).toEqual(configs(fx).map((c) => c.shared_device_key).sort()) }),
    invalid: { input: { limit: 'ten' }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'shared_device_auth.get',
    valid: (fx) => {
      const c = configs(fx)[0]!;
      return { input: { shared_device_key: c.shared_device_key }, check: (out) => {
        expect(out).toMatchObject({ shared_device_key: c.shared_device_key, name: c.name, active: c.active, trusted_endpoint_integration_id_list: c.trusted_endpoint_integration_ids });
      } };
    },
    invalid: { input: { shared_device_key: 'a b' }, field: 'shared_device_key' },
    duo: () => notFound({ shared_device_key: UNKNOWN_KEY }),
  },
  {
    id: 'shared_device_auth.create',
    valid: (fx) => ({
      input: { group_id_list: groupIds(fx).slice(0, 1), trusted_endpoint_integration_id_list: [endpointId], name: 'Contract kiosks', active: false },
      check: (out, f) => {
        expect(out).toMatchObject({ name: 'Contract kiosks', active: false, group_id_list: groupIds(f).slice(0, 1) });
        expect(f.parent.shared_device_auth?.[out.shared_device_key]?.trusted_endpoint_integration_ids).toEqual([endpointId]);
      },
    }),
    invalid: { input: { group_id_list: [], trusted_endpoint_integration_id_list: [endpointId] }, field: 'group_id_list' },
    duo: () => ({ input: { group_id_list: ['DGNOSUCHGROUP0000000'], trusted_endpoint_integration_id_list: [endpointId] }, code: 'duo_rejected', status: 400, duoCode: 40002 }),
  },
  {
    id: 'shared_device_auth.update',
    valid: (fx) => {
      const c = configs(fx)[0]!;
      return { input: { shared_device_key: c.shared_device_key, name: 'Renamed kiosks', active: false }, check: (out, f) => {
        expect(out).toMatchObject({ name: 'Renamed kiosks', active: false });
        expect(f.parent.shared_device_auth?.[c.shared_device_key]?.name).toBe('Renamed kiosks');
      } };
    },
    invalid: { input: { shared_device_key: UNKNOWN_KEY }, field: 'shared_device_key' },
    duo: () => notFound({ shared_device_key: UNKNOWN_KEY, active: true }),
    dryRun: (fx) => {
      const c = configs(fx)[0]!;
      return { input: { shared_device_key: c.shared_device_key, active: !c.active }, snapshot: () => json(fx.parent.shared_device_auth), check: (out) => expect(out.diff.active).toEqual({ from: c.active, to: !c.active }) };
    },
  },
  {
    id: 'shared_device_auth.delete',
    valid: (fx) => {
      const c = configs(fx).at(-1)!;
      return { input: { shared_device_key: c.shared_device_key }, check: (out, f) => {
        expect(out.deleted).toBe(true);
        expect(f.parent.shared_device_auth?.[c.shared_device_key]).toBeUndefined();
      } };
    },
    invalid: { input: { shared_device_key: '' }, field: 'shared_device_key' },
    duo: () => ({ ...notFound({ shared_device_key: UNKNOWN_KEY }), dryRun: true }),
    dryRun: (fx) => {
      const c = configs(fx)[0]!;
      return { input: { shared_device_key: c.shared_device_key }, snapshot: () => json(fx.parent.shared_device_auth), check: (out) => expect(out.target.shared_device_key).toBe(c.shared_device_key) };
    },
  },
  {
    id: 'desktop_tokens.list',
    valid: () => ({ input: {}, check: (out, fx) => {
      expect(out.items).toHaveLength(Object.keys(fx.parent.desktop_tokens ?? {}).length);
      for (const item of out.items) expect(item.type).toBe('Desktop Token');
    } }),
    invalid: { input: { limit: 10_001 }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'desktop_tokens.delete',
    valid: (fx) => {
      const t = Object.values(fx.parent.desktop_tokens ?? {})[0]!;
      return { input: { desktoptoken_id: t.desktoptoken_id }, check: (out, f) => {
        expect(out.deleted).toBe(true);
        expect(f.parent.desktop_tokens?.[t.desktoptoken_id]).toBeUndefined();
      } };
    },
    invalid: { input: { desktoptoken_id: '' }, field: 'desktoptoken_id' },
    duo: () => ({ ...notFound({ desktoptoken_id: UNKNOWN_KEY }), dryRun: true }),
    dryRun: (fx) => {
      // The seeded token is gone once the valid case ran; a fresh one keeps the dry run meaningful.
      const id = 'DTCONTRACTDRYRUN0000';
      fx.parent.desktop_tokens = { ...fx.parent.desktop_tokens, [id]: { desktoptoken_id: id, name: 'dry', platform: 'windows', user_ids: [] } };
      return { input: { desktoptoken_id: id }, snapshot: () => json(fx.parent.desktop_tokens), check: (out) => expect(out.target.desktoptoken_id).toBe(id) };
    },
  },
];
