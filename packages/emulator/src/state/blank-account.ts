import { defaultSettings } from '../seed/default-settings.js';
import type { Account } from './types.js';

/** An account record with no integrations, users or devices, and Duo's default settings. */
export function blankAccount(
  init: Pick<Account, 'account_id' | 'name' | 'api_hostname' | 'parent_id'> &
    Partial<Pick<Account, 'edition' | 'telephony_credits'>>,
): Account {
  return {
    edition: 'ENTERPRISE',
    telephony_credits: init.parent_id === null ? 10_000 : 0,
    integrations: {},
    users: {},
    phones: {},
    tokens: {},
    groups: {},
    bypass_codes: {},
    settings: defaultSettings(init.name),
    directories: {},
    auth_log: [],
    transactions: {},
    enrollments: {},
    ...init,
  };
}
