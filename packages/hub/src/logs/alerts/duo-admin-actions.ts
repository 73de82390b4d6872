/**
 * The administrator-log `action` values the default alert rules look for. Duo documents the field
 * ("the type of change that was performed") without an official list in the Admin API page; the
 * names below were checked against two independent public parsers of real Duo administrator logs:
 * Elastic's `cisco_duo` integration (its ingest pipeline classifies every action it knows) and
 * Panther's Duo detection rules (their test fixtures are real-shaped rows). Each is marked
 * `verified` (seen in both, or in a fixture row with its description) or `inferred`.
 */
export const DUO_ADMIN_ACTIONS = {
  /** verified: Elastic list + Panther fixture (`description` holds count, valid_secs, user_id; the code itself is blank). */
  bypassCreate: 'bypass_create',
  /** verified: Panther fixture `user_update` with description `{"status": "Bypass"}`; Elastic list. */
  userUpdate: 'user_update',
  /** verified: Elastic list (a user created straight into bypass carries the same `status` key; inferred). */
  userCreate: 'user_create',
  /** verified: Elastic list + Panther fixture (description holds name, email, role, status). */
  adminCreate: 'admin_create',
  /** verified name (Elastic list + fixture `{"phone": ...}`); that a role change carries `{"role": ...}` is inferred from admin_create's description. */
  adminUpdate: 'admin_update',
  /** verified: Elastic list + Panther fixture (object is the policy's name). */
  policyUpdate: 'policy_update',
  /** verified: Elastic list. */
  policyCreate: 'policy_create',
  /** verified: Elastic list. */
  policyDelete: 'policy_delete',
  /** verified: Elastic list. */
  integrationPolicyAssign: 'integration_policy_assign',
  /** verified: Elastic list. */
  integrationPolicyUnassign: 'integration_policy_unassign',
  /** verified: Elastic list. */
  integrationGroupPolicyAdd: 'integration_group_policy_add',
  /** verified: Elastic list. */
  integrationGroupPolicyRemove: 'integration_group_policy_remove',
  /** verified: Elastic list (account settings: the Settings page and `POST /admin/v1/settings`). */
  customerUpdate: 'customer_update',
  /** Elastic's name for admin factor restrictions; Panther's rule uses `update_admin_factor_restrictions`: both accepted. */
  adminFactorRestrictionsUpdate: 'admin_factor_restrictions_update',
  adminFactorRestrictionsUpdateAlt: 'update_admin_factor_restrictions',
  /** verified: Elastic list + Panther rule (description `{"type": "Admin API", ...}`). */
  integrationCreate: 'integration_create',
  /** verified: Elastic list + Panther fixture. */
  integrationSkeyView: 'integration_skey_view',
} as const;

/** Actions that change how users authenticate or the account's settings (the "policy or settings changed" rule). */
export const POLICY_OR_SETTINGS_ACTIONS: readonly string[] = [
  DUO_ADMIN_ACTIONS.policyCreate,
  DUO_ADMIN_ACTIONS.policyUpdate,
  DUO_ADMIN_ACTIONS.policyDelete,
  DUO_ADMIN_ACTIONS.integrationPolicyAssign,
  DUO_ADMIN_ACTIONS.integrationPolicyUnassign,
  DUO_ADMIN_ACTIONS.integrationGroupPolicyAdd,
  DUO_ADMIN_ACTIONS.integrationGroupPolicyRemove,
  DUO_ADMIN_ACTIONS.customerUpdate,
  DUO_ADMIN_ACTIONS.adminFactorRestrictionsUpdate,
  DUO_ADMIN_ACTIONS.adminFactorRestrictionsUpdateAlt,
];

/**
 * Duo's administrator roles, most powerful first (Duo's role names as `description.role` shows them).
 * Roles from `User Manager` up can change how users authenticate or who administers the account.
 */
export const DUO_ADMIN_ROLES_BY_POWER: readonly string[] = [
  'Owner',
  'Administrator',
  'Application Manager',
  'User Manager',
  'Security Analyst',
  'Help Desk',
  'Phishing Manager',
  'Billing',
  'Read-only',
];

/** Roles whose grant raises an alert: User Manager and above. */
export const PRIVILEGED_ADMIN_ROLES: readonly string[] = DUO_ADMIN_ROLES_BY_POWER.slice(0, 4);
