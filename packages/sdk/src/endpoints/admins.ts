import { endpointFamily } from './endpoint-family.js';
import { emptyAnswer } from './objects.js';
import { offsetPaging } from './paging-params.js';
import { required } from './required.js';
import { t } from './shape.js';

/**
 * Duo's administrators (Admin API `/admin/v1/admins`): the people who sign in to the Admin Panel,
 * their activation links, directory sync, external password management and the authentication
 * methods they may use. Reads need "Grant read administrators" (an integration holding "Grant
 * administrators" also passes); every write needs "Grant administrators".
 */

const DOCS = 'https://duo.com/docs/adminapi';
// Duo documents 100 per page by default and at most 500 for the administrator lists.
const page = offsetPaging(100, 500);
/** Reads need "Grant read administrators", writes "Grant administrators". */
const admin = endpointFamily({ api: 'admin', read: 'admins_read', write: 'admins', page });
const nullableSeconds = t.integer({ nullable: true, description: 'Unix seconds; null: never' });

/** The roles Duo documents; the names are case-sensitive. */
export const ADMIN_ROLES = [
  'Owner',
  'Administrator',
  'Application Manager',
  'User Manager',
  'Security Analyst',
  'Help Desk',
  'Billing',
  'Phishing Manager',
  'Read-only',
] as const;

/** The statuses an administrator may be in; only `Active` and `Disabled` may be set through the API. */
export const ADMIN_STATUSES = ['Active', 'Disabled', 'Expired', 'Pending Activation'] as const;

const adminId = t.string({ minLength: 1, description: 'The administrator\'s id' });
const email = t.string({ minLength: 1, maxLength: 254, pattern: '[^@\\s]+@[^@\\s]+\\.[^@\\s]+', description: 'Email address' });
const role = t.enum(ADMIN_ROLES, { description: 'Case-sensitive. Roles other than Owner take effect only with the Administrative Roles feature' });
const phone = t.string({
  minLength: 1,
  maxLength: 32,
  description: 'E.164 recommended; without a leading + it is taken as a US number (+1); dashes and spaces are ignored',
});
const validDays = t.integer({ minimum: 1, maximum: 31, description: 'Days before the activation link expires (default 7)' });
const sendEmail = { ...t.boolean({ description: 'Email the activation link and an introduction to the administrator (default false)' }), encoding: 'digit' } as const;

/** The hardware token an administrator authenticates with. */
export const adminHardTokenShape = t.object(
  { serial: t.string(), token_id: t.string(), totp_step: t.integer({ nullable: true }), type: t.string() },
  { required: ['serial', 'token_id', 'type'], nullable: true },
);

/** A Duo administrator. */
export const adminShape = t.object(
  {
    admin_id: t.string(),
    admin_units: t.array(t.string(), { description: 'Ids of the administrative units the administrator belongs to' }),
    created: t.integer({ description: 'Unix seconds' }),
    email: t.string(),
    hardtoken: adminHardTokenShape,
    last_directory_sync: nullableSeconds,
    last_login: nullableSeconds,
    name: t.string(),
    password_change_required: t.boolean(),
    phone: t.string({ nullable: true, description: 'E.164' }),
    restricted_by_admin_units: t.boolean(),
    role: t.string({ description: 'One of the documented roles, or a custom role\'s name' }),
    status: t.string({ description: 'Active, Disabled, Expired or Pending Activation' }),
    webauthncredentials: t.array(
      t.object({ webauthnkey: t.string(), credential_name: t.string(), label: t.string(), date_added: t.integer() }),
    ),
  },
  { required: ['admin_id', 'email', 'name', 'role', 'status'] },
);

/** An activation link of an administrator pending activation. */
export const adminActivationLinkShape = t.object(
  {
    admin_id: t.string(),
    email: t.string(),
    email_sent: t.boolean({ description: 'Whether Duo emailed the link' }),
    link: t.string({ description: 'The activation form\'s address' }),
    code: t.string({ description: 'The activation code in the link' }),
    expires: t.integer({ description: 'Unix seconds' }),
    valid_days: t.integer(),
    subject: t.string({ description: 'Subject of the activation email' }),
    message: t.string({ description: 'Body of the activation email' }),
  },
  { required: ['admin_id', 'email', 'link', 'expires'] },
);

/** A new administrator's activation, as creating it answers (the administrator exists once the form is completed). */
export const adminActivationShape = t.object(
  {
    admin_activation_id: t.string(),
    admin_name: t.string(),
    admin_role: t.string(),
    email: t.string(),
    email_sent: t.boolean(),
    link: t.string(),
    code: t.string(),
    expires: t.integer({ description: 'Unix seconds' }),
    valid_days: t.integer(),
    subject: t.string(),
    message: t.string(),
  },
  { required: ['admin_activation_id', 'email', 'link', 'expires'] },
);

/** A pending administrator activation as the list shows it (without its link). */
export const pendingAdminActivationShape = t.object(
  {
    admin_activation_id: t.string(),
    admin_name: t.string(),
    admin_role: t.string(),
    email: t.string(),
    email_sent: t.boolean(),
    expires: t.integer({ description: 'Unix seconds' }),
    valid_days: t.integer(),
  },
  { required: ['admin_activation_id', 'email', 'expires'] },
);

/** Whether an administrator's password is managed through the API (the password itself never comes back). */
export const adminPasswordMgmtShape = t.object(
  { admin_id: t.string(), email: t.string(), name: t.string(), has_external_password_mgmt: t.boolean() },
  { required: ['admin_id', 'has_external_password_mgmt'] },
);

/** The second factors administrators may use to sign in to the Admin Panel. */
export const adminAuthMethodsShape = t.object(
  {
    hardware_token_enabled: t.boolean(),
    mobile_otp_enabled: t.boolean(),
    push_enabled: t.boolean(),
    sms_enabled: t.boolean(),
    verified_push_enabled: t.boolean(),
    verified_push_length: t.integer({ minimum: 3, maximum: 6 }),
    voice_enabled: t.boolean(),
    webauthn_enabled: t.boolean(),
    yubikey_enabled: t.boolean(),
  },
  { required: ['hardware_token_enabled', 'mobile_otp_enabled', 'push_enabled', 'sms_enabled', 'voice_enabled', 'yubikey_enabled'] },
);

/** `GET /admin/v1/admins`. */
export const adminsList = admin.list({
  id: 'admins.list',
  summary: 'List administrators',
  path: '/admin/v1/admins',
  response: t.array(adminShape),
  docs: `${DOCS}#retrieve-administrators`,
});

/** `POST /admin/v1/admins`: the administrator starts Pending Activation, with an activation link. */
export const adminsCreate = admin.write({
  id: 'admins.create',
  summary: 'Create an administrator',
  path: '/admin/v1/admins',
  idempotent: false,
  params: {
    email: required({ ...email, description: 'Unique among administrators and pending activations' }),
    name: required(t.string({ minLength: 1, maxLength: 200 })),
    phone,
    role: { ...role, description: 'Case-sensitive; default Owner' },
    restricted_by_admin_units: t.boolean({ description: 'Restrict to administrative units (not allowed for Owners); default false' }),
    send_email: sendEmail,
    token_id: t.string({ minLength: 1, description: 'A hardware token to assign' }),
    valid_days: validDays,
  },
  response: adminShape,
  docs: `${DOCS}#create-administrator`,
});

/** `GET /admin/v1/admins/{admin_id}`. */
export const adminsGet = admin.get({
  id: 'admins.get',
  summary: 'Get one administrator',
  path: '/admin/v1/admins/{admin_id}',
  params: { admin_id: adminId },
  response: adminShape,
  docs: `${DOCS}#retrieve-administrator-by-id`,
});

/** `POST /admin/v1/admins/{admin_id}`: given fields change; name, role and status are read-only for directory-synced administrators. */
export const adminsUpdate = admin.write({
  id: 'admins.update',
  summary: 'Modify an administrator',
  path: '/admin/v1/admins/{admin_id}',
  idempotent: true,
  params: {
    admin_id: adminId,
    name: t.string({ minLength: 1, maxLength: 200 }),
    phone,
    password_change_required: t.boolean({ description: 'Require a new password at next sign-in; not with external password management' }),
    role,
    restricted_by_admin_units: t.boolean({ description: 'Not allowed for Owners' }),
    status: t.enum(['Active', 'Disabled'], { description: 'Case-sensitive; Owners cannot be disabled' }),
    token_id: t.string({ description: 'A hardware token to assign; blank removes the assignment' }),
  },
  response: adminShape,
  docs: `${DOCS}#modify-administrator`,
});

/** `DELETE /admin/v1/admins/{admin_id}`: not for directory-synced administrators. */
export const adminsDelete = admin.remove({
  id: 'admins.delete',
  summary: 'Delete an administrator',
  path: '/admin/v1/admins/{admin_id}',
  params: { admin_id: adminId },
  response: emptyAnswer,
  docs: `${DOCS}#delete-administrator`,
});

/** `POST /admin/v1/admins/{admin_id}/reset`: clears failed sign-in attempts and re-enables a locked-out administrator. */
export const adminsResetAuthAttempts = admin.write({
  id: 'admins.reset_auth_attempts',
  summary: "Reset an administrator's authentication attempts",
  path: '/admin/v1/admins/{admin_id}/reset',
  idempotent: true,
  params: { admin_id: adminId },
  // Duo does not document the answer; the emulator answers the administrator.
  response: adminShape,
  docs: `${DOCS}#reset-administrator-authentication-attempts`,
});

/** `POST /admin/v1/admins/{admin_id}/clear_inactivity`: an Expired administrator gets back its previous status. */
export const adminsClearInactivity = admin.write({
  id: 'admins.clear_inactivity',
  summary: "Clear an administrator's inactivity expiration",
  path: '/admin/v1/admins/{admin_id}/clear_inactivity',
  idempotent: true,
  params: { admin_id: adminId },
  // Duo does not document the answer; the emulator answers the administrator.
  response: adminShape,
  docs: `${DOCS}#clear-administrator-expiration`,
});

/** `POST /admin/v1/admins/{admin_id}/activation_link/email`: emails the current link; every call sends again. */
export const adminsEmailActivationLink = admin.write({
  id: 'admins.email_activation_link',
  summary: 'Email the activation link to an administrator pending activation',
  path: '/admin/v1/admins/{admin_id}/activation_link/email',
  idempotent: false,
  params: { admin_id: adminId },
  response: adminActivationLinkShape,
  docs: `${DOCS}#email-activation-link-to-administrator-pending-activation`,
});

/** `DELETE /admin/v1/admins/{admin_id}/activation_link`: invalidates the current link. */
export const adminsDeleteActivationLink = admin.remove({
  id: 'admins.delete_activation_link',
  summary: 'Delete the activation link of an administrator pending activation',
  path: '/admin/v1/admins/{admin_id}/activation_link',
  params: { admin_id: adminId },
  response: emptyAnswer,
  docs: `${DOCS}#delete-activation-link-from-administrator-pending-activation`,
});

/** `POST /admin/v1/admins/{admin_id}/activation_link`: only when the administrator has no link yet. */
export const adminsCreateActivationLink = admin.write({
  id: 'admins.create_activation_link',
  summary: 'Create an activation link for an administrator pending activation',
  path: '/admin/v1/admins/{admin_id}/activation_link',
  idempotent: false,
  params: { admin_id: adminId },
  response: adminActivationLinkShape,
  docs: `${DOCS}#create-activation-link-for-administrator-pending-activation`,
});

/** `POST /admin/v1/admins/activations`: a link to the activation form for a new administrator. */
export const adminsCreateActivation = admin.write({
  id: 'admins.create_activation',
  summary: 'Create an activation link for a new administrator',
  path: '/admin/v1/admins/activations',
  idempotent: false,
  params: {
    email: required({ ...email, description: 'Not in use by any administrator or pending activation' }),
    admin_name: t.string({ minLength: 1, maxLength: 200, description: 'Default: the email address' }),
    admin_role: { ...role, description: 'Case-sensitive; default Owner' },
    send_email: sendEmail,
    valid_days: validDays,
  },
  response: adminActivationShape,
  docs: `${DOCS}#create-administrator-activation-link`,
});

/** `GET /admin/v1/admins/activations`. */
export const adminsListActivations = admin.list({
  id: 'admins.list_activations',
  summary: 'List pending administrator activations',
  path: '/admin/v1/admins/activations',
  response: t.array(pendingAdminActivationShape),
  docs: `${DOCS}#retrieve-pending-administrator-activations`,
});

/** `DELETE /admin/v1/admins/activations/{admin_activation_id}`. */
export const adminsDeleteActivation = admin.remove({
  id: 'admins.delete_activation',
  summary: 'Delete a pending administrator activation',
  path: '/admin/v1/admins/activations/{admin_activation_id}',
  params: { admin_activation_id: t.string({ minLength: 1, description: 'The pending activation\'s id' }) },
  response: emptyAnswer,
  docs: `${DOCS}#delete-pending-administrator-activation`,
});

/** `POST /admin/v1/admins/directorysync/{directory_key}/syncadmin`: creates, updates or disables one administrator from a directory. */
export const adminsSyncFromDirectory = admin.write({
  id: 'admins.sync_from_directory',
  summary: 'Synchronize one administrator from a directory',
  path: '/admin/v1/admins/directorysync/{directory_key}/syncadmin',
  idempotent: true,
  params: {
    directory_key: t.string({ minLength: 1, description: 'The admin directory sync\'s key' }),
    email: required({ ...email, description: 'The administrator\'s email as the directory holds it; Owners cannot be synced' }),
  },
  // Duo does not document the answer; the emulator answers the administrator.
  response: adminShape,
  docs: `${DOCS}#synchronize-admin-from-directory`,
});

/** `GET /admin/v1/admins/password_mgmt`. */
export const adminsListPasswordMgmt = admin.list({
  id: 'admins.list_password_mgmt',
  summary: "List administrators' external password management status",
  path: '/admin/v1/admins/password_mgmt',
  response: t.array(adminPasswordMgmtShape),
  docs: `${DOCS}#retrieve-admin-external-password-management-status`,
});

/** `GET /admin/v1/admins/{admin_id}/password_mgmt`. */
export const adminsGetPasswordMgmt = admin.get({
  id: 'admins.get_password_mgmt',
  summary: "Get one administrator's external password management status",
  path: '/admin/v1/admins/{admin_id}/password_mgmt',
  params: { admin_id: adminId },
  response: adminPasswordMgmtShape,
  docs: `${DOCS}#retrieve-single-admin-external-password-management-status`,
});

/** `POST /admin/v1/admins/{admin_id}/password_mgmt`: a password may be set only with external management on. */
export const adminsUpdatePasswordMgmt = admin.write({
  id: 'admins.update_password_mgmt',
  summary: "Change an administrator's external password management (and password)",
  path: '/admin/v1/admins/{admin_id}/password_mgmt',
  idempotent: true,
  params: {
    admin_id: adminId,
    has_external_password_mgmt: t.boolean({ description: 'Whether the password is managed through the API' }),
    password: t.string({ minLength: 1, maxLength: 128, description: 'New password; requires external password management. Never returned' }),
  },
  response: adminPasswordMgmtShape,
  docs: `${DOCS}#modify-admin-external-password-management-status`,
});

/** `GET /admin/v1/admins/allowed_auth_methods`. */
export const adminsGetAllowedAuthMethods = admin.get({
  id: 'admins.get_allowed_auth_methods',
  summary: 'Get the authentication methods administrators may use',
  path: '/admin/v1/admins/allowed_auth_methods',
  params: {},
  response: adminAuthMethodsShape,
  docs: `${DOCS}#retrieve-administrator-authentication-factors`,
});

const method = (what: string) => ({ ...t.boolean({ description: `${what}; not set to true: not allowed` }), encoding: 'digit' }) as const;

/** `POST /admin/v1/admins/allowed_auth_methods`: replaces the whole set; a method not sent as true is disallowed. */
export const adminsUpdateAllowedAuthMethods = admin.write({
  id: 'admins.update_allowed_auth_methods',
  summary: 'Restrict the authentication methods administrators may use',
  path: '/admin/v1/admins/allowed_auth_methods',
  idempotent: true,
  params: {
    hardware_token_enabled: method('OTP hardware tokens'),
    mobile_otp_enabled: method('Duo Mobile passcodes'),
    push_enabled: method('Duo Push'),
    sms_enabled: method('SMS passcodes'),
    verified_push_enabled: method('Verified Duo Push'),
    verified_push_length: t.integer({ minimum: 3, maximum: 6, description: 'Digits of the Verified Push code (default 3)' }),
    voice_enabled: method('Phone callback'),
    webauthn_enabled: method('WebAuthn security keys and platform authenticators'),
    yubikey_enabled: method('YubiKey OTP'),
  },
  response: adminAuthMethodsShape,
  docs: `${DOCS}#restrict-administrator-authentication-factors`,
});

/** Every administrator endpoint. */
export const adminEndpoints = [
  adminsList,
  adminsCreate,
  adminsGet,
  adminsUpdate,
  adminsDelete,
  adminsResetAuthAttempts,
  adminsClearInactivity,
  adminsEmailActivationLink,
  adminsDeleteActivationLink,
  adminsCreateActivationLink,
  adminsCreateActivation,
  adminsListActivations,
  adminsDeleteActivation,
  adminsSyncFromDirectory,
  adminsListPasswordMgmt,
  adminsGetPasswordMgmt,
  adminsUpdatePasswordMgmt,
  adminsGetAllowedAuthMethods,
  adminsUpdateAllowedAuthMethods,
] as const;
