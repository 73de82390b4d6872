import { t } from './shape.js';

/**
 * Shapes of the authenticators Duo's Admin API lists beside users: WebAuthn credentials, Duo
 * Desktop authenticators, shared device authentication configurations and the deprecated desktop
 * tokens. Field names are Duo's; fields Duo's documentation names are listed, and every object
 * admits more keys, since Duo adds fields over time.
 */

const nullableSeconds = t.integer({ nullable: true, description: 'Unix seconds' });

/** The short user object Duo embeds in an authenticator (who owns it). */
export const authenticatorUserShape = t.object(
  {
    user_id: t.string(),
    username: t.string(),
    realname: t.string(),
    email: t.string(),
    status: t.string(),
    created: t.integer({ description: 'Unix seconds' }),
    last_login: nullableSeconds,
  },
  { required: ['user_id', 'username'], nullable: true },
);

/** A WebAuthn credential (security key or platform authenticator) with its owner. */
export const webauthnCredentialShape = t.object(
  {
    webauthnkey: t.string({ description: 'Duo key of the credential' }),
    credential_name: t.string({ description: 'Name the user gave it at enrollment' }),
    label: t.string({ description: 'Kind of authenticator, e.g. Security Key or Touch ID' }),
    date_added: t.integer({ description: 'Unix seconds' }),
    user: authenticatorUserShape,
    admin: t.object({ admin_id: t.string(), name: t.string(), email: t.string() }, { nullable: true, description: 'Set for an administrator\'s credential' }),
  },
  { required: ['webauthnkey', 'credential_name', 'label', 'date_added'] },
);

/** A Duo Desktop authenticator: Duo Desktop installed on one computer, tied to one user. */
export const desktopAuthenticatorShape = t.object(
  {
    dakey: t.string({ description: 'Duo key of the desktop authenticator' }),
    dacuid: t.string({ description: 'Client id Duo Desktop reports for the computer' }),
    name: t.string({ description: 'Computer name' }),
    os_family: t.string({ description: 'e.g. Windows, macOS' }),
    date_added: t.integer({ description: 'Unix seconds' }),
    plugins: t.array(t.string(), { description: 'Duo Desktop features enabled on it' }),
    user: authenticatorUserShape,
  },
  { required: ['dakey', 'dacuid', 'date_added'] },
);

/** A shared device authentication configuration: which groups may sign in on which trusted endpoints. */
export const sharedDeviceAuthShape = t.object(
  {
    shared_device_key: t.string(),
    name: t.string(),
    active: t.boolean(),
    group_id_list: t.array(t.string(), { description: 'Groups whose users may authenticate on shared devices' }),
    trusted_endpoint_integration_id_list: t.array(t.string(), { description: 'Trusted Endpoints management integrations that mark the shared devices' }),
  },
  { required: ['shared_device_key', 'name', 'active', 'group_id_list', 'trusted_endpoint_integration_id_list'] },
);

/** A legacy desktop token (deprecated by Duo) with its users. */
export const desktopTokenShape = t.object(
  {
    desktoptoken_id: t.string(),
    name: t.string(),
    platform: t.string({ description: 'Display casing, e.g. Windows, Mac OS X' }),
    type: t.string({ description: 'Always Desktop Token' }),
    users: t.array(authenticatorUserShape),
  },
  { required: ['desktoptoken_id', 'platform', 'type'] },
);

/** What activating a desktop token answers: the link and how long it lives. */
export const desktopTokenActivationShape = t.object(
  { activation_msg: t.string(), activation_url: t.string(), valid_secs: t.integer() },
  { required: ['activation_url', 'valid_secs'] },
);
