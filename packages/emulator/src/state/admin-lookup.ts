import { adminDefaults, adminsOf, type AdminRecord } from './admin-records.js';
import type { Account } from './types.js';

/** The administrator whose email is `email` (case-insensitive, as email addresses compare). */
export function findAdminByEmail(account: Account, email: string): AdminRecord | undefined {
  const wanted = email.trim().toLowerCase();
  return Object.values(adminsOf(account)).find((a) => a.email.toLowerCase() === wanted);
}

/** Whether an administrator or a pending activation already uses `email` (Duo requires it unused by both). */
export function adminEmailInUse(account: Account, email: string): boolean {
  const wanted = email.trim().toLowerCase();
  if (findAdminByEmail(account, wanted)) return true;
  return Object.values(account.admin_activations ?? {}).some((a) => a.email.toLowerCase() === wanted);
}

/** Whether `admin` is the account's only Active Owner, so removing or demoting it would leave none. */
export function isLastActiveOwner(account: Account, admin: AdminRecord): boolean {
  const activeOwner = (a: AdminRecord) => (a.role ?? adminDefaults.role) === 'Owner' && (a.status ?? adminDefaults.status) === 'Active';
  if (!activeOwner(admin)) return false;
  return !Object.values(adminsOf(account)).some((a) => a.admin_id !== admin.admin_id && activeOwner(a));
}
