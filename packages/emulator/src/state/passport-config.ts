import type { Account } from './types.js';

/** Who Duo Passport applies to. */
export type PassportStatus = 'disabled' | 'enabled' | 'enabled-for-groups' | 'enabled-with-exceptions';

/** The account's Duo Passport configuration, groups by id (Duo answers them as objects). */
export interface PassportConfigRecord {
  enabled_status: PassportStatus;
  enabled_group_ids: string[];
  disabled_group_ids: string[];
  /** Extra browsers Passport supports: macOS by signing team id, Windows by certificate common name. */
  custom_supported_browsers: { macos: Array<{ team_id: string }>; windows: Array<{ common_name: string }> };
}

/**
 * The account's Passport configuration; an account that never set one has Passport disabled.
 * Reading stores nothing (a GET leaves the state as it was).
 */
export function passportConfigOf(account: Account): PassportConfigRecord {
  return (
    account.passport_config ?? {
      enabled_status: 'disabled',
      enabled_group_ids: [],
      disabled_group_ids: [],
      custom_supported_browsers: { macos: [], windows: [] },
    }
  );
}

/** Takes a deleted group out of the Passport group lists (called by the group delete). */
export function dropGroupFromPassport(account: Account, groupId: string): void {
  const config = account.passport_config;
  if (!config) return;
  config.enabled_group_ids = config.enabled_group_ids.filter((id) => id !== groupId);
  config.disabled_group_ids = config.disabled_group_ids.filter((id) => id !== groupId);
}
