import { newActivationCode } from './admin-ids.js';
import { adminEmailsOf, type AdminActivationLink, type AdminEmail } from './admin-records.js';
import type { Account, UnixSeconds } from './types.js';

const DAY = 86_400;

/** Days an activation link stays valid when the request does not say (Duo's documented default). */
export const DEFAULT_ACTIVATION_DAYS = 7;

/** A fresh activation link valid for `validDays` from `nowSec`. */
export function newActivationLink(random: () => number, nowSec: UnixSeconds, validDays: number): AdminActivationLink {
  return { code: newActivationCode(random), created: nowSec, expires: nowSec + validDays * DAY, valid_days: validDays };
}

/** Whether a link still works at `nowSec`. */
export function isLinkLive(link: AdminActivationLink | null | undefined, nowSec: UnixSeconds): link is AdminActivationLink {
  return link !== null && link !== undefined && link.expires > nowSec;
}

/**
 * The activation form's address: the account's Admin Panel host (`api-x.duosecurity.com` becomes
 * `admin-x.duosecurity.com`, as Duo names them) and the code. The path is the emulator's choice.
 */
export function activationUrl(account: Account, link: AdminActivationLink): string {
  const host = account.api_hostname.replace(/^api-/, 'admin-');
  return `https://${host}/admins/activate/${link.code}`;
}

/** The subject and body of the activation email (wording is the emulator's; Duo's is not documented). */
export function activationEmail(account: Account, link: AdminActivationLink, name: string): { subject: string; message: string } {
  return {
    subject: `Activate your Duo administrator account for ${account.name}`,
    message:
      `Hello ${name},\n\nYou have been invited to administer Duo for ${account.name}. ` +
      `Complete your activation within ${link.valid_days} day${link.valid_days === 1 ? '' : 's'}:\n${activationUrl(account, link)}\n`,
  };
}

/** Records the activation email in the account's outbox, as Duo would have sent it. */
export function sendActivationEmail(
  account: Account,
  link: AdminActivationLink,
  to: { email: string; name: string; admin_id?: string; admin_activation_id?: string },
  nowSec: UnixSeconds,
): void {
  const { subject, message } = activationEmail(account, link, to.name);
  const email: AdminEmail = {
    to: to.email,
    subject,
    message,
    sent_at: nowSec,
  };
  if (to.admin_id !== undefined) email.admin_id = to.admin_id;
  if (to.admin_activation_id !== undefined) email.admin_activation_id = to.admin_activation_id;
  adminEmailsOf(account).push(email);
}
