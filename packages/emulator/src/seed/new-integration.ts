import { newId, newSecretKey } from '../state/ids.js';
import type { AdminGrants, Integration } from '../state/types.js';

/** Every Admin API grant, as a freshly created "full access" Admin API application holds. */
export const ALL_GRANTS: AdminGrants = {
  read_resource: true,
  write_resource: true,
  settings: true,
  info: true,
  read_log: true,
  admins: true,
  admins_read: true,
  integrations: true,
};

/** An integration with generated keys; Admin API integrations get `grants` (all by default). */
export function newIntegration(
  type: Integration['type'],
  name: string,
  random: () => number,
  grants: AdminGrants = ALL_GRANTS,
): Integration {
  const integration: Integration = {
    integration_key: newId('DI', random),
    secret_key: newSecretKey(random),
    name,
    type,
  };
  if (type === 'admin') integration.grants = { ...grants };
  return integration;
}
