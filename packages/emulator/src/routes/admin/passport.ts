import { passportGet, passportUpdate } from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { reject } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Route } from '../../route.js';
import { passportConfigOf, type PassportConfigRecord, type PassportStatus } from '../../state/passport-config.js';
import type { Account } from '../../state/types.js';
import { readMemberIds } from './administrative-units.js';

/** Admin API Duo Passport configuration: read (Grant read resource) and change (Grant write resource, JSON body). */
export const passportRoutes: Route[] = [
  defineRoute({ endpoint: passportGet, handle: (ctx) => ok(serializePassportConfig(ctx.account, passportConfigOf(ctx.account))) }),
  defineRoute({ endpoint: passportUpdate, handle: updatePassport }),
];

/**
 * The configuration as Duo answers it: groups as `{group_id, group_name}` objects
 * (duo_client_python's docstring); groups deleted since drop out.
 */
function serializePassportConfig(account: Account, config: PassportConfigRecord): Record<string, unknown> {
  const groups = (ids: string[]) =>
    ids.flatMap((id) => {
      const group = account.groups[id];
      return group ? [{ group_id: group.group_id, group_name: group.name }] : [];
    });
  return {
    enabled_status: config.enabled_status,
    enabled_groups: groups(config.enabled_group_ids),
    disabled_groups: groups(config.disabled_group_ids),
    custom_supported_browsers: {
      macos: config.custom_supported_browsers.macos.map((b) => ({ team_id: b.team_id })),
      windows: config.custom_supported_browsers.windows.map((b) => ({ common_name: b.common_name })),
    },
  };
}

/**
 * Changes the configuration. `enabled_status` is required (the declaration answers 40001/40002).
 * A group list given replaces the old one and must name the account's groups (else 400/40002
 * naming the list); JSON `null` empties it, as duo_client_python sends `null` for a list it was not
 * given; a field left out keeps its value (our reading: Duo documents no partial-update rule).
 */
function updatePassport(ctx: HandlerContext) {
  const { account } = ctx;
  const current = passportConfigOf(account);
  const next: PassportConfigRecord = {
    enabled_status: ctx.params.get('enabled_status')!.trim().toLowerCase() as PassportStatus,
    enabled_group_ids: readGroups(ctx, 'enabled_groups') ?? current.enabled_group_ids,
    disabled_group_ids: readGroups(ctx, 'disabled_groups') ?? current.disabled_group_ids,
    custom_supported_browsers: readBrowsers(ctx) ?? current.custom_supported_browsers,
  };
  account.passport_config = next;
  return ok(serializePassportConfig(account, next));
}

function readGroups(ctx: HandlerContext, name: string): string[] | undefined {
  if (ctx.params.json(name) === null) return [];
  const ids = readMemberIds(ctx.params, name);
  if (ids?.some((id) => ctx.account.groups[id] === undefined)) reject(failures.invalidParam(name));
  return ids;
}

/** `{macos: [{team_id}], windows: [{common_name}]}`, either platform optional; anything else -> 400/40002. */
function readBrowsers(ctx: HandlerContext): PassportConfigRecord['custom_supported_browsers'] | undefined {
  const name = 'custom_supported_browsers';
  const value = ctx.params.json(name);
  if (value === undefined) return undefined;
  if (value === null) return { macos: [], windows: [] };
  const bad = () => reject(failures.invalidParam(name));
  if (typeof value !== 'object' || Array.isArray(value)) bad();
  const given = value as Record<string, unknown>;
  if (Object.keys(given).some((k) => k !== 'macos' && k !== 'windows')) bad();
  const list = <K extends string>(platform: string, key: K): Array<Record<K, string>> => {
    const items = given[platform] ?? [];
    if (!Array.isArray(items)) bad();
    return (items as unknown[]).map((item) => {
      const entry = item as Record<string, unknown> | null;
      const text = entry?.[key];
      if (typeof entry !== 'object' || Array.isArray(entry) || typeof text !== 'string' || text.trim() === '' || Object.keys(entry!).length !== 1) bad();
      return { [key]: text } as Record<K, string>;
    });
  };
  return { macos: list('macos', 'team_id'), windows: list('windows', 'common_name') };
}
