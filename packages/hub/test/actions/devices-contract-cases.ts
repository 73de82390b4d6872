import { expect } from 'vitest';
import type { ContractCase, DuoCase } from './contract-cases.js';
import type { ContractFixture } from './contract-fixture.js';

/**
 * Contract cases of the endpoints, registered-device and blocked-device actions, run by the
 * catalog's contract suite on one shared emulator: each case picks its devices from the state at
 * run time (devices of users deleted by earlier cases are gone) and sets up the block it needs.
 */

type RegisteredDevice = NonNullable<ContractFixture['parent']['registered_devices']>[string];

const UNKNOWN_DEVICE = 'CRNOSUCHDEVICE000000';
const UNKNOWN_ENDPOINT = 'EPNOSUCHENDPOINT0000';
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const notFound = (input: unknown): DuoCase => ({ input, code: 'not_found', status: 404, duoCode: 40401 });
const rejected = (input: unknown): DuoCase => ({ input, code: 'duo_rejected', status: 400, duoCode: 40002 });
const badKeys = (input: unknown = {}): DuoCase => ({ input, code: 'duo_error', status: 502, duoCode: 40103, keys: 'bad' });
/** The registered devices the API shows (a deleted user's devices are gone with it). */
const devices = (fx: ContractFixture) => Object.values(fx.parent.registered_devices ?? {}).filter((d) => fx.parent.users[d.user_id] !== undefined);
const unblocked = (fx: ContractFixture) => devices(fx).filter((d) => !d.blocked);
const endpoints = (fx: ContractFixture) => Object.values(fx.parent.device_endpoints ?? {});
const blockState = (fx: ContractFixture) => json(Object.fromEntries(Object.values(fx.parent.registered_devices ?? {}).map((d) => [d.compkey, d.blocked])));

export const devicesContractCases: ContractCase[] = [
  {
    id: 'endpoints.list',
    valid: () => ({ input: { limit: 3 }, check: (out, fx) => {
      expect(out.items.map((e: any) => e.epkey)).toEqual(endpoints(fx).slice(0, 3).map((e) => e.epkey));
      expect(out.next_offset).toBe(3);
      expect(out.total_objects).toBe(endpoints(fx).length);
    } }),
    invalid: { input: { limit: 0 }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'endpoints.get',
    valid: (fx) => {
      const e = endpoints(fx).find((x) => x.health_app_client_version !== '')!;
      return { input: { epkey: e.epkey }, check: (out) => {
        expect(out).toMatchObject({ epkey: e.epkey, username: e.username, email: e.email, os_family: e.os_family, trusted_endpoint: e.trusted_endpoint });
        expect(out.browsers).toHaveLength(e.browsers.length);
      } };
    },
    invalid: { input: { epkey: 'not a key' }, field: 'epkey' },
    duo: () => notFound({ epkey: UNKNOWN_ENDPOINT }),
  },
  {
    id: 'registered_devices.list',
    valid: () => ({ input: {}, check: (out, fx) => {
      expect(out.items.map((d: any) => d.compkey)).toEqual(devices(fx).map((d) => d.compkey));
      expect(out.total_objects).toBe(devices(fx).length);
      for (const item of out.items) expect(item.is_blocked).toBe(fx.parent.registered_devices![item.compkey]!.blocked);
    } }),
    invalid: { input: { offset: -1 }, field: 'offset' },
    duo: () => badKeys(),
  },
  {
    id: 'registered_devices.get',
    valid: (fx) => {
      const d = devices(fx)[0]!;
      return { input: { compkey: d.compkey }, check: (out) => {
        expect(out).toMatchObject({ compkey: d.compkey, name: d.name, os_family: d.os_family, is_blocked: d.blocked });
        expect(out.user.user_id).toBe(d.user_id);
      } };
    },
    invalid: { input: { compkey: 'not a key' }, field: 'compkey' },
    duo: () => notFound({ compkey: UNKNOWN_DEVICE }),
  },
  {
    id: 'registered_devices.delete',
    valid: (fx) => {
      const d = devices(fx).at(-1)!;
      d.blocked = true;
      return { input: { compkey: d.compkey }, check: (out, f) => {
        expect(out).toEqual({ deleted: true, compkey: d.compkey });
        expect(f.parent.registered_devices?.[d.compkey]).toBeUndefined();
      } };
    },
    invalid: { input: {}, field: 'compkey' },
    duo: () => ({ ...notFound({ compkey: UNKNOWN_DEVICE }), dryRun: true }),
    dryRun: (fx) => {
      const d = devices(fx)[0]!;
      return { input: { compkey: d.compkey }, snapshot: () => json(fx.parent.registered_devices), check: (out) => {
        expect(out.target.compkey).toBe(d.compkey);
        expect(out.changes).toContain('would delete registered device');
      } };
    },
  },
  {
    id: 'blocked_devices.list',
    valid: () => ({ input: {}, check: (out, fx) => {
      const blocked = devices(fx).filter((d) => d.blocked).map((d) => d.compkey);
      expect(blocked.length).toBeGreaterThan(0);
      expect(out.items.map((d: any) => d.compkey)).toEqual(blocked);
      for (const item of out.items) expect(item.is_blocked).toBe(true);
    } }),
    invalid: { input: { limit: 'ten' }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'blocked_devices.get',
    valid: (fx) => {
      const d = devices(fx)[1]!;
      d.blocked = true;
      return { input: { compkey: d.compkey }, check: (out) => expect(out).toMatchObject({ compkey: d.compkey, is_blocked: true }) };
    },
    invalid: { input: { compkey: '' }, field: 'compkey' },
    // A device that exists but is not blocked is not in the blocked collection.
    duo: (fx) => notFound({ compkey: unblocked(fx)[0]!.compkey }),
  },
  {
    id: 'blocked_devices.block',
    valid: (fx) => {
      const d = unblocked(fx)[0]!;
      return { input: { compkey: d.compkey }, check: (out, f) => {
        expect(out).toEqual({ compkey: d.compkey, blocked: true });
        expect(f.parent.registered_devices?.[d.compkey]?.blocked).toBe(true);
      } };
    },
    invalid: { input: { compkey: 'a/b' }, field: 'compkey' },
    duo: () => notFound({ compkey: UNKNOWN_DEVICE }),
    dryRun: (fx) => {
      const d = unblocked(fx)[0]!;
      return { input: { compkey: d.compkey }, snapshot: () => blockState(fx), check: (out) => {
        expect(out.target.compkey).toBe(d.compkey);
        expect(out.diff[d.compkey]).toEqual({ from: 'not blocked', to: 'blocked' });
      } };
    },
  },
  {
    id: 'blocked_devices.block_many',
    valid: (fx) => {
      const keys = unblocked(fx).slice(0, 2).map((d) => d.compkey);
      return { input: { registered_device_key_list: keys }, check: (out, f) => {
        expect(out).toEqual({ compkeys: keys, blocked: true });
        for (const k of keys) expect(f.parent.registered_devices?.[k]?.blocked).toBe(true);
      } };
    },
    invalid: { input: { registered_device_key_list: [] }, field: 'registered_device_key_list' },
    // One unknown key refuses the whole list.
    duo: (fx) => rejected({ registered_device_key_list: [devices(fx)[0]!.compkey, UNKNOWN_DEVICE] }),
    dryRun: (fx) => {
      const [blocked, free] = devices(fx) as [RegisteredDevice, RegisteredDevice];
      blocked.blocked = true;
      free.blocked = false;
      return { input: { registered_device_key_list: [blocked.compkey, free.compkey] }, snapshot: () => blockState(fx), check: (out) => {
        expect(Object.keys(out.diff)).toEqual([free.compkey]);
        expect(out.target).toHaveLength(2);
      } };
    },
  },
  {
    id: 'blocked_devices.unblock',
    valid: (fx) => {
      const d = devices(fx)[0]!;
      d.blocked = true;
      return { input: { compkey: d.compkey }, check: (out, f) => {
        expect(out).toEqual({ compkey: d.compkey, blocked: false });
        expect(f.parent.registered_devices?.[d.compkey]?.blocked).toBe(false);
      } };
    },
    invalid: { input: { compkey: 'a b' }, field: 'compkey' },
    duo: () => notFound({ compkey: UNKNOWN_DEVICE }),
    dryRun: (fx) => {
      const d = devices(fx)[0]!;
      d.blocked = true;
      return { input: { compkey: d.compkey }, snapshot: () => blockState(fx), check: (out) => expect(out.diff[d.compkey]).toEqual({ from: 'blocked', to: 'not blocked' }) };
    },
  },
  {
    id: 'blocked_devices.unblock_many',
    valid: (fx) => {
      const keys = devices(fx).slice(0, 2).map((d) => d.compkey);
      for (const d of devices(fx).slice(0, 2)) d.blocked = true;
      return { input: { registered_device_key_list: keys }, check: (out, f) => {
        expect(out).toEqual({ compkeys: keys, blocked: false });
        for (const k of keys) expect(f.parent.registered_devices?.[k]?.blocked).toBe(false);
      } };
    },
    invalid: { input: { registered_device_key_list: [] }, field: 'registered_device_key_list' },
    duo: () => rejected({ registered_device_key_list: [UNKNOWN_DEVICE] }),
    dryRun: (fx) => {
      const keys = unblocked(fx).slice(0, 1).map((d) => d.compkey);
      return { input: { registered_device_key_list: keys }, snapshot: () => blockState(fx), check: (out) => {
        expect(out.changes).toMatch(/would unblock nothing/);
        expect(out.diff).toBeUndefined();
      } };
    },
  },
];
