import { newApiHostname, newId } from '../state/ids.js';
import type { Account } from '../state/types.js';
import { defaultSettings } from './default-settings.js';

/** A blank account (no integrations, users or devices) with its own id and api_hostname. */
export function newAccount(name: string, parentId: string | null, random: () => number): Account {
  return {
    account_id: newId('DA', random),
    name,
    api_hostname: newApiHostname(random),
    parent_id: parentId,
    edition: 'ENTERPRISE',
    telephony_credits: parentId === null ? 10_000 : 0,
    integrations: {},
    users: {},
    phones: {},
    tokens: {},
    groups: {},
    bypass_codes: {},
    settings: defaultSettings(name),
    directories: {},
    auth_log: [],
    transactions: {},
    enrollments: {},
  };
}
