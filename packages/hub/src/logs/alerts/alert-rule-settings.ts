import type { ForwardingDb } from '../forwarding/forwarding-tables.js';
import type { AlertRule, DenialBurstParams } from './alert-rules.js';

/** The scope of fleet-wide settings in `alert_rule_settings`. */
export const FLEET_SCOPE = '*';

/** Settings stored at one scope: null fields defer to the wider scope. */
export interface RuleScopeSettings {
  enabled: boolean | null;
  params: Partial<DenialBurstParams> | null;
}

/** Every stored setting: rule id -> scope -> settings. */
export type RuleSettingsMap = Map<string, Map<string, RuleScopeSettings>>;

/** Reads every rule setting. */
export async function loadRuleSettings(db: ForwardingDb): Promise<RuleSettingsMap> {
  const rows = await db.selectFrom('alert_rule_settings').selectAll().execute();
  const out: RuleSettingsMap = new Map();
  for (const row of rows) {
    let params: Partial<DenialBurstParams> | null = null;
    if (row.params) {
      try {
        params = JSON.parse(row.params) as Partial<DenialBurstParams>;
      } catch {
        params = null;
      }
    }
    const scopes = out.get(row.rule_id) ?? new Map<string, RuleScopeSettings>();
    scopes.set(row.scope, { enabled: row.enabled === null ? null : Number(row.enabled) === 1, params });
    out.set(row.rule_id, scopes);
  }
  return out;
}

/** What applies to a rule for an event of `organizationId` (pure): the organization's settings over the fleet's over the rule's defaults. */
export function effectiveRuleSettings(settings: RuleSettingsMap, rule: AlertRule, organizationId: string | null): { enabled: boolean; params: DenialBurstParams | null } {
  const scopes = settings.get(rule.id);
  const fleet = scopes?.get(FLEET_SCOPE);
  const own = organizationId === null ? undefined : scopes?.get(organizationId);
  const enabled = own?.enabled ?? fleet?.enabled ?? true;
  if (rule.kind !== 'rate') return { enabled, params: null };
  return {
    enabled,
    params: {
      threshold: own?.params?.threshold ?? fleet?.params?.threshold ?? rule.defaults.threshold,
      window_minutes: own?.params?.window_minutes ?? fleet?.params?.window_minutes ?? rule.defaults.window_minutes,
    },
  };
}
