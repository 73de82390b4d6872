import {
  blockedDevicesBlock,
  blockedDevicesBlockMany,
  blockedDevicesGet,
  blockedDevicesList,
  blockedDevicesUnblock,
  blockedDevicesUnblockMany,
  registeredDevicesDelete,
  registeredDevicesGet,
  registeredDevicesList,
  type DuoRegisteredDevice,
} from '@duohub/sdk';
import { z } from 'zod';
import type { ActionContext } from '../action-context.js';
import { endpointAction } from '../from-endpoint/endpoint-action.js';
import { dryRun, type DryRunOutput } from '../schemas/common.js';

/**
 * Catalog actions of Duo Desktop registered devices (resource `registered_devices`) and their
 * blocks (resource `blocked_devices`). Every action names a device by its compkey. Blocking and
 * unblocking change who may authenticate, so both are destructive and dry-runnable: a dry run
 * reads each device and reports what would change.
 */

/** A registered device key (compkey). */
export const compkeyInput = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a registered device key (letters, digits, - and _)')
  .describe('Registered device key (compkey)');

const compkeyListInput = z.array(compkeyInput).min(1).max(100).describe('Registered device keys (compkeys), 1 to 100');
const signal = (ctx: ActionContext) => (ctx.signal ? { signal: ctx.signal } : {});
const label = (d: DuoRegisteredDevice) => `${d.name ?? d.compkey}${d.user ? ` of ${d.user.username}` : ''}`;
const blockedOf = (d: DuoRegisteredDevice) => d.is_blocked === true;

/** Lists the account's Duo Desktop registered devices, a page at a time. */
export const registeredDevicesListAction = endpointAction(registeredDevicesList, {
  resource: 'registered_devices',
  title: 'List registered devices',
  description: 'Lists the computers where Duo Desktop registered for a user, with owner, OS, last sight and whether each is blocked.',
});

/** Reads one registered device. */
export const registeredDevicesGetAction = endpointAction(registeredDevicesGet, {
  resource: 'registered_devices',
  title: 'Get registered device',
  description: 'Reads one Duo Desktop registered device by its compkey, with its owner and block status.',
  omit: ['registered_device_key'],
  input: { compkey: compkeyInput },
  run: async (ctx, input) => ctx.admin().registeredDevices.get(input['compkey'] as string, signal(ctx)),
});

/** Deletes one registered device (its block goes with it). */
export const registeredDevicesDeleteAction = endpointAction(registeredDevicesDelete, {
  resource: 'registered_devices',
  title: 'Delete registered device',
  description: 'Removes a Duo Desktop registered device; the computer must register again. A dry run reads it and deletes nothing.',
  destructive: true,
  omit: ['registered_device_key'],
  input: { compkey: compkeyInput },
  output: z.object({ deleted: z.literal(true), compkey: z.string() }),
  dryRun: async (ctx, input) => {
    const device = await ctx.admin().registeredDevices.get(input['compkey'] as string, signal(ctx));
    return dryRun(device, `would delete registered device ${label(device)}${blockedOf(device) ? ' (and lift its block)' : ''}`);
  },
  run: async (ctx, input) => {
    await ctx.admin().registeredDevices.delete(input['compkey'] as string, signal(ctx));
    return { deleted: true as const, compkey: input['compkey'] as string };
  },
});

/** Lists the blocked registered devices. */
export const blockedDevicesListAction = endpointAction(blockedDevicesList, {
  resource: 'blocked_devices',
  title: 'List blocked devices',
  description: 'Lists the Duo Desktop registered devices that are blocked from authenticating.',
});

/** Reads one blocked device (Duo answers not found when it is not blocked). */
export const blockedDevicesGetAction = endpointAction(blockedDevicesGet, {
  resource: 'blocked_devices',
  title: 'Get blocked device',
  description: 'Reads one blocked registered device by its compkey; a device that is not blocked is reported as not found.',
  input: { compkey: compkeyInput },
});

/** What blocking or unblocking `keys` would change, read device by device (an unknown key fails as Duo's 404). */
async function blockPlan(ctx: ActionContext, keys: readonly string[], block: boolean): Promise<DryRunOutput> {
  const devices: DuoRegisteredDevice[] = [];
  for (const key of keys) devices.push(await ctx.admin().registeredDevices.get(key, signal(ctx)));
  const changing = devices.filter((d) => blockedOf(d) !== block);
  const verb = block ? 'block' : 'unblock';
  const diff = Object.fromEntries(changing.map((d) => [d.compkey, { from: blockedOf(d) ? 'blocked' : 'not blocked', to: block ? 'blocked' : 'not blocked' }]));
  const changes =
    changing.length === 0
      ? `would ${verb} nothing: ${keys.length === 1 ? 'the device is' : 'every device is'} already ${block ? 'blocked' : 'unblocked'}`
      : `would ${verb} ${changing.map(label).join(', ')}`;
  return dryRun(keys.length === 1 ? devices[0] : devices, changes, changing.length > 0 ? diff : undefined);
}

const done = (key: string, blocked: boolean) => ({ compkey: key, blocked });
const doneMany = (keys: readonly string[], blocked: boolean) => ({ compkeys: [...keys], blocked });
const oneOutput = z.object({ compkey: z.string(), blocked: z.boolean() });
const manyOutput = z.object({ compkeys: z.array(z.string()), blocked: z.boolean() });

/** Blocks one registered device. */
export const blockedDevicesBlockAction = endpointAction(blockedDevicesBlock, {
  resource: 'blocked_devices',
  title: 'Block device',
  description: 'Blocks a Duo Desktop registered device from authenticating. A dry run shows the device and whether it is already blocked.',
  destructive: true,
  input: { compkey: compkeyInput },
  output: oneOutput,
  dryRun: (ctx, input) => blockPlan(ctx, [input['compkey'] as string], true),
  run: async (ctx, input) => {
    await ctx.admin().registeredDevices.block(input['compkey'] as string, signal(ctx));
    return done(input['compkey'] as string, true);
  },
});

/** Blocks several registered devices at once. */
export const blockedDevicesBlockManyAction = endpointAction(blockedDevicesBlockMany, {
  resource: 'blocked_devices',
  title: 'Block devices',
  description: 'Blocks several Duo Desktop registered devices in one call; Duo blocks all or none. A dry run lists which would change.',
  destructive: true,
  input: { registered_device_key_list: compkeyListInput },
  output: manyOutput,
  dryRun: (ctx, input) => blockPlan(ctx, input['registered_device_key_list'] as string[], true),
  run: async (ctx, input) => {
    const keys = input['registered_device_key_list'] as string[];
    await ctx.admin().registeredDevices.blockMany(keys, signal(ctx));
    return doneMany(keys, true);
  },
});

/** Unblocks one registered device. */
export const blockedDevicesUnblockAction = endpointAction(blockedDevicesUnblock, {
  resource: 'blocked_devices',
  title: 'Unblock device',
  description: 'Lets a blocked Duo Desktop registered device authenticate again. A dry run shows the device and whether it is blocked.',
  destructive: true,
  input: { compkey: compkeyInput },
  output: oneOutput,
  dryRun: (ctx, input) => blockPlan(ctx, [input['compkey'] as string], false),
  run: async (ctx, input) => {
    await ctx.admin().registeredDevices.unblock(input['compkey'] as string, signal(ctx));
    return done(input['compkey'] as string, false);
  },
});

/** Unblocks several registered devices at once. */
export const blockedDevicesUnblockManyAction = endpointAction(blockedDevicesUnblockMany, {
  resource: 'blocked_devices',
  title: 'Unblock devices',
  description: 'Lifts the block of several Duo Desktop registered devices in one call. A dry run lists which would change.',
  destructive: true,
  input: { registered_device_key_list: compkeyListInput },
  output: manyOutput,
  dryRun: (ctx, input) => blockPlan(ctx, input['registered_device_key_list'] as string[], false),
  run: async (ctx, input) => {
    const keys = input['registered_device_key_list'] as string[];
    await ctx.admin().registeredDevices.unblockMany(keys, signal(ctx));
    return doneMany(keys, false);
  },
});

/** Every registered-device and blocked-device action, in catalog order. */
export const registeredDeviceActions = [
  registeredDevicesListAction,
  registeredDevicesGetAction,
  registeredDevicesDeleteAction,
  blockedDevicesListAction,
  blockedDevicesGetAction,
  blockedDevicesBlockAction,
  blockedDevicesBlockManyAction,
  blockedDevicesUnblockAction,
  blockedDevicesUnblockManyAction,
];
