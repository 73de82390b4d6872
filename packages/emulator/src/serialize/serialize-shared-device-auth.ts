import type { Account, SharedDeviceAuth } from '../state/types.js';

/**
 * A shared device authentication configuration as the Admin API answers it. Groups deleted since
 * it was saved drop out here, as Duo removes a deleted group from everything that names it.
 */
export function serializeSharedDeviceAuth(account: Account, config: SharedDeviceAuth): Record<string, unknown> {
  return {
    active: config.active,
    group_id_list: config.group_ids.filter((id) => account.groups[id] !== undefined),
    name: config.name,
    shared_device_key: config.shared_device_key,
    trusted_endpoint_integration_id_list: [...config.trusted_endpoint_integration_ids],
  };
}
