import { authEnrollAction, authEnrollStatusAction, authLogoAction, authPreauthAction } from './auth/auth-endpoint-actions.js';
import { billingGetEditionAction, billingGetTelephonyCreditsAction, billingSetEditionAction, billingSetTelephonyCreditsAction } from './billing/billing-actions.js';
import {
  desktopTokensActivateAction,
  desktopTokensCreateAction,
  desktopTokensGetAction,
  desktopTokensUpdateAction,
  usersDesktopTokensListAction,
} from './desktop_authenticators/desktop-tokens-actions.js';
import { hardwareTokensUpdate } from './hardware-tokens/hardware-tokens-update.js';
import { infoTelephonyCreditsUsedAction, infoUserAuthenticationAttemptsAction } from './info/info-usage-actions.js';
import { phonesUpdate } from './phones/phones-update.js';
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
import { desktopAuthenticatorsDelete } from './desktop_authenticators/desktop-authenticators-delete.js';
import { desktopAuthenticatorsGet } from './desktop_authenticators/desktop-authenticators-get.js';
import { desktopAuthenticatorsList } from './desktop_authenticators/desktop-authenticators-list.js';
import { desktopAuthenticatorsListForUser } from './desktop_authenticators/desktop-authenticators-list-for-user.js';
import { desktopTokensDelete } from './desktop_authenticators/desktop-tokens-delete.js';
import { desktopTokensList } from './desktop_authenticators/desktop-tokens-list.js';
import { sharedDeviceAuthCreate } from './desktop_authenticators/shared-device-auth-create.js';
import { sharedDeviceAuthDelete } from './desktop_authenticators/shared-device-auth-delete.js';
import { sharedDeviceAuthGet } from './desktop_authenticators/shared-device-auth-get.js';
import { sharedDeviceAuthList } from './desktop_authenticators/shared-device-auth-list.js';
import { sharedDeviceAuthUpdate } from './desktop_authenticators/shared-device-auth-update.js';
import { webauthnCredentialsDelete } from './webauthn_credentials/webauthn-credentials-delete.js';
import { webauthnCredentialsGet } from './webauthn_credentials/webauthn-credentials-get.js';
import { webauthnCredentialsList } from './webauthn_credentials/webauthn-credentials-list.js';
import { webauthnCredentialsListForUser } from './webauthn_credentials/webauthn-credentials-list-for-user.js';
import { groupsAddUser } from './groups/groups-add-user.js';
import { groupsCreate } from './groups/groups-create.js';
import { groupsDelete } from './groups/groups-delete.js';
import { groupsGet } from './groups/groups-get.js';
import { groupsList } from './groups/groups-list.js';
import { groupsListForUser } from './groups/groups-list-for-user.js';
import { groupsListMembers } from './groups/groups-list-members.js';
import { groupsRemoveUser } from './groups/groups-remove-user.js';
import { groupsUpdate } from './groups/groups-update.js';
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
import { hardwareTokensAssign } from './hardware-tokens/hardware-tokens-assign.js';
import { hardwareTokensCreate } from './hardware-tokens/hardware-tokens-create.js';
import { hardwareTokensDelete } from './hardware-tokens/hardware-tokens-delete.js';
import { hardwareTokensGet } from './hardware-tokens/hardware-tokens-get.js';
import { hardwareTokensList } from './hardware-tokens/hardware-tokens-list.js';
import { hardwareTokensListForUser } from './hardware-tokens/hardware-tokens-list-for-user.js';
import { hardwareTokensResync } from './hardware-tokens/hardware-tokens-resync.js';
import { hardwareTokensUnassign } from './hardware-tokens/hardware-tokens-unassign.js';
import { u2fTokensDelete } from './u2f-tokens/u2f-tokens-delete.js';
import { u2fTokensGet } from './u2f-tokens/u2f-tokens-get.js';
import { u2fTokensList } from './u2f-tokens/u2f-tokens-list.js';
import { u2fTokensListForUser } from './u2f-tokens/u2f-tokens-list-for-user.js';
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
import { bulkRun } from './users_bulk/bulk-run.js';
import { usersBulkCreate } from './users_bulk/users-bulk-create.js';
import { usersBulkRestore } from './users_bulk/users-bulk-restore.js';
import { usersBulkSendToTrash } from './users_bulk/users-bulk-send-to-trash.js';
import { identityVerificationCancel } from './verification/identity-verification-cancel.js';
import { identityVerificationStart } from './verification/identity-verification-start.js';
import { identityVerificationStatus } from './verification/identity-verification-status.js';
import { usersSendVerificationPush } from './verification/users-send-verification-push.js';
import { usersVerificationPushResponse } from './verification/users-verification-push-response.js';
import { integrationActions } from './integrations/integrations-actions.js';
import { adminActions } from './admins/admins-actions.js';
import { policyActions } from './policies/policies-actions.js';
import { endpointActions } from './endpoints/endpoints-actions.js';
import { registeredDeviceActions } from './registered_devices/registered-devices-actions.js';
import { brandingActions } from './branding/branding-actions.js';
import { administrativeUnitActions } from './administrative_units/administrative-units-actions.js';
import { passportActions } from './passport/passport-actions.js';
import { logoActions } from './logo/logo-actions.js';

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
  authPreauthAction,
  authEnrollAction,
  authEnrollStatusAction,
  authLogoAction,
  bypassCodesList,
  bypassCodesGet,
  bypassCodesDelete,
  bypassCodesListForUser,
  bypassCodesRetrieveForUser,
  bypassCodesMetadataForUser,
  bypassCodesCreateForUser,
  groupsList,
  groupsGet,
  groupsListMembers,
  groupsListForUser,
  groupsCreate,
  groupsUpdate,
  groupsDelete,
  groupsAddUser,
  groupsRemoveUser,
  infoSummary,
  infoAuthenticationAttempts,
  infoUserAuthenticationAttemptsAction,
  infoTelephonyCreditsUsedAction,
  billingGetEditionAction,
  billingSetEditionAction,
  billingGetTelephonyCreditsAction,
  billingSetTelephonyCreditsAction,
  phonesList,
  phonesGet,
  phonesUpdate,
  phonesCreate,
  phonesDelete,
  phonesActivationUrl,
  phonesSendSmsActivation,
  phonesSendSmsInstallation,
  phonesSendSmsPasscodes,
  phonesListForUser,
  phonesAssign,
  phonesUnassign,
  hardwareTokensList,
  hardwareTokensGet,
  hardwareTokensUpdate,
  hardwareTokensCreate,
  hardwareTokensResync,
  hardwareTokensDelete,
  hardwareTokensListForUser,
  hardwareTokensAssign,
  hardwareTokensUnassign,
  u2fTokensList,
  u2fTokensGet,
  u2fTokensDelete,
  u2fTokensListForUser,
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
  usersBulkCreate,
  usersBulkSendToTrash,
  usersBulkRestore,
  usersSendVerificationPush,
  usersVerificationPushResponse,
  identityVerificationStart,
  identityVerificationStatus,
  identityVerificationCancel,
  bulkRun,
  webauthnCredentialsList,
  webauthnCredentialsGet,
  webauthnCredentialsDelete,
  webauthnCredentialsListForUser,
  desktopAuthenticatorsList,
  desktopAuthenticatorsGet,
  desktopAuthenticatorsDelete,
  desktopAuthenticatorsListForUser,
  sharedDeviceAuthList,
  sharedDeviceAuthGet,
  sharedDeviceAuthCreate,
  sharedDeviceAuthUpdate,
  sharedDeviceAuthDelete,
  desktopTokensList,
  desktopTokensDelete,
  desktopTokensGetAction,
  desktopTokensCreateAction,
  desktopTokensUpdateAction,
  desktopTokensActivateAction,
  usersDesktopTokensListAction,
  ...adminActions,
  ...integrationActions,
  ...policyActions,
  ...endpointActions,
  ...registeredDeviceActions,
  ...brandingActions,
  ...administrativeUnitActions,
  ...passportActions,
  ...logoActions,
];

const byId = new Map(catalog.map((a) => [a.id, a]));

/** The action with this id, if the catalog has one. */
export function findAction(id: string): AnyAction | undefined {
  return byId.get(id);
}
