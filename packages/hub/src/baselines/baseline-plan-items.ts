import type { PlannedItem } from '../bulk/new-bulk-plan.js';
import type { BaselineWanted } from './compare-baseline.js';

/** An organization with open drift, as the plan names it. */
export interface DriftedOrganization {
  id: string;
  name: string;
  /** Drifted fields: `settings.<name>` or `policies.global.<section>.<name>`. */
  fields: readonly string[];
}

// Duo clears these two together (settings.update refuses one cleared alone), so both travel together.
const PAIRED = ['keypress_confirm', 'keypress_fraud'];

/**
 * The items that set an organization's drifted fields back to the wanted values (pure): one
 * `settings.update` with only the drifted settings, and one `policies.update` of the global policy
 * with only the drifted settings of each section. Organizations in the order given.
 */
export function baselinePlanItems(wanted: BaselineWanted, organizations: readonly DriftedOrganization[]): PlannedItem[] {
  const items: PlannedItem[] = [];
  for (const org of organizations) {
    const settings: Record<string, unknown> = {};
    const sections: Record<string, Record<string, unknown>> = {};
    for (const field of org.fields) {
      const parts = field.split('.');
      if (parts[0] === 'settings' && parts.length === 2) {
        const name = parts[1]!;
        if (wanted.settings[name] !== undefined) settings[name] = wanted.settings[name];
      } else if (parts[0] === 'policies' && parts[1] === 'global' && parts.length === 4) {
        const [section, name] = [parts[2]!, parts[3]!];
        const value = wanted.policies?.global[section]?.[name];
        if (value !== undefined) (sections[section] ??= {})[name] = value;
      }
    }
    if (PAIRED.some((k) => k in settings)) for (const k of PAIRED) if (wanted.settings[k] !== undefined) settings[k] = wanted.settings[k];
    if (Object.keys(settings).length > 0) {
      items.push({ organizationId: org.id, actionId: 'settings.update', target: org.name, targetId: null, input: settings });
    }
    if (Object.keys(sections).length > 0) {
      items.push({ organizationId: org.id, actionId: 'policies.update', target: `${org.name}: global policy`, targetId: 'global', input: { policy_key: 'global', sections } });
    }
  }
  return items;
}
