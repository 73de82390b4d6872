import { brandingOf, liveBranding } from '../state/branding-records.js';
import type { Account } from '../state/types.js';

/** The live branding as `GET /admin/v1/branding` answers it. */
export function serializeLiveBranding(account: Account): Record<string, unknown> {
  return { ...liveBranding(account) };
}

/** The draft branding with the users who see it (users deleted since are left out). */
export function serializeDraftBranding(account: Account): Record<string, unknown> {
  const branding = brandingOf(account);
  return { ...branding.draft, user_ids: branding.draft_user_ids.filter((id) => account.users[id] !== undefined) };
}

/** Custom messaging as `GET /admin/v1/branding/custom_messaging` answers it. */
export function serializeCustomMessaging(account: Account): Record<string, unknown> {
  const { help_links, help_text, locale } = brandingOf(account).custom_messaging;
  return { help_links: [...help_links], help_text, locale };
}
