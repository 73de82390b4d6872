import { accountsCreate } from './accounts/accounts-create.js';
import { accountsDelete } from './accounts/accounts-delete.js';
import { accountsList } from './accounts/accounts-list.js';
import { authCheck } from './auth/auth-check.js';
import { authPing } from './auth/auth-ping.js';
import { authSend } from './auth/auth-send.js';
import { authStatus } from './auth/auth-status.js';
import { bypassCodesCreateForUser } from './bypass-codes/bypass-codes-create-for-user.js';
import { bypassCodesDelete } from './bypass-codes/bypass-codes-delete.js';
import { bypassCodesGet } from './bypass-codes/bypass-codes-get.js';
import { bypassCodesList } from './bypass-codes/bypass-codes-list.js';
import { bypassCodesListForUser } from './bypass-codes/bypass-codes-list-for-user.js';
import { bypassCodesMetadataForUser } from './bypass-codes/bypass-codes-metadata-for-user.js';
import { bypassCodesRetrieveForUser } from './bypass-codes/bypass-codes-retrieve-for-user.js';
import { accountsCall } from './calls/accounts-call.js';
import { adminCall } from './calls/admin-call.js';
import { authCall } from './calls/auth-call.js';
import type { AnyAction } from './define-action.js';
import { infoAuthenticationAttempts } from './info/info-authentication-attempts.js';
import { infoSummary } from './info/info-summary.js';
import { phonesActivationUrl } from './phones/phones-activation-url.js';
import { phonesAssign } from './phones/phones-assign.js';
import { phonesCreate } from './phones/phones-create.js';
import { phonesDelete } from './phones/phones-delete.js';
import { phonesGet } from './phones/phones-get.js';
import { phonesList } from './phones/phones-list.js';
import { phonesListForUser } from './phones/phones-list-for-user.js';
import { phonesSendSmsActivation } from './phones/phones-send-sms-activation.js';
import { phonesSendSmsInstallation } from './phones/phones-send-sms-installation.js';
import { phonesSendSmsPasscodes } from './phones/phones-send-sms-passcodes.js';
import { phonesUnassign } from './phones/phones-unassign.js';
import { settingsGet } from './settings/settings-get.js';
import { settingsUpdate } from './settings/settings-update.js';
import { usersCreate } from './users/users-create.js';
import { usersDelete } from './users/users-delete.js';
import { usersEnroll } from './users/users-enroll.js';
import { usersGet } from './users/users-get.js';
import { usersGetByEmail } from './users/users-get-by-email.js';
import { usersGetByUsername } from './users/users-get-by-username.js';
import { usersList } from './users/users-list.js';
import { usersRecentAuthLogs } from './users/users-recent-auth-logs.js';
import { usersSync } from './users/users-sync.js';
import { usersUpdate } from './users/users-update.js';

/** Every action the hub offers, in display order. The one list REST, CLI, UI and OpenAPI derive from. */
export const catalog: readonly AnyAction[] = [
  accountsList,
  accountsCreate,
  accountsDelete,
  accountsCall,
  adminCall,
  authCall,
  authCheck,
  authPing,
  authSend,
  authStatus,
  bypassCodesList,
  bypassCodesGet,
  bypassCodesDelete,
  bypassCodesListForUser,
  bypassCodesRetrieveForUser,
  bypassCodesMetadataForUser,
  bypassCodesCreateForUser,
  infoSummary,
  infoAuthenticationAttempts,
  phonesList,
  phonesGet,
  phonesCreate,
  phonesDelete,
  phonesActivationUrl,
  phonesSendSmsActivation,
  phonesSendSmsInstallation,
  phonesSendSmsPasscodes,
  phonesListForUser,
  phonesAssign,
  phonesUnassign,
  settingsGet,
  settingsUpdate,
  usersList,
  usersGet,
  usersGetByUsername,
  usersGetByEmail,
  usersCreate,
  usersUpdate,
  usersDelete,
  usersEnroll,
  usersSync,
  usersRecentAuthLogs,
];

const byId = new Map(catalog.map((a) => [a.id, a]));

/** The action with this id, if the catalog has one. */
export function findAction(id: string): AnyAction | undefined {
  return byId.get(id);
}
