import type { Account, Integration } from '@duohub/emulator';
import { expect } from 'vitest';
import type { ContractCase, DuoCase } from './contract-cases.js';
import type { ContractFixture } from './contract-fixture.js';

/**
 * Contract cases of the integrations ("applications") actions, run by the catalog's contract suite.
 * The seeded API integrations sign every other family's calls, so cases that change or delete an
 * application make their own first.
 */

const UNKNOWN_IKEY = 'DINOSUCHINTEGRATION0';
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const notFound = (input: unknown): DuoCase => ({ input, code: 'not_found', status: 404, duoCode: 40401 });
const rejected = (input: unknown): DuoCase => ({ input, code: 'duo_rejected', status: 400, duoCode: 40002 });
const badKeys = (input: unknown = {}): DuoCase => ({ input, code: 'duo_error', status: 502, duoCode: 40103, keys: 'bad' });
const MASKED = /^\*{36}[A-Za-z0-9]{4}$/;
const seededAuth = (fx: ContractFixture) => Object.values(fx.parent.integrations).find((i) => i.type === 'auth' && !i.wire_type)!;
const groupIds = (a: Account) => Object.keys(a.groups);

const OAUTH_CLIENT = 'DCCONTRACTCLIENT0000';

/**
 * An OAuth client-credentials or OIDC application put straight into the parent's state (the
 * CLI contract cannot type the nested sso settings that create them; integrations-contract.test.ts
 * creates them through the API). `tag` keeps each case's application its own.
 */
function ssoApp(fx: ContractFixture, kind: 'oauth' | 'oidc', tag: string): Integration {
  const key = `DICONTRACT${kind.toUpperCase()}${tag}`.padEnd(20, '0').slice(0, 20);
  const secret = (c: string) => `${c}${tag}`.padEnd(40, c);
  const sso: NonNullable<Integration['details']>['sso'] =
    kind === 'oauth'
      ? { oauth_config: { clients: [{ client_id: OAUTH_CLIENT, name: 'nightly job', description: '', assigned_scopes_ids: [], client_secret: secret('C') }], scopes: [] } }
      : { oidc_config: { redirect_uris: ['https://rp.example/cb'] }, oidc_client_secret: secret('O') };
  fx.parent.integrations[key] ??= {
    integration_key: key,
    secret_key: 'S'.repeat(40),
    name: kind === 'oauth' ? 'Contract OAuth' : 'Contract OIDC',
    type: 'auth',
    wire_type: kind === 'oauth' ? 'sso-oauth-client-credentials' : 'sso-oidc-generic',
    details: {
      notes: '',
      greeting: '',
      enroll_policy: 'enroll',
      groups_allowed: [],
      user_access: 'ALL_USERS',
      ip_whitelist: [],
      ip_whitelist_enroll_policy: 'enforce',
      self_service_allowed: false,
      username_normalization_policy: 'None',
      trusted_device_days: null,
      networks_for_api_access: '',
      allow_to_set_permissions: false,
      sso,
    },
  };
  return fx.parent.integrations[key]!;
}
const oauthSecret = (i: Integration) => i.details!.sso!.oauth_config!.clients[0]!.client_secret;
const oidcSecret = (i: Integration) => i.details!.sso!.oidc_client_secret!;

export const integrationContractCases: ContractCase[] = [
  {
    id: 'integrations.list',
    valid: () => ({
      input: { limit: 2 },
      check: (out, fx) => {
        expect(out.items).toHaveLength(2);
        expect(out.total_objects).toBe(Object.keys(fx.parent.integrations).length);
        expect(out.next_offset).toBe(2);
        for (const item of out.items) {
          expect(fx.parent.integrations[item.integration_key]).toBeDefined();
          expect(item.secret_key).toMatch(MASKED);
        }
      },
    }),
    invalid: { input: { limit: 0 }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'integrations.get',
    valid: (fx) => {
      const i = seededAuth(fx);
      return {
        input: { integration_key: i.integration_key },
        check: (out) => {
          expect(out).toMatchObject({ integration_key: i.integration_key, name: i.name, type: 'authapi', enroll_policy: 'enroll', groups_allowed: [] });
          expect(out.secret_key).toMatch(MASKED);
          expect(out.secret_key).not.toBe(i.secret_key);
          expect(out).not.toHaveProperty('user_access');
        },
      };
    },
    invalid: { input: { integration_key: 'not a key' }, field: 'integration_key' },
    duo: () => notFound({ integration_key: UNKNOWN_IKEY }),
  },
  {
    id: 'integrations.get_latest',
    valid: (fx) => {
      const i = Object.values(fx.parent.integrations).find((x) => x.type === 'admin')!;
      return {
        input: { integration_key: i.integration_key },
        check: (out) => {
          expect(out).toMatchObject({ integration_key: i.integration_key, type: 'adminapi', user_access: 'ALL_USERS', adminapi_read_resource: 1, adminapi_integrations: 1 });
          expect(out.secret_key).toMatch(MASKED);
        },
      };
    },
    invalid: { input: {}, field: 'integration_key' },
    duo: () => notFound({ integration_key: UNKNOWN_IKEY }),
  },
  {
    id: 'integrations.create',
    // Generic SSO applications (nested sso settings) are created in integrations-contract.test.ts.
    valid: (fx) => ({
      input: { name: 'Contract Web SDK', type: 'websdk', notes: 'intranet', groups_allowed: groupIds(fx.parent).slice(0, 1) },
      check: (out, f) => {
        expect(out).toMatchObject({ name: 'Contract Web SDK', type: 'websdk', notes: 'intranet', groups_allowed: groupIds(f.parent).slice(0, 1) });
        expect(out.secret_key).toMatch(MASKED);
        expect(out).not.toHaveProperty('adminapi_read_resource');
        expect(f.parent.integrations[out.integration_key]).toMatchObject({ type: 'auth', wire_type: 'websdk', name: 'Contract Web SDK' });
        expect(f.parent.integrations[out.integration_key]!.details!.user_access).toBe('PERMITTED_GROUPS');
      },
    }),
    invalid: { input: { type: 'authapi' }, field: 'name' },
    duo: () => rejected({ name: 'Never made', type: 'no-such-type' }),
  },
  {
    id: 'integrations.create_latest',
    // The MSP's way: an Auth API application for a customer, made with the parent's Accounts API keys.
    on: 'child',
    valid: (fx) => ({
      input: { name: 'Contract Auth API', type: 'authapi', user_access: 'PERMITTED_GROUPS', groups_allowed: groupIds(fx.child).slice(0, 1) },
      check: (out, f) => {
        expect(out).toMatchObject({ name: 'Contract Auth API', type: 'authapi', user_access: 'PERMITTED_GROUPS', groups_allowed: groupIds(f.child).slice(0, 1) });
        expect(f.child.integrations[out.integration_key]).toMatchObject({ type: 'auth', wire_type: 'authapi' });
        expect(f.parent.integrations[out.integration_key]).toBeUndefined();
      },
    }),
    invalid: { input: { name: 'x', type: 'authapi', user_access: 'SOME_USERS' }, field: 'user_access' },
    duo: () => rejected({ name: 'No groups', type: 'authapi', user_access: 'PERMITTED_GROUPS' }),
  },
  {
    id: 'integrations.create_legacy',
    valid: () => ({
      input: { name: 'Contract Unix', type: 'unix', notes: 'jump hosts', trusted_device_days: 14 },
      check: (out, fx) => {
        expect(out).toMatchObject({ name: 'Contract Unix', type: 'unix', notes: 'jump hosts', trusted_device_days: 14 });
        expect(fx.parent.integrations[out.integration_key]?.type).toBe('auth');
      },
    }),
    invalid: { input: { name: '', type: 'unix' }, field: 'name' },
    duo: () => rejected({ name: 'SSO through v1', type: 'sso-generic' }),
  },
  {
    id: 'integrations.update',
    valid: async (fx, run) => {
      const made = await run('integrations.create', { name: 'Contract reader', type: 'adminapi', adminapi_read_resource: true });
      return {
        input: { integration_key: made.integration_key, name: 'Contract reader+log', adminapi_read_log: true, ip_whitelist: ['192.0.2.0/24'] },
        check: (out, f) => {
          expect(out).toMatchObject({ name: 'Contract reader+log', adminapi_read_resource: 1, adminapi_read_log: 1, adminapi_write_resource: 0, ip_whitelist: ['192.0.2.0/24'] });
          expect(f.parent.integrations[made.integration_key]?.grants).toMatchObject({ read_resource: true, read_log: true, write_resource: false });
        },
      };
    },
    invalid: { input: { integration_key: UNKNOWN_IKEY, trusted_device_days: 400 }, field: 'trusted_device_days' },
    duo: () => notFound({ integration_key: UNKNOWN_IKEY, name: 'x' }),
    dryRun: (fx) => {
      const i = seededAuth(fx);
      return {
        input: { integration_key: i.integration_key, notes: 'would be changed', enroll_policy: 'deny' },
        snapshot: () => json(fx.parent.integrations),
        check: (out) => {
          expect(out.diff).toEqual({ notes: { from: '', to: 'would be changed' }, enroll_policy: { from: 'enroll', to: 'deny' } });
          expect(out.target.secret_key).toMatch(MASKED);
        },
      };
    },
  },
  {
    id: 'integrations.update_latest',
    valid: async (fx, run) => {
      const made = await run('integrations.create', { name: 'Contract closing', type: 'websdk' });
      return {
        input: { integration_key: made.integration_key, user_access: 'NO_USERS', notes: 'closed' },
        check: (out, f) => {
          expect(out).toMatchObject({ user_access: 'NO_USERS', notes: 'closed', type: 'websdk' });
          expect(f.parent.integrations[made.integration_key]?.details?.user_access).toBe('NO_USERS');
        },
      };
    },
    invalid: { input: { integration_key: UNKNOWN_IKEY, user_access: 'EVERYONE' }, field: 'user_access' },
    duo: (fx) => rejected({ integration_key: seededAuth(fx).integration_key, groups_allowed: ['DGNOSUCHGROUP0000000'] }),
    dryRun: (fx) => {
      const i = seededAuth(fx);
      return {
        input: { integration_key: i.integration_key, user_access: 'NO_USERS' },
        snapshot: () => json(fx.parent.integrations),
        check: (out) => expect(out.diff).toEqual({ user_access: { from: 'ALL_USERS', to: 'NO_USERS' } }),
      };
    },
  },
  {
    id: 'integrations.delete',
    valid: async (fx, run) => {
      const made = await run('integrations.create', { name: 'Contract doomed', type: 'authapi' });
      return {
        input: { integration_key: made.integration_key },
        check: (out, f) => {
          expect(out).toEqual({ deleted: true, integration_key: made.integration_key });
          expect(f.parent.integrations[made.integration_key]).toBeUndefined();
        },
      };
    },
    invalid: { input: { integration_key: '' }, field: 'integration_key' },
    duo: () => ({ ...notFound({ integration_key: UNKNOWN_IKEY }), dryRun: true }),
    dryRun: (fx) => {
      const i = seededAuth(fx);
      return {
        input: { integration_key: i.integration_key },
        snapshot: () => json(Object.keys(fx.parent.integrations)),
        check: (out) => {
          expect(out.target.integration_key).toBe(i.integration_key);
          expect(out.changes).toContain('stop working');
        },
      };
    },
  },
  {
    id: 'integrations.get_secret_key',
    valid: (fx) => {
      const i = seededAuth(fx);
      return { input: { integration_key: i.integration_key }, check: (out) => expect(out).toEqual({ secret_key: i.secret_key }) };
    },
    invalid: { input: { integration_key: 'DI123' }, field: 'integration_key' },
    duo: () => notFound({ integration_key: UNKNOWN_IKEY }),
  },
  {
    id: 'integrations.get_oauth_client_secret',
    valid: (fx) => {
      const app = ssoApp(fx, 'oauth', 'GET');
      return {
        input: { integration_key: app.integration_key, client_id: OAUTH_CLIENT },
        check: (out, f) => expect(out).toEqual({ client_secret: oauthSecret(f.parent.integrations[app.integration_key]!) }),
      };
    },
    invalid: { input: { integration_key: UNKNOWN_IKEY, client_id: 'a b' }, field: 'client_id' },
    duo: (fx) => notFound({ integration_key: ssoApp(fx, 'oauth', 'GET').integration_key, client_id: 'DCNOSUCHCLIENT000000' }),
  },
  {
    id: 'integrations.rotate_oauth_client_secret',
    valid: (fx) => {
      const app = ssoApp(fx, 'oauth', 'ROT');
      const old = oauthSecret(app);
      return {
        input: { integration_key: app.integration_key, client_id: OAUTH_CLIENT },
        check: (out, f) => {
          expect(out.client_secret).not.toBe(old);
          expect(out.client_secret).toHaveLength(40);
          expect(out).toEqual({ client_secret: oauthSecret(f.parent.integrations[app.integration_key]!) });
        },
      };
    },
    invalid: { input: { integration_key: UNKNOWN_IKEY }, field: 'client_id' },
    duo: () => notFound({ integration_key: UNKNOWN_IKEY, client_id: OAUTH_CLIENT }),
    dryRun: (fx) => {
      const app = ssoApp(fx, 'oauth', 'DRY');
      return {
        input: { integration_key: app.integration_key, client_id: OAUTH_CLIENT },
        snapshot: () => json(fx.parent.integrations[app.integration_key]),
        check: (out) => {
          expect(out.changes).toContain('nightly job');
          expect(JSON.stringify(out)).not.toContain(oauthSecret(app));
        },
      };
    },
  },
  {
    id: 'integrations.get_oidc_client_secret',
    valid: (fx) => {
      const app = ssoApp(fx, 'oidc', 'GET');
      return {
        input: { integration_key: app.integration_key },
        check: (out, f) => expect(out).toEqual({ client_secret: oidcSecret(f.parent.integrations[app.integration_key]!) }),
      };
    },
    invalid: { input: { integration_key: 'di-lowercase' }, field: 'integration_key' },
    // An application of another type has no OIDC client secret.
    duo: (fx) => notFound({ integration_key: seededAuth(fx).integration_key }),
  },
  {
    id: 'integrations.rotate_oidc_client_secret',
    valid: (fx) => {
      const app = ssoApp(fx, 'oidc', 'ROT');
      const old = oidcSecret(app);
      return {
        input: { integration_key: app.integration_key },
        check: (out, f) => {
          expect(out.client_secret).not.toBe(old);
          expect(out).toEqual({ client_secret: oidcSecret(f.parent.integrations[app.integration_key]!) });
        },
      };
    },
    invalid: { input: {}, field: 'integration_key' },
    duo: () => notFound({ integration_key: UNKNOWN_IKEY }),
    dryRun: (fx) => {
      const app = ssoApp(fx, 'oidc', 'DRY');
      return {
        input: { integration_key: app.integration_key },
        snapshot: () => json(fx.parent.integrations[app.integration_key]),
        check: (out) => {
          expect(out.target.type).toBe('sso-oidc-generic');
          expect(JSON.stringify(out)).not.toContain(oidcSecret(app));
        },
      };
    },
  },
];
