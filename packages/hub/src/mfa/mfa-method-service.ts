import { randomUUID } from 'node:crypto';
import { requireScope, requireUnlimited, type Actor } from '../access/actor.js';
import { auditedWrite, auditFailure } from '../audit/audited-write.js';
import type { AuditTarget } from '../audit/record-audit.js';
import { maskSecret } from '../crypto/mask-secret.js';
import { HubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import { checkCredentialSets } from '../integrations/check-credential-sets.js';
import { checkDuoTarget } from '../integrations/check-duo-target.js';
import { loadIntegration } from '../integrations/integration-records.js';
import { organizationAuthMissing } from '../organizations/organization-auth-missing.js';
import { loadOrganization } from '../organizations/organization-records.js';
import { DEFAULT_PUSH_POLICY, type VaultDuoMethod, type VaultDuoMethodWrite } from './mfa-method-schemas.js';
import { findMethod, listMethods, loadMethod, METHOD_ID, methodSecretKeyColumn, toVaultView } from './mfa-method-records.js';
import { mfaDb, type MfaMethodsTable } from './mfa-tables.js';
import { parsePushInfo } from './parse-push-info.js';
import { parseUsernameTemplate } from './parse-username-template.js';
import { renderUsernameTemplate } from './render-username-template.js';
import { sampleIdentity } from './sample-identity.js';

/** Fields a method write understands; anything else is ignored with a warning, as Vault does. */
export const METHOD_WRITE_FIELDS = new Set([
  'method_name',
  'mount_accessor',
  'username_format',
  'username_template',
  'secret_key',
  'integration_key',
  'api_hostname',
  'push_info',
  'pushinfo',
  'use_passcode',
  'organization_id',
  'base_url',
  'push_limit',
  'push_window_seconds',
  'cooldown_seconds',
]);

/** The result of a write: the id, whether it was created, and Vault-style warnings. */
export interface MethodWriteResult {
  method_id: string;
  created: boolean;
  warnings: string[];
}

/**
 * Creates (no id, or an unknown lower-case UUID) or updates a Duo MFA method. Updates merge: omitted
 * fields keep their values, so a secret need not be pasted again. Every write is validated before it
 * is saved: the username template is rendered against a sample identity, push_info is parsed, and
 * new or changed keys are checked against Duo's Auth API `/check`.
 */
export async function writeMethod(
  hub: HubContext,
  actor: Actor,
  id: string | undefined,
  input: VaultDuoMethodWrite,
  ignoredFields: string[] = [],
): Promise<MethodWriteResult> {
  const methodId = id ?? randomUUID();
  const meta: AuditTarget = {
    action: id ? 'mfa_methods.write' : 'mfa_methods.create',
    targetType: 'mfa_method',
    targetId: methodId,
    inputs: { ...input, ...(input.integration_key ? { integration_key: maskSecret(input.integration_key) } : {}) },
  };
  let row: MfaMethodsTable;
  let created: boolean;
  try {
    requireScope(actor, 'admin');
    requireUnlimited(actor);
    if (!METHOD_ID.test(methodId)) {
      throw new HubError('validation_failed', { details: [{ in: 'path', field: 'id', message: 'must be a lower-case UUID' }] });
    }
    const stored = await findMethod(hub.store.db, methodId);
    created = stored === undefined;
    row = await planRow(hub, methodId, stored, input);
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  await auditedWrite(hub, actor, meta, async (trx) => {
    const db = mfaDb(trx);
    if (created) {
      await db.insertInto('mfa_methods').values(row).execute();
    } else {
      const { id: _id, created_at: _created, ...changes } = row;
      const updated = await db.updateTable('mfa_methods').set(changes).where('id', '=', methodId).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new HubError('conflict', { message: 'The method was deleted while it was being updated.' });
    }
    if (row.method_name !== null) {
      const clash = await db.selectFrom('mfa_methods').select('id').where('method_name', '=', row.method_name).where('id', '!=', methodId).executeTakeFirst();
      if (clash) throw new HubError('conflict', { message: 'Another method has this method_name.', details: { field: 'method_name' } });
    }
  });
  const warnings = ignoredFields.length > 0 ? [`Endpoint ignored these unrecognized parameters: [${ignoredFields.join(' ')}]`] : [];
  return { method_id: methodId, created, warnings };
}

/** A method by id, keys masked. */
export async function readMethod(hub: HubContext, actor: Actor, id: string): Promise<VaultDuoMethod> {
  requireScope(actor, 'read');
  requireUnlimited(actor);
  return toVaultView(hub.store, await loadMethod(hub.store.db, id));
}

/** Every method id, with each method's masked view (Vault's `keys` and `key_info`). */
export async function listMethodViews(hub: HubContext, actor: Actor): Promise<{ keys: string[]; key_info: Record<string, VaultDuoMethod> }> {
  requireScope(actor, 'read');
  requireUnlimited(actor);
  const rows = await listMethods(hub.store.db);
  return { keys: rows.map((r) => r.id), key_info: Object.fromEntries(rows.map((r) => [r.id, toVaultView(hub.store, r)])) };
}

/**
 * Deletes a method. As in Vault, an id that does not exist is not an error (Vault clients delete to
 * make sure something is gone); the audit entry records whether anything was there.
 */
export async function deleteMethod(hub: HubContext, actor: Actor, id: string): Promise<void> {
  requireScope(actor, 'admin');
  requireUnlimited(actor);
  const found = (await findMethod(hub.store.db, id)) !== undefined;
  await auditedWrite(hub, actor, { action: 'mfa_methods.delete', targetType: 'mfa_method', targetId: id, inputs: { found } }, async (trx) => {
    await mfaDb(trx).deleteFrom('mfa_methods').where('id', '=', id).execute();
  });
}

async function planRow(
  hub: HubContext,
  id: string,
  stored: MfaMethodsTable | undefined,
  input: VaultDuoMethodWrite,
): Promise<MfaMethodsTable> {
  const now = hub.now().toISOString();
  const template = pickTemplate(input) ?? stored?.username_format ?? '';
  checkTemplate(template);
  const pushInfo = input.push_info ?? input.pushinfo ?? stored?.push_info ?? '';
  const parsedPush = parsePushInfo(pushInfo);
  if (!parsedPush.ok) throw new HubError('mfa_push_info_invalid', { details: { errors: parsedPush.errors } });

  const keyFields = ['api_hostname', 'integration_key', 'secret_key'] as const;
  const keysGiven = keyFields.some((k) => input[k] !== undefined);
  if (keysGiven && input.organization_id) {
    throw new HubError('validation_failed', {
      details: [{ in: 'body', field: 'organization_id', message: 'give either Duo keys (api_hostname, integration_key, secret_key) or organization_id, not both' }],
    });
  }
  let organizationId = input.organization_id !== undefined ? input.organization_id : (stored?.organization_id ?? null);
  if (keysGiven) organizationId = null;
  const storedSecret = stored?.secret_key ? hub.store.secrets.open(stored.secret_key, methodSecretKeyColumn.at(stored.id)) : undefined;
  const usesKeys = organizationId === null;
  const keys = usesKeys
    ? {
        api_hostname: input.api_hostname ?? stored?.api_hostname ?? undefined,
        integration_key: input.integration_key ?? stored?.integration_key ?? undefined,
        secret_key: input.secret_key ?? storedSecret,
      }
    : undefined;
  const baseUrl = input.base_url !== undefined ? input.base_url : (stored?.base_url ?? null);

  if (keys) {
    const missing = keyFields.filter((k) => !keys[k]);
    if (missing.length > 0) {
      throw new HubError('validation_failed', {
        details: missing.map((field) => ({ in: 'body', field, message: 'required (or give organization_id to use an organization\'s integration)' })),
      });
    }
    checkDuoTarget(hub.duo, { hosts: [{ field: 'api_hostname', host: keys.api_hostname! }], baseUrl: { field: 'base_url', value: baseUrl } });
    const changed =
      !stored ||
      keyFields.some((k) => input[k] !== undefined && input[k] !== (k === 'secret_key' ? storedSecret : stored[k])) ||
      stored.organization_id !== null ||
      baseUrl !== stored.base_url;
    if (changed) await checkKeys(hub, baseUrl, { api_host: keys.api_hostname!, integration_key: keys.integration_key!, secret_key: keys.secret_key! });
  } else {
    await checkOrganization(hub, organizationId!);
  }

  return {
    id,
    method_name: input.method_name ?? stored?.method_name ?? null,
    mount_accessor: input.mount_accessor ?? stored?.mount_accessor ?? '',
    username_format: template,
    push_info: pushInfo,
    use_passcode: (input.use_passcode ?? stored?.use_passcode === 1) ? 1 : 0,
    api_hostname: keys?.api_hostname ?? null,
    integration_key: keys?.integration_key ?? null,
    secret_key: keys ? hub.store.secrets.seal(keys.secret_key!, methodSecretKeyColumn.at(id)) : null,
    base_url: keys ? baseUrl : null,
    organization_id: organizationId,
    push_limit: input.push_limit ?? stored?.push_limit ?? DEFAULT_PUSH_POLICY.push_limit,
    push_window_seconds: input.push_window_seconds ?? stored?.push_window_seconds ?? DEFAULT_PUSH_POLICY.push_window_seconds,
    cooldown_seconds: input.cooldown_seconds ?? stored?.cooldown_seconds ?? DEFAULT_PUSH_POLICY.cooldown_seconds,
    created_at: stored?.created_at ?? now,
    updated_at: now,
  };
}

function pickTemplate(input: VaultDuoMethodWrite): string | undefined {
  const { username_format: format, username_template: template } = input;
  if (format !== undefined && template !== undefined && format !== template) {
    throw new HubError('validation_failed', {
      details: [{ in: 'body', field: 'username_template', message: 'username_format and username_template are the same field; they differ' }],
    });
  }
  return format ?? template;
}

/** Parses the template and renders it against a sample identity; the result must look like a username. */
function checkTemplate(template: string): void {
  const parsed = parseUsernameTemplate(template);
  if (!parsed.ok) throw new HubError('mfa_template_invalid', { details: { errors: parsed.errors } });
  const rendered = renderUsernameTemplate(parsed.parts, sampleIdentity(parsed.parts));
  if (!rendered.ok) throw new HubError('mfa_template_invalid', { details: { errors: [rendered.error] } });
  if (/[\s\u0000-\u001f\u007f]/.test(rendered.value)) {
    throw new HubError('mfa_template_invalid', {
      details: { errors: [`renders to "${rendered.value}" for a sample identity: a Duo username cannot contain spaces or control characters`] },
    });
  }
  if (rendered.value.length > 100) {
    throw new HubError('mfa_template_invalid', { details: { errors: ['renders to more than 100 characters for a sample identity'] } });
  }
}

/** Runs the integration checks' Auth API probes (ping for skew, then `/check`) on pasted keys. */
async function checkKeys(hub: HubContext, baseUrl: string | null, set: { api_host: string; integration_key: string; secret_key: string }): Promise<void> {
  const report = await checkCredentialSets(hub, { base_url: baseUrl, sig_version: 5, sets: { auth: set } });
  const result = report.sets[0]!;
  if (!result.ok) {
    throw new HubError('mfa_keys_rejected', { message: `Duo did not accept the Auth API keys: ${result.message}`, details: result });
  }
}

/** The organization must exist, be mapped, and have Auth API keys of its account (its own, or the integration's for `parent`). */
async function checkOrganization(hub: HubContext, organizationId: string): Promise<void> {
  let org;
  try {
    org = await loadOrganization(hub.store.db, organizationId);
  } catch (error) {
    if (error instanceof HubError && error.code === 'not_found') {
      throw new HubError('validation_failed', { details: [{ in: 'body', field: 'organization_id', message: 'no organization with this id' }] });
    }
    throw error;
  }
  if (!org.integration_id) {
    throw new HubError('conflict', { message: 'The organization is not mapped to a Duo account yet.', details: { organization_id: org.id } });
  }
  // The keys verify will use: the organization's own, or the integration's only for a `parent` mapping.
  if (org.auth_api_host !== null) return;
  if (org.duo_account_id !== 'parent') throw organizationAuthMissing(org);
  const integration = await loadIntegration(hub.store.db, org.integration_id);
  if (!integration.credentials.auth) throw organizationAuthMissing(org);
}
