import { makePng } from '../../../emulator/test/support-governance-misc/make-png.js';

/**
 * Inputs for catalog actions whose schema alone does not yield a valid sample (a refinement such
 * as "user_id or username", "at least one setting"), or whose sample would rename a Duo account.
 */
export const ACTION_SAMPLE_INPUTS: Record<string, unknown> = {
  'settings.update': { helpdesk_message: 'sample' },
  'auth.send': { username: 'alpha-own-marker-user', factor: 'push' },
  'bypass_codes.retrieve_for_user': { username: 'alpha-own-marker-user' },
  'bypass_codes.metadata_for_user': { username: 'alpha-own-marker-user' },
  'users.update': { user_id: 'A'.repeat(20), notes: 'sample' },
  'accounts.create': { name: 'sample child' },
  'webauthn_credentials.list_for_user': { username: 'alpha-own-marker-user' },
  'desktop_authenticators.list_for_user': { username: 'alpha-own-marker-user' },
  'shared_device_auth.update': { shared_device_key: 'A'.repeat(20), active: false },
  'users.bulk_create': { users: [{ username: 'sample-bulk-user' }] },
  'users.bulk_send_to_trash': { users: ['alpha-own-marker-user'] },
  'users.bulk_restore': { user_ids: ['A'.repeat(20)] },
  'bulk.run': { operations: [{ method: 'GET', path: '/admin/v1/users' }] },
  'users.send_verification_push': { username: 'alpha-own-marker-user', phone_id: 'A'.repeat(20), wait_seconds: 0 },
  'users.verification_push_response': { username: 'alpha-own-marker-user', push_id: 'sample' },
  'identity_verification.start': { username: 'alpha-own-marker-user' },
  'identity_verification.status': { username: 'alpha-own-marker-user' },
  'identity_verification.cancel': { username: 'alpha-own-marker-user', inquiry_id: 'inq_sample' },
  ...Object.fromEntries(['groups.get', 'groups.list_members', 'groups.delete'].map((id) => [id, { group_id: 'A'.repeat(20) }])),
  'groups.list_for_user': { username: 'alpha-own-marker-user' },
  'groups.update': { group_id: 'A'.repeat(20), desc: 'sample' },
  ...Object.fromEntries(['groups.add_user', 'groups.remove_user'].map((id) => [id, { username: 'alpha-own-marker-user', group_id: 'A'.repeat(20) }])),
  'hardware_tokens.create': { type: 'h6', serial: 'sample-serial', secret: '00ff' },
  ...Object.fromEntries(['hardware_tokens.get', 'hardware_tokens.delete'].map((id) => [id, { serial: 'sample-serial', type: 'h6' }])),
  'hardware_tokens.resync': { serial: 'sample-serial', type: 'h6', code1: '123456', code2: '234567', code3: '345678' },
  'hardware_tokens.list_for_user': { username: 'alpha-own-marker-user' },
  ...Object.fromEntries(['hardware_tokens.assign', 'hardware_tokens.unassign'].map((id) => [id, { username: 'alpha-own-marker-user', serial: 'sample-serial', type: 'h6' }])),
  ...Object.fromEntries(['legacy_security_keys.get', 'legacy_security_keys.delete'].map((id) => [id, { registration_id: 'REGSAMPLE' }])),
  'legacy_security_keys.list_for_user': { username: 'alpha-own-marker-user' },
  // A user or a phone is named by exactly one of several fields (issue 15), so the schema alone has no required field.
  ...Object.fromEntries(
    ['users.get', 'users.delete', 'users.recent_auth_logs', 'phones.list_for_user', 'bypass_codes.list_for_user'].map((id) => [id, { user_id: 'A'.repeat(20) }]),
  ),
  'bypass_codes.create_for_user': { user_id: 'A'.repeat(20), count: 1 },
  ...Object.fromEntries(
    ['phones.get', 'phones.delete', 'phones.activation_url', 'phones.send_sms_activation', 'phones.send_sms_installation', 'phones.send_sms_passcodes'].map((id) => [id, { phone_id: 'A'.repeat(20) }]),
  ),
  ...Object.fromEntries(['phones.assign', 'phones.unassign'].map((id) => [id, { user_id: 'A'.repeat(20), phone_id: 'A'.repeat(20) }])),
  // Formats a schema sample cannot guess: an email address, a PNG.
  'admins.create': { email: 'sample-admin@example.com', name: 'Sample Admin' },
  'admins.create_activation': { email: 'sample-activation@example.com' },
  'admins.sync_from_directory': { directory_key: 'A'.repeat(20), email: 'sample-admin@example.com' },
  'logo.update': { logo: makePng(16, 16).toString('base64') },
};

/** The action id of a run route (`/api/actions/{id}/run` with a concrete id), if it is one. */
export function actionIdOf(path: string): string | undefined {
  return /^\/api\/actions\/([^/{}]+)\/run$/.exec(path)?.[1];
}
