import {
  adminsClearInactivity,
  adminsCreate,
  adminsCreateActivation,
  adminsCreateActivationLink,
  adminsDelete,
  adminsDeleteActivation,
  adminsDeleteActivationLink,
  adminsEmailActivationLink,
  adminsGet,
  adminsGetAllowedAuthMethods,
  adminsGetPasswordMgmt,
  adminsList,
  adminsListActivations,
  adminsListPasswordMgmt,
  adminsResetAuthAttempts,
  adminsSyncFromDirectory,
  adminsUpdate,
  adminsUpdateAllowedAuthMethods,
  adminsUpdatePasswordMgmt,
} from '@duohub/sdk';
import { z } from 'zod';
import { HubError } from '../../errors/hub-error.js';
import type { ActionContext } from '../action-context.js';
import { dryRunByReading } from '../from-endpoint/dry-run-by-reading.js';
import { endpointAction } from '../from-endpoint/endpoint-action.js';
import { dryRun, duoId, type DryRunOutput } from '../schemas/common.js';

/**
 * Catalog actions of Duo's administrators (resource `admins`): the people who sign in to the
 * Admin Panel, their activation links, admin directory sync, external password management and
 * the sign-in methods every administrator may use. Anything that deletes, resets, overwrites or
 * loosens security is destructive: its dry run reads the target and says what would change.
 */

const resource = 'admins';
const signal = (ctx: ActionContext) => (ctx.signal ? { signal: ctx.signal } : {});
const adminKey = { admin_id: duoId('administrator') };
const who = (a: Record<string, unknown>) => `administrator ${String(a['name'] ?? a['admin_id'])} <${String(a['email'] ?? '?')}>`;

/** The methods `allowed_auth_methods` switches (every one not sent as true is turned off). */
export const ADMIN_AUTH_METHODS = [
  'hardware_token_enabled',
  'mobile_otp_enabled',
  'push_enabled',
  'sms_enabled',
  'verified_push_enabled',
  'voice_enabled',
  'webauthn_enabled',
  'yubikey_enabled',
] as const;

/**
 * What restricting the administrators' methods would change. Duo replaces the whole set: a method
 * not given as true is turned off, so leaving one out is a change too (the sharp edge this shows).
 */
export function allowedAuthMethodsDiff(current: Record<string, unknown>, input: Record<string, unknown>): NonNullable<DryRunOutput['diff']> {
  const out: NonNullable<DryRunOutput['diff']> = {};
  for (const name of ADMIN_AUTH_METHODS) {
    const to = input[name] === true;
    if (current[name] !== to) out[name] = { from: current[name] ?? null, to };
  }
  const length = input['verified_push_length'];
  if (length !== undefined && current['verified_push_length'] !== length) out['verified_push_length'] = { from: current['verified_push_length'] ?? null, to: length };
  return out;
}

/** What modifying an administrator would change, in the input's terms (`token_id` against the assigned token). */
export function adminUpdateDiff(target: Record<string, unknown>, input: Record<string, unknown>): NonNullable<DryRunOutput['diff']> {
  const current: Record<string, unknown> = { ...target, token_id: (target['hardtoken'] as { token_id?: string } | null | undefined)?.token_id ?? '' };
  const out: NonNullable<DryRunOutput['diff']> = {};
  for (const [name, to] of Object.entries(input)) {
    if (name === 'admin_id' || to === undefined) continue;
    if (JSON.stringify(current[name]) !== JSON.stringify(to)) out[name] = { from: current[name] ?? null, to };
  }
  return out;
}

const changedOf = (diff: NonNullable<DryRunOutput['diff']>) => Object.keys(diff);

/** Lists administrators. */
export const adminsListAction = endpointAction(adminsList, {
  resource,
  title: 'List administrators',
  description: 'Lists the people who can sign in to the Duo Admin Panel, with their role, status, last login and administrative units.',
});

/** Reads one administrator. */
export const adminsGetAction = endpointAction(adminsGet, {
  resource,
  title: 'Get administrator',
  description: 'Reads one administrator: role, status, phone, hardware token, last login and the administrative units they belong to.',
  input: adminKey,
});

/** Creates an administrator. */
export const adminsCreateAction = endpointAction(adminsCreate, {
  resource,
  title: 'Create administrator',
  description:
    'Adds an administrator (Owner unless a role is given). They stay Pending Activation until they complete the activation link, which Duo emails them when send_email is on.',
});

/** Modifies an administrator. */
export const adminsUpdateAction = endpointAction(adminsUpdate, {
  resource,
  title: 'Modify administrator',
  description:
    'Changes an administrator\'s name, phone, role, status (Active or Disabled), hardware token, unit restriction or forced password change. Directory-synced administrators keep their directory name, role and status. A dry run shows the difference and changes nothing.',
  destructive: true,
  input: adminKey,
  dryRun: dryRunByReading(
    adminsGet,
    (target, input) => {
      const changed = changedOf(adminUpdateDiff(target, input));
      return changed.length === 0 ? `would change nothing of ${who(target)}` : `would change ${changed.join(', ')} of ${who(target)}`;
    },
    adminUpdateDiff,
  ),
});

/** Deletes an administrator. */
export const adminsDeleteAction = endpointAction(adminsDelete, {
  resource,
  title: 'Delete administrator',
  description:
    'Removes an administrator\'s access to the Duo Admin Panel and takes them out of their administrative units. Directory-synced administrators and the last Owner cannot be deleted. A dry run reads the administrator and deletes nothing.',
  destructive: true,
  input: adminKey,
  output: z.object({ deleted: z.literal(true), admin_id: z.string() }),
  dryRun: dryRunByReading(adminsGet, (target) => `would delete ${who(target)} (${String(target['role'])})`),
  run: async (ctx, input) => {
    await ctx.admin().admins.delete(input['admin_id'] as string, signal(ctx));
    return { deleted: true as const, admin_id: input['admin_id'] as string };
  },
});

/** Resets an administrator's failed sign-in attempts. */
export const adminsResetAuthAttemptsAction = endpointAction(adminsResetAuthAttempts, {
  resource,
  title: 'Reset administrator sign-in attempts',
  description:
    'Clears an administrator\'s failed sign-in attempts, re-enabling one locked out by too many failures. A dry run reads the administrator and changes nothing.',
  destructive: true,
  input: adminKey,
  dryRun: dryRunByReading(adminsGet, (target) => `would reset the failed sign-in attempts of ${who(target)} (now ${String(target['status'])})`),
});

/** Clears an administrator's inactivity expiration. */
export const adminsClearInactivityAction = endpointAction(adminsClearInactivity, {
  resource,
  title: 'Clear administrator expiration',
  description:
    'Restores an administrator Expired for inactivity to the status they had before, giving back Admin Panel access if that was Active. A dry run reads the administrator and changes nothing.',
  destructive: true,
  input: adminKey,
  dryRun: dryRunByReading(adminsGet, (target) =>
    target['status'] === 'Expired' ? `would clear the inactivity expiration of ${who(target)}` : `would change nothing: ${who(target)} is ${String(target['status'])}, not Expired`,
  ),
});

/** Emails an administrator pending activation their current link. */
export const adminsEmailActivationLinkAction = endpointAction(adminsEmailActivationLink, {
  resource,
  title: 'Email administrator activation link',
  description: 'Emails the current activation link to an administrator who is still Pending Activation. Every run sends another email.',
  input: adminKey,
});

/** Deletes the activation link of an administrator pending activation. */
export const adminsDeleteActivationLinkAction = endpointAction(adminsDeleteActivationLink, {
  resource,
  title: 'Delete administrator activation link',
  description:
    'Invalidates the activation link of an administrator Pending Activation, so it no longer works; create a new one to invite them again. A dry run reads the administrator and changes nothing.',
  destructive: true,
  input: adminKey,
  output: z.object({ deleted: z.literal(true), admin_id: z.string() }),
  dryRun: dryRunByReading(adminsGet, (target) =>
    target['status'] === 'Pending Activation'
      ? `would invalidate the activation link of ${who(target)}`
      : `would change nothing: ${who(target)} is ${String(target['status'])}, not Pending Activation`,
  ),
  run: async (ctx, input) => {
    await ctx.admin().admins.deleteActivationLink(input['admin_id'] as string, signal(ctx));
    return { deleted: true as const, admin_id: input['admin_id'] as string };
  },
});

/** Creates an activation link for an administrator pending activation. */
export const adminsCreateActivationLinkAction = endpointAction(adminsCreateActivationLink, {
  resource,
  title: 'Create administrator activation link',
  description: 'Creates a new activation link (valid 7 days) for an administrator Pending Activation who has none, for example after the old one was deleted.',
  input: adminKey,
});

/** Invites a new administrator with an activation link. */
export const adminsCreateActivationAction = endpointAction(adminsCreateActivation, {
  resource,
  title: 'Invite administrator',
  description:
    'Creates an activation link for a new administrator by email (Owner unless a role is given). The administrator exists once they complete the form; Duo emails the link when send_email is on.',
});

/** Lists pending activations of new administrators. */
export const adminsListActivationsAction = endpointAction(adminsListActivations, {
  resource,
  title: 'List pending administrator invitations',
  description: 'Lists the invitations of new administrators that have not been completed yet, with their role and expiry.',
});

/** The pending activation with this id, read from the list (Duo has no single read for one). */
async function findActivation(ctx: ActionContext, id: string): Promise<Record<string, unknown> | undefined> {
  for await (const item of ctx.admin().admins.listActivations(signal(ctx))) {
    if (item.admin_activation_id === id) return item as Record<string, unknown>;
  }
  return undefined;
}

/** Deletes a pending activation of a new administrator. */
export const adminsDeleteActivationAction = endpointAction(adminsDeleteActivation, {
  resource,
  title: 'Cancel administrator invitation',
  description: 'Deletes a pending invitation of a new administrator; its link stops working. A dry run finds the invitation and deletes nothing.',
  destructive: true,
  input: {
    admin_activation_id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a pending activation id (letters, digits, - and _)')
      .describe('Id of the pending administrator activation'),
  },
  output: z.object({ deleted: z.literal(true), admin_activation_id: z.string() }),
  dryRun: async (ctx, input) => {
    const id = input['admin_activation_id'] as string;
    const found = await findActivation(ctx, id);
    if (!found) return dryRun(null, `would change nothing: there is no pending administrator activation ${id}`);
    return dryRun(found, `would cancel the invitation of ${String(found['email'])} as ${String(found['admin_role'])}`);
  },
  run: async (ctx, input) => {
    await ctx.admin().admins.deleteActivation(input['admin_activation_id'] as string, signal(ctx));
    return { deleted: true as const, admin_activation_id: input['admin_activation_id'] as string };
  },
});

/** Synchronizes one administrator from the organization's admin directory sync. */
export const adminsSyncFromDirectoryAction = endpointAction(adminsSyncFromDirectory, {
  resource,
  title: 'Sync administrator from directory',
  description:
    "Creates, updates or disables one administrator from the directory's admin sync, by email. Uses the organization's stored directory key unless one is given. Owners cannot be synced.",
  input: {
    directory_key: z.string().min(1).max(200).optional().describe("The admin directory sync's key; default: the organization's stored directory key"),
  },
  run: async (ctx, input) => {
    const given = input['directory_key'] as string | undefined;
    const key = given ?? ctx.directoryKey?.();
    if (!key) throw new HubError('conflict', { message: 'Directory sync needs a directory key: give one, or use an organization with a stored Duo directory key.' });
    return ctx.admin().admins.syncFromDirectory(key, input['email'] as string, signal(ctx));
  },
});

/** Lists every administrator's external password management status. */
export const adminsListPasswordMgmtAction = endpointAction(adminsListPasswordMgmt, {
  resource,
  title: 'List administrator password management',
  description: 'Lists which administrators have their Admin Panel password managed through the API (external password management).',
});

/** Reads one administrator's external password management status. */
export const adminsGetPasswordMgmtAction = endpointAction(adminsGetPasswordMgmt, {
  resource,
  title: 'Get administrator password management',
  description: "Reads whether one administrator's Admin Panel password is managed through the API. The password itself is never shown.",
  input: adminKey,
});

/** Turns external password management on or off, optionally setting the password. */
export const adminsUpdatePasswordMgmtAction = endpointAction(adminsUpdatePasswordMgmt, {
  resource,
  title: 'Set administrator password management',
  description:
    "Turns external password management on or off for an administrator, and can set their Admin Panel password (only with it on; never shown again). A dry run reads the current status and changes nothing.",
  destructive: true,
  input: adminKey,
  dryRun: dryRunByReading(
    adminsGetPasswordMgmt,
    (target, input) => {
      const parts: string[] = [];
      const to = input['has_external_password_mgmt'];
      if (to !== undefined && to !== target['has_external_password_mgmt']) parts.push(`turn external password management ${to ? 'on' : 'off'}`);
      if (input['password'] !== undefined) parts.push('set a new password');
      return parts.length === 0 ? `would change nothing of ${who(target)}` : `would ${parts.join(' and ')} for ${who(target)}`;
    },
    (target, input): NonNullable<DryRunOutput['diff']> => {
      const to = input['has_external_password_mgmt'];
      if (to === undefined || to === target['has_external_password_mgmt']) return {};
      return { has_external_password_mgmt: { from: target['has_external_password_mgmt'] ?? null, to } };
    },
  ),
});

/** Reads the sign-in methods administrators may use. */
export const adminsGetAllowedAuthMethodsAction = endpointAction(adminsGetAllowedAuthMethods, {
  resource,
  title: 'Get administrator sign-in methods',
  description: 'Reads which second factors administrators may use to sign in to the Duo Admin Panel (push, SMS, phone call, passcodes, tokens, WebAuthn).',
});

/** Restricts the sign-in methods administrators may use. */
export const adminsUpdateAllowedAuthMethodsAction = endpointAction(adminsUpdateAllowedAuthMethods, {
  resource,
  title: 'Restrict administrator sign-in methods',
  description:
    'Sets which second factors administrators may use to sign in to the Duo Admin Panel. Every method not set to true is turned off. A dry run shows which methods would change and changes nothing.',
  destructive: true,
  dryRun: dryRunByReading(
    adminsGetAllowedAuthMethods,
    (target, input) => {
      const diff = allowedAuthMethodsDiff(target, input);
      const off = Object.entries(diff).filter(([, d]) => d.to === false).map(([name]) => name);
      const on = Object.entries(diff).filter(([, d]) => d.to === true).map(([name]) => name);
      if (changedOf(diff).length === 0) return 'would change nothing of the administrator sign-in methods';
      const said = [on.length > 0 ? `allow ${on.join(', ')}` : '', off.length > 0 ? `disallow ${off.join(', ')}` : '', diff['verified_push_length'] ? 'change verified_push_length' : ''];
      return `would ${said.filter(Boolean).join('; ')}`;
    },
    allowedAuthMethodsDiff,
  ),
});

/** Every administrators action, in catalog order. */
export const adminActions = [
  adminsListAction,
  adminsGetAction,
  adminsCreateAction,
  adminsUpdateAction,
  adminsDeleteAction,
  adminsResetAuthAttemptsAction,
  adminsClearInactivityAction,
  adminsEmailActivationLinkAction,
  adminsDeleteActivationLinkAction,
  adminsCreateActivationLinkAction,
  adminsCreateActivationAction,
  adminsListActivationsAction,
  adminsDeleteActivationAction,
  adminsSyncFromDirectoryAction,
  adminsListPasswordMgmtAction,
  adminsGetPasswordMgmtAction,
  adminsUpdatePasswordMgmtAction,
  adminsGetAllowedAuthMethodsAction,
  adminsUpdateAllowedAuthMethodsAction,
];
