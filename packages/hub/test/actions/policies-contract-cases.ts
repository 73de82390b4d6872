import { newIntegration, type Account, type Integration } from '@duohub/emulator';
import { expect } from 'vitest';
import type { ContractCase, DuoCase } from './contract-cases.js';
import type { ContractFixture } from './contract-fixture.js';

/**
 * Contract cases of the policies.* catalog actions, spread into the catalog-wide suite (which also
 * checks every answer against the OpenAPI description) and run by policies-contract.test.ts.
 * Each case arranges its own policies straight in the account, so cases never share one and other
 * families' cases (which may delete groups or applications) cannot break them.
 */

type Policy = NonNullable<Account['policies']>[string];

export const UNKNOWN_POLICY = 'PONOSUCHPOLICY000000';
const UNKNOWN_USER = 'DUNOSUCHUSER00000000';
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const notFound = (input: unknown): DuoCase => ({ input, code: 'not_found', status: 404, duoCode: 40401 });
const badKeys = (input: unknown = {}): DuoCase => ({ input, code: 'duo_error', status: 502, duoCode: 40103, keys: 'bad' });
const policies = (fx: ContractFixture) => Object.values(fx.parent.policies ?? {});
const globalOf = (fx: ContractFixture) => policies(fx).find((p) => p.is_global_policy)!;

let seq = 0;
/** Puts a fresh custom policy straight into the account. */
export function arrangePolicy(account: Account, sections: Policy['sections'] = { new_user: { new_user_behavior: 'deny' } }): Policy {
  seq += 1;
  const key = `POCONTRACT${String(seq).padStart(10, '0')}`;
  const policy: Policy = { policy_key: key, policy_name: `Contract policy ${seq}`, is_global_policy: false, sections: json(sections) as Policy['sections'] };
  account.policies![key] = policy;
  return policy;
}

/** An application of the account (an Auth API one), made when other cases have deleted them all. */
export function arrangeApp(account: Account): Integration {
  const found = Object.values(account.integrations).find((i) => i.type === 'auth');
  if (found) return found;
  const made = newIntegration('auth', 'Contract application', Math.random);
  account.integrations[made.integration_key] = made;
  return made;
}

export const policyContractCases: ContractCase[] = [
  {
    id: 'policies.summary',
    valid: () => ({
      input: {},
      check: (out, fx) => {
        expect(out.policy_count).toBe(policies(fx).length);
        expect(out.policies.map((p: any) => p.policy_key).sort()).toEqual(policies(fx).map((p) => p.policy_key).sort());
        expect(out.response_is_truncated).toBe(false);
      },
    }),
    invalid: { input: { x: 1 }, field: 'x' },
    duo: () => badKeys(),
  },
  {
    id: 'policies.list',
    valid: () => ({
      input: { limit: 2 },
      check: (out, fx) => {
        expect(out.items).toHaveLength(Math.min(2, policies(fx).length));
        expect(out.total_objects).toBe(policies(fx).length);
        expect(out.items[0]).toMatchObject({ is_global_policy: true, policy_name: 'Global Policy' });
      },
    }),
    invalid: { input: { limit: 0 }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'policies.get',
    valid: () => ({ input: { policy_key: 'global' }, check: (out, fx) => expect(out).toEqual(json(globalOf(fx))) }),
    invalid: { input: { policy_key: 'global policy' }, field: 'policy_key' },
    duo: () => notFound({ policy_key: UNKNOWN_POLICY }),
  },
  {
    id: 'policies.create',
    valid: (fx) => {
      const app = arrangeApp(fx.parent);
      return {
        input: { policy_name: 'Contract created', apply_to_apps: [app.integration_key] },
        check: (out, f) => {
          expect(out).toMatchObject({ policy_name: 'Contract created', is_global_policy: false, sections: {} });
          expect(f.parent.policies?.[out.policy_key]?.policy_name).toBe('Contract created');
          expect(f.parent.integrations[app.integration_key]?.policy_key).toBe(out.policy_key);
        },
      };
    },
    invalid: { input: { sections: {} }, field: 'policy_name' },
    duo: () => ({ input: { policy_name: 'Contract refused', sections: { no_such_section: {} } }, code: 'duo_rejected', status: 400, duoCode: 40002 }),
  },
  {
    id: 'policies.update',
    valid: (fx) => {
      const p = arrangePolicy(fx.parent, { browsers: { blocked_browsers_list: ['ie'] }, new_user: { new_user_behavior: 'deny' } });
      const app = arrangeApp(fx.parent);
      return {
        input: { policy_key: p.policy_key, policy_name: 'Contract renamed', sections_to_delete: ['browsers'], apply_to_apps: [app.integration_key] },
        check: (out, f) => {
          expect(out.policy_name).toBe('Contract renamed');
          expect(Object.keys(out.sections)).toEqual(['new_user']);
          expect(f.parent.policies?.[p.policy_key]?.sections['browsers']).toBeUndefined();
          expect(f.parent.integrations[app.integration_key]?.policy_key).toBe(p.policy_key);
        },
      };
    },
    invalid: { input: { policy_key: 'nope' }, field: 'policy_key' },
    duo: () => notFound({ policy_key: UNKNOWN_POLICY, sections_to_delete: ['browsers'] }),
    dryRun: (fx) => {
      const p = arrangePolicy(fx.parent);
      return {
        input: { policy_key: p.policy_key, policy_name: 'Contract dry rename', sections_to_delete: ['new_user'] },
        snapshot: () => json(fx.parent.policies),
        check: (out) => {
          expect(out.diff).toEqual({
            policy_name: { from: p.policy_name, to: 'Contract dry rename' },
            'sections.new_user': { from: { new_user_behavior: 'deny' }, to: null },
          });
          expect(out.changes).toMatch(/remove sections\.new_user/);
        },
      };
    },
  },
  {
    id: 'policies.bulk_update',
    valid: (fx) => {
      const keys = [arrangePolicy(fx.parent, { new_user: {}, screen_lock: {} }).policy_key, arrangePolicy(fx.parent, { new_user: {} }).policy_key];
      return {
        input: { edit_list: keys, sections_to_delete: ['new_user'] },
        check: (out, f) => {
          expect(out.policies.map((p: any) => p.policy_key)).toEqual(keys);
          expect(Object.keys(f.parent.policies![keys[0]!]!.sections)).toEqual(['screen_lock']);
          expect(Object.keys(f.parent.policies![keys[1]!]!.sections)).toEqual([]);
        },
      };
    },
    invalid: { input: { edit_list: ['nope'], sections_to_delete: ['new_user'] }, field: 'edit_list.0' },
    duo: () => notFound({ edit_list: [UNKNOWN_POLICY], sections_to_delete: ['new_user'] }),
    dryRun: (fx) => {
      const p = arrangePolicy(fx.parent);
      return {
        input: { edit_list: [p.policy_key], sections_to_delete: ['new_user'] },
        snapshot: () => json(fx.parent.policies),
        check: (out) => {
          expect(out.diff[`${p.policy_key}.sections.new_user`]).toEqual({ from: { new_user_behavior: 'deny' }, to: null });
          expect(out.target).toEqual([{ policy_key: p.policy_key, policy_name: p.policy_name, sections: p.sections }]);
        },
      };
    },
  },
  {
    id: 'policies.copy',
    valid: () => ({
      input: { policy_key: 'global', new_policy_names_list: ['Contract copy A', 'Contract copy B'] },
      check: (out, fx) => {
        expect(out.policies.map((p: any) => p.policy_name)).toEqual(['Contract copy A', 'Contract copy B']);
        for (const copy of out.policies) {
          expect(copy.is_global_policy).toBe(false);
          expect(fx.parent.policies?.[copy.policy_key]?.sections).toEqual(globalOf(fx).sections);
        }
      },
    }),
    invalid: { input: { policy_key: 'global', new_policy_names_list: [] }, field: 'new_policy_names_list' },
    duo: () => notFound({ policy_key: UNKNOWN_POLICY, new_policy_names_list: ['Contract orphan'] }),
  },
  {
    id: 'policies.delete',
    valid: (fx) => {
      const p = arrangePolicy(fx.parent);
      const app = arrangeApp(fx.parent);
      app.policy_key = p.policy_key;
      return {
        input: { policy_key: p.policy_key },
        check: (out, f) => {
          expect(out).toEqual({ deleted: true, policy_key: p.policy_key });
          expect(f.parent.policies?.[p.policy_key]).toBeUndefined();
          expect(f.parent.integrations[app.integration_key]?.policy_key ?? null).toBeNull();
        },
      };
    },
    invalid: { input: { policy_key: 'global' }, field: 'policy_key' },
    duo: () => notFound({ policy_key: UNKNOWN_POLICY }),
    dryRun: (fx) => {
      const p = arrangePolicy(fx.parent);
      return {
        input: { policy_key: p.policy_key },
        snapshot: () => json(fx.parent.policies),
        check: (out) => {
          expect(out.target.policy_key).toBe(p.policy_key);
          expect(out.changes).toMatch(/applied nowhere/);
        },
      };
    },
  },
  {
    id: 'policies.calculate',
    valid: (fx) => {
      const app = arrangeApp(fx.parent);
      const p = arrangePolicy(fx.parent, { new_user: { new_user_behavior: 'no-mfa' } });
      app.policy_key = p.policy_key;
      app.group_policies = [];
      const user = Object.values(fx.parent.users)[0]!;
      return {
        input: { user_id: user.user_id, integration_key: app.integration_key },
        check: (out, f) => {
          expect(out.sections.new_user).toEqual({ new_user_behavior: 'no-mfa' });
          expect(out.sections.screen_lock).toEqual(globalOf(f).sections['screen_lock']);
          expect(out.policy_elements.map((e: any) => [e.apply_type, e.policy_key])).toEqual([
            ['global', globalOf(f).policy_key],
            ['app', p.policy_key],
          ]);
        },
      };
    },
    invalid: { input: { user_id: 'bob', integration_key: 'DIAAAAAAAAAAAAAAAAAA' }, field: 'user_id' },
    duo: (fx) => notFound({ user_id: UNKNOWN_USER, integration_key: arrangeApp(fx.parent).integration_key }),
  },
];
