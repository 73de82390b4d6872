import { passportGet, passportUpdate } from '@duohub/sdk';
import { z } from 'zod';
import { dryRunByReading } from '../from-endpoint/dry-run-by-reading.js';
import { endpointAction } from '../from-endpoint/endpoint-action.js';
import { duoId, type DryRunOutput } from '../schemas/common.js';

/**
 * Catalog actions of Duo Passport (resource `passport`): read the configuration, and change who
 * Passport applies to. A change is destructive (it overwrites the configuration), so its dry run
 * reads the current configuration and shows the difference.
 */

const resource = 'passport';
const groupIds = (what: string) => z.array(duoId('group')).describe(what).optional();

/** Group ids of a configuration as Duo answers it (groups are `{group_id, group_name}` objects). */
const idsOf = (groups: unknown) => (Array.isArray(groups) ? groups.map((g) => (g as { group_id?: string }).group_id ?? g) : []);

/** The fields a change would move, in the input's terms (group lists as ids). */
export function passportDiff(target: Record<string, unknown>, input: Record<string, unknown>): NonNullable<DryRunOutput['diff']> {
  const current: Record<string, unknown> = {
    enabled_status: target['enabled_status'],
    enabled_groups: idsOf(target['enabled_groups']),
    disabled_groups: idsOf(target['disabled_groups']),
    custom_supported_browsers: target['custom_supported_browsers'],
  };
  const out: NonNullable<DryRunOutput['diff']> = {};
  for (const [name, to] of Object.entries(input)) {
    if (to === undefined || !(name in current)) continue;
    // A platform left out of the browsers keeps no entries (Duo's answer always lists both).
    const next = name === 'custom_supported_browsers' ? { macos: [], windows: [], ...(to as object) } : to;
    if (JSON.stringify(current[name]) !== JSON.stringify(next)) out[name] = { from: current[name] ?? null, to: next };
  }
  return out;
}

/** Reads the Duo Passport configuration. */
export const passportGetAction = endpointAction(passportGet, {
  resource,
  title: 'Get Passport configuration',
  description: 'Reads who Duo Passport applies to (nobody, everyone, some groups, or everyone but some groups) and the extra browsers it supports.',
});

/** Changes the Duo Passport configuration. */
export const passportUpdateAction = endpointAction(passportUpdate, {
  resource,
  title: 'Modify Passport configuration',
  description:
    'Sets who Duo Passport applies to: disabled, enabled, enabled-for-groups (with enabled_groups) or enabled-with-exceptions (with disabled_groups). A group list given replaces the old one. A dry run shows the difference and changes nothing.',
  destructive: true,
  input: {
    enabled_groups: groupIds('Groups Passport is on for (enabled-for-groups); replaces the current list'),
    disabled_groups: groupIds('Groups Passport is off for (enabled-with-exceptions); replaces the current list'),
  },
  dryRun: dryRunByReading(
    passportGet,
    (target, input) => {
      const changed = Object.keys(passportDiff(target, input));
      return changed.length === 0 ? 'would change nothing of the Passport configuration' : `would change ${changed.join(', ')} of the Passport configuration`;
    },
    passportDiff,
  ),
});

/** Both Passport actions, in catalog order. */
export const passportActions = [passportGetAction, passportUpdateAction] as const;
