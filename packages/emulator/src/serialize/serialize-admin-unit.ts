import type { AdminUnitRecord } from '../state/admin-unit-records.js';

/** An administrative unit as the Admin API answers it: members by id (duo_client_python's docstring). */
export function serializeAdminUnit(unit: AdminUnitRecord): Record<string, unknown> {
  return {
    admin_unit_id: unit.admin_unit_id,
    name: unit.name,
    description: unit.description,
    restrict_by_groups: unit.restrict_by_groups,
    restrict_by_integrations: unit.restrict_by_integrations,
    admins: [...unit.admin_ids],
    groups: [...unit.group_ids],
    integrations: [...unit.integration_keys],
  };
}
