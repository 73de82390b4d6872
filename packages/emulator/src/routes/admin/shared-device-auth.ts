import { sharedDeviceAuthCreate, sharedDeviceAuthDelete, sharedDeviceAuthGet, sharedDeviceAuthList, sharedDeviceAuthUpdate } from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { readIdList } from '../../params/read-id-list.js';
import { optionalBool, reject } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { serializeSharedDeviceAuth } from '../../serialize/serialize-shared-device-auth.js';
import { sharedDeviceAuthOf } from '../../state/authenticator-records.js';
import { newAuthenticatorKey } from '../../state/new-authenticator-key.js';
import type { Account, SharedDeviceAuth } from '../../state/types.js';

/** Admin API shared device authentication configurations: list, get, create, modify, delete. */
export const sharedDeviceAuthRoutes: Route[] = [
  defineRoute({
    endpoint: sharedDeviceAuthList,
    handle(ctx) {
      const all = Object.values(sharedDeviceAuthOf(ctx.account));
      const page = paginate(all, ctx.params, pageDefaults(sharedDeviceAuthList, ctx.options.overMaxLimit));
      return ok(page.response.map((c) => serializeSharedDeviceAuth(ctx.account, c)), page.metadata);
    },
  }),
  defineRoute({
    endpoint: sharedDeviceAuthGet,
    handle: (ctx) => ok(serializeSharedDeviceAuth(ctx.account, configOr404(ctx))),
  }),
  defineRoute({ endpoint: sharedDeviceAuthCreate, nonIdempotent: 'shared_device_auth.create', handle: createConfig }),
  defineRoute({ endpoint: sharedDeviceAuthUpdate, handle: updateConfig }),
  defineRoute({
    endpoint: sharedDeviceAuthDelete,
    handle(ctx) {
      delete sharedDeviceAuthOf(ctx.account)[ctx.path['shared_device_key'] ?? ''];
      return ok('');
    },
  }),
];

function configOr404(ctx: HandlerContext): SharedDeviceAuth {
  const config = sharedDeviceAuthOf(ctx.account)[ctx.path['shared_device_key'] ?? ''];
  if (!config) reject(failures.notFound('shared_device_key'));
  return config;
}

/** Group ids must name the account's groups: Duo ties a configuration to real groups. */
function readGroupIds(account: Account, ctx: HandlerContext): string[] | undefined {
  const ids = readIdList(ctx.params, 'group_id_list');
  if (ids?.some((id) => account.groups[id] === undefined)) reject(failures.invalidParam('group_id_list'));
  return ids;
}

/**
 * Creates a configuration. Both lists are required (the declaration's check answers 40001);
 * `active` defaults to true and a missing name to a numbered one (Duo's default name is unverified).
 */
function createConfig(ctx: HandlerContext) {
  const { account } = ctx;
  const configs = sharedDeviceAuthOf(account);
  const group_ids = readGroupIds(account, ctx)!;
  const trusted_endpoint_integration_ids = readIdList(ctx.params, 'trusted_endpoint_integration_id_list')!;
  const key = newAuthenticatorKey('DS', ctx.random, (k) => configs[k] !== undefined);
  const config: SharedDeviceAuth = {
    shared_device_key: key,
    name: ctx.params.get('name') ?? `Shared device configuration ${Object.keys(configs).length + 1}`,
    active: optionalBool(ctx.params, 'active') ?? true,
    group_ids,
    trusted_endpoint_integration_ids,
  };
  configs[key] = config;
  ctx.recordExecution('shared_device_auth.create', { shared_device_key: key });
  return ok(serializeSharedDeviceAuth(account, config));
}

/** Modifies a configuration: given fields change, a given list replaces the old one. */
function updateConfig(ctx: HandlerContext) {
  const config = configOr404(ctx);
  const groupIds = readGroupIds(ctx.account, ctx);
  const endpointIds = readIdList(ctx.params, 'trusted_endpoint_integration_id_list');
  const active = optionalBool(ctx.params, 'active');
  const name = ctx.params.get('name');
  if (groupIds) config.group_ids = groupIds;
  if (endpointIds) config.trusted_endpoint_integration_ids = endpointIds;
  if (active !== undefined) config.active = active;
  if (name !== undefined) config.name = name;
  return ok(serializeSharedDeviceAuth(ctx.account, config));
}
