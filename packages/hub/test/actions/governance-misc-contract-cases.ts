import { readPngSize } from '@duohub/sdk';
import { expect } from 'vitest';
import type { Account } from '@duohub/emulator';
import { makePng } from '../../../emulator/test/support-governance-misc/make-png.js';
import type { ContractCase, DuoCase } from './contract-cases.js';
import type { ContractFixture } from './contract-fixture.js';

/**
 * Contract cases of the administrative unit, Passport and logo actions, run by the catalog's
 * contract suite and by governance-misc-contract.test.ts. Cases that change a unit make their own
 * unit in the emulator's state, so the seeded help-desk unit stays for the others.
 */

const UNKNOWN_UNIT = 'DNNOSUCHUNIT00000000';
const UNKNOWN_GROUP = 'DGNOSUCHGROUP0000000';
/** A restricted administrator the cases assign (the administrators family may seed its own). */
export const CONTRACT_ADMIN = 'DEGOVCONTRACTADMIN01';
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const notFound = (input: unknown): DuoCase => ({ input, code: 'not_found', status: 404, duoCode: 40401 });
const badKeys = (input: unknown = {}): DuoCase => ({ input, code: 'duo_error', status: 502, duoCode: 40103, keys: 'bad' });
const rejected = (input: unknown): DuoCase => ({ input, code: 'duo_rejected', status: 400, duoCode: 40002 });
const units = (fx: ContractFixture) => fx.parent.administrative_units ?? {};
const helpDesk = (fx: ContractFixture) => Object.values(units(fx)).find((u) => u.name === 'Help desk')!;
const groupIds = (fx: ContractFixture) => Object.keys(fx.parent.groups);
const authKey = (fx: ContractFixture) => Object.values(fx.parent.integrations).find((i) => i.type === 'auth')!.integration_key;

/** Puts a restricted administrator in the account (the administrators family's records carry the flag). */
export function ensureContractAdmin(account: Account): string {
  account.admins ??= {};
  account.admins[CONTRACT_ADMIN] ??= { admin_id: CONTRACT_ADMIN, name: 'Contract Admin', email: 'contract.admin@example.com', restricted_by_admin_units: true } as never;
  return CONTRACT_ADMIN;
}

/** A unit of the case's own, with the given members. */
function ownUnit(fx: ContractFixture, id: string, members: { admin_ids?: string[]; group_ids?: string[]; integration_keys?: string[] } = {}) {
  fx.parent.administrative_units ??= {};
  fx.parent.administrative_units[id] = {
    admin_unit_id: id,
    name: `Contract ${id}`,
    description: 'made by a contract case',
    restrict_by_groups: true,
    restrict_by_integrations: true,
    admin_ids: members.admin_ids ?? [],
    group_ids: members.group_ids ?? [],
    integration_keys: members.integration_keys ?? [],
  };
  return fx.parent.administrative_units[id]!;
}

/** Member cases: add and remove one kind, each against a unit of its own. */
function memberCases(kind: 'admin' | 'group' | 'integration'): ContractCase[] {
  const param = kind === 'admin' ? 'admin_id' : kind === 'group' ? 'group_id' : 'integration_key';
  const field = kind === 'admin' ? 'admin_ids' : kind === 'group' ? 'group_ids' : 'integration_keys';
  const memberOf = (fx: ContractFixture) => (kind === 'admin' ? ensureContractAdmin(fx.parent) : kind === 'group' ? groupIds(fx)[3]! : authKey(fx));
  const tag = kind.toUpperCase().padEnd(11, '0');
  return [
    {
      id: `administrative_units.add_${kind}`,
      valid: (fx) => {
        const unit = ownUnit(fx, `DNADD${tag}0000`);
        const member = memberOf(fx);
        return { input: { admin_unit_id: unit.admin_unit_id, [param]: member }, check: (out, f) => {
          expect(out).toEqual({ admin_unit_id: unit.admin_unit_id, [param]: member, assigned: true });
          expect(f.parent.administrative_units![unit.admin_unit_id]![field]).toEqual([member]);
        } };
      },
      invalid: { input: { admin_unit_id: UNKNOWN_UNIT, [param]: 'lowercase-id' }, field: param },
      duo: (fx) => notFound({ admin_unit_id: UNKNOWN_UNIT, [param]: memberOf(fx) }),
    },
    {
      id: `administrative_units.remove_${kind}`,
      valid: (fx) => {
        const member = memberOf(fx);
        const unit = ownUnit(fx, `DNREM${tag}0000`, { [field]: [member] });
        return { input: { admin_unit_id: unit.admin_unit_id, [param]: member }, check: (out, f) => {
          expect(out).toEqual({ admin_unit_id: unit.admin_unit_id, [param]: member, removed: true });
          expect(f.parent.administrative_units![unit.admin_unit_id]![field]).toEqual([]);
        } };
      },
      invalid: { input: { admin_unit_id: 'has space', [param]: 'DGAAAAAAAAAAAAAAAAAA' }, field: 'admin_unit_id' },
      duo: (fx) => notFound({ admin_unit_id: UNKNOWN_UNIT, [param]: memberOf(fx) }),
      dryRun: (fx) => {
        const member = memberOf(fx);
        const unit = ownUnit(fx, `DNDRY${tag}0000`, { [field]: [member] });
        return {
          input: { admin_unit_id: unit.admin_unit_id, [param]: member },
          snapshot: () => json(fx.parent.administrative_units),
          check: (out) => {
            expect(out.changes).toMatch(/would remove/);
            expect(out.diff[kind === 'admin' ? 'admins' : kind === 'group' ? 'groups' : 'integrations']).toEqual({ from: [member], to: [] });
          },
        };
      },
    },
  ];
}

export const governanceMiscContractCases: ContractCase[] = [
  {
    id: 'administrative_units.list',
    valid: () => ({ input: {}, check: (out, fx) => {
      expect(out.items.map((u: any) => u.admin_unit_id)).toEqual(Object.keys(units(fx)).slice(0, 100));
      expect(out.total_objects).toBe(Object.keys(units(fx)).length);
      expect(out.items.find((u: any) => u.name === 'Help desk')).toMatchObject({ restrict_by_groups: true, groups: groupIds(fx).slice(0, 2) });
    } }),
    invalid: { input: { admin_id: 'not-an-id' }, field: 'admin_id' },
    duo: () => badKeys(),
  },
  {
    id: 'administrative_units.get',
    valid: (fx) => {
      const unit = helpDesk(fx);
      return { input: { admin_unit_id: unit.admin_unit_id }, check: (out) => {
        expect(out).toMatchObject({ admin_unit_id: unit.admin_unit_id, name: 'Help desk', integrations: [authKey(fx)] });
      } };
    },
    invalid: { input: { admin_unit_id: 'has space' }, field: 'admin_unit_id' },
    duo: () => notFound({ admin_unit_id: UNKNOWN_UNIT }),
  },
  {
    id: 'administrative_units.create',
    valid: (fx) => ({
      input: { name: 'Contract unit', description: 'made by the contract', restrict_by_groups: true, groups: [groupIds(fx)[2]!], admins: [ensureContractAdmin(fx.parent)] },
      check: (out, f) => {
        expect(out).toMatchObject({ name: 'Contract unit', restrict_by_groups: true, restrict_by_integrations: false, groups: [groupIds(f)[2]], admins: [CONTRACT_ADMIN] });
        expect(f.parent.administrative_units![out.admin_unit_id]?.description).toBe('made by the contract');
      },
    }),
    invalid: { input: { name: '', description: 'x' }, field: 'name' },
    duo: () => rejected({ name: 'Help desk', description: 'taken name' }),
  },
  {
    id: 'administrative_units.update',
    valid: (fx) => {
      const unit = ownUnit(fx, 'DNUPDATE000000000001', { group_ids: [groupIds(fx)[0]!] });
      return { input: { admin_unit_id: unit.admin_unit_id, description: 'changed', restrict_by_integrations: false, groups: [groupIds(fx)[1]!] }, check: (out, f) => {
        expect(out).toMatchObject({ description: 'changed', restrict_by_integrations: false, groups: groupIds(f).slice(0, 2) });
        expect(f.parent.administrative_units![unit.admin_unit_id]!.description).toBe('changed');
      } };
    },
    invalid: { input: { admin_unit_id: UNKNOWN_UNIT, groups: ['not a group'] }, field: 'groups.0' },
    duo: () => notFound({ admin_unit_id: UNKNOWN_UNIT, description: 'x' }),
    dryRun: (fx) => {
      const unit = helpDesk(fx);
      return {
        input: { admin_unit_id: unit.admin_unit_id, description: 'dry', groups: [groupIds(fx)[3]!] },
        snapshot: () => json(fx.parent.administrative_units),
        check: (out) => {
          expect(out.diff.description).toEqual({ from: unit.description, to: 'dry' });
          expect(out.diff.groups.to).toEqual([...unit.group_ids, groupIds(fx)[3]]);
        },
      };
    },
  },
  {
    id: 'administrative_units.delete',
    valid: (fx) => {
      const unit = ownUnit(fx, 'DNDELETE000000000001', { admin_ids: [ensureContractAdmin(fx.parent)] });
      return { input: { admin_unit_id: unit.admin_unit_id }, check: (out, f) => {
        expect(out).toEqual({ deleted: true, admin_unit_id: unit.admin_unit_id });
        expect(f.parent.administrative_units![unit.admin_unit_id]).toBeUndefined();
        expect(f.parent.admins![CONTRACT_ADMIN]).toBeDefined();
      } };
    },
    invalid: { input: {}, field: 'admin_unit_id' },
    duo: () => ({ ...notFound({ admin_unit_id: UNKNOWN_UNIT }), dryRun: true }),
    dryRun: (fx) => {
      const unit = helpDesk(fx);
      return { input: { admin_unit_id: unit.admin_unit_id }, snapshot: () => json(fx.parent.administrative_units), check: (out) => {
        expect(out.target.admin_unit_id).toBe(unit.admin_unit_id);
        expect(out.changes).toMatch(/would delete administrative unit "Help desk"/);
      } };
    },
  },
  ...memberCases('admin'),
  ...memberCases('group'),
  ...memberCases('integration'),
  {
    id: 'passport.get',
    valid: () => ({ input: {}, check: (out, fx) => {
      const stored = fx.parent.passport_config;
      expect(out.enabled_status).toBe(stored?.enabled_status ?? 'disabled');
      expect(out.enabled_groups.map((g: any) => g.group_id)).toEqual(stored?.enabled_group_ids ?? []);
    } }),
    invalid: { input: { status: 'enabled' }, field: 'status' },
    duo: () => badKeys(),
  },
  {
    id: 'passport.update',
    valid: (fx) => ({
      input: { enabled_status: 'enabled-for-groups', enabled_groups: [groupIds(fx)[0]!] },
      check: (out, f) => {
        expect(out.enabled_groups).toEqual([{ group_id: groupIds(f)[0], group_name: f.parent.groups[groupIds(f)[0]!]!.name }]);
        expect(f.parent.passport_config).toMatchObject({ enabled_status: 'enabled-for-groups', enabled_group_ids: [groupIds(f)[0]] });
      },
    }),
    invalid: { input: { enabled_status: 'on' }, field: 'enabled_status' },
    duo: () => rejected({ enabled_status: 'enabled-for-groups', enabled_groups: [UNKNOWN_GROUP] }),
    dryRun: (fx) => ({
      input: { enabled_status: 'enabled-with-exceptions', disabled_groups: [groupIds(fx)[1]!] },
      snapshot: () => json(fx.parent.passport_config ?? null),
      check: (out) => {
        expect(out.diff.enabled_status.to).toBe('enabled-with-exceptions');
        expect(out.diff.disabled_groups).toEqual({ from: [], to: [groupIds(fx)[1]] });
      },
    }),
  },
  {
    id: 'logo.get',
    valid: () => ({ input: {}, check: (out, fx) => {
      expect(out.png_base64).toBe(fx.parent.logo_png_base64);
      expect(out).toMatchObject({ content_type: 'image/png', bytes: Buffer.from(fx.parent.logo_png_base64!, 'base64').length });
      // Other families (custom branding) share this logo and may have stored a bare PNG header.
      expect(out.width).toBe(readPngSize(Buffer.from(fx.parent.logo_png_base64!, 'base64'))?.width ?? null);
    } }),
    invalid: { input: { size: 'big' }, field: 'size' },
    duo: () => badKeys(),
  },
  {
    id: 'logo.update',
    valid: () => {
      const png = makePng(64, 48);
      return { input: { logo: png.toString('base64') }, check: (out, fx) => {
        expect(out).toEqual({ updated: true, bytes: png.length, width: 64, height: 48 });
        expect(fx.parent.logo_png_base64).toBe(png.toString('base64'));
      } };
    },
    invalid: { input: { logo: Buffer.from('GIF89a not a png, not even close').toString('base64') }, field: 'logo' },
    duo: () => badKeys({ logo: makePng(2, 2).toString('base64') }),
    dryRun: (fx) => ({
      input: { logo: makePng(100, 20).toString('base64') },
      snapshot: () => fx.parent.logo_png_base64 ?? null,
      check: (out) => expect(out.changes).toMatch(/^would (replace the current .+ logo \(\d+ bytes\) with a 100 x 20 PNG|set a 100 x 20 PNG)/),
    }),
  },
  {
    id: 'logo.delete',
    valid: () => ({ input: {}, check: (out, fx) => {
      expect(out).toEqual({ deleted: true });
      expect(fx.parent.logo_png_base64).toBeUndefined();
    } }),
    invalid: { input: { logo: 'x' }, field: 'logo' },
    duo: () => badKeys(),
    dryRun: (fx) => {
      fx.parent.logo_png_base64 = makePng(8, 8).toString('base64');
      return { input: {}, snapshot: () => fx.parent.logo_png_base64 ?? null, check: (out) => {
        expect(out.changes).toBe('would delete the current 8 x 8 logo (' + makePng(8, 8).length + ' bytes)');
        expect(out.target).toMatchObject({ width: 8, height: 8 });
      } };
    },
  },
];
