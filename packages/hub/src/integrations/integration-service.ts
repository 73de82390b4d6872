import type { Transaction } from 'kysely';
import { requireScope, requireUnlimited, type Actor } from '../access/actor.js';
import type {
  CheckReport,
  CredentialSetInput,
  IntegrationCreateInput,
  IntegrationPatchInput,
  IntegrationView,
} from './integration-schemas.js';
import { auditedWrite, auditFailure } from '../audit/audited-write.js';
import { HubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import type { CredentialKind, Database } from '../store/database.js';
import { isForeignKeyViolation, isUniqueViolation } from '../store/is-unique-violation.js';
import { newId } from '../store/new-id.js';
import { checkCredentialSets } from './check-credential-sets.js';
import { checkDuoTarget, type DuoTarget } from './check-duo-target.js';
import {
  CREDENTIAL_KINDS,
  loadAllIntegrations,
  loadIntegration,
  openCredentialSets,
  toIntegrationView,
  writeCredentialSet,
} from './integration-records.js';

/** Integrations are fleet-wide: reading them needs `read` and a token not limited to organizations. */
function requireRead(actor: Actor): void {
  requireScope(actor, 'read');
  requireUnlimited(actor);
}

/** Managing integrations needs `admin` and an unlimited token. */
function requireManage(actor: Actor): void {
  requireScope(actor, 'admin');
  requireUnlimited(actor);
}

/** Every integration, secrets masked. */
export async function listIntegrations(hub: HubContext, actor: Actor): Promise<IntegrationView[]> {
  requireRead(actor);
  const records = await loadAllIntegrations(hub.store.db);
  return records.map((r) => toIntegrationView(hub.store, r));
}

/** One integration, secrets masked. */
export async function getIntegration(hub: HubContext, actor: Actor, id: string): Promise<IntegrationView> {
  requireRead(actor);
  return toIntegrationView(hub.store, await loadIntegration(hub.store.db, id));
}

/**
 * Checks every given credential set against Duo, then saves the integration in one transaction.
 * A failed check refuses the save (`integration_check_failed`, with the per-set report) unless `force`.
 */
export async function createIntegration(
  hub: HubContext,
  actor: Actor,
  input: IntegrationCreateInput,
  options: { force: boolean },
): Promise<IntegrationView> {
  requireManage(actor);
  const sets = pickSets(input);
  const meta = { action: 'integrations.create', targetType: 'integration', inputs: { ...input, force: options.force } };
  try {
    checkDuoTarget(hub.duo, integrationTarget(sets, input.base_url));
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  const check = await checkCredentialSets(hub, { base_url: input.base_url ?? null, sig_version: input.sig_version, sets });
  const id = newId('int');
  return auditedWrite(hub, actor, { ...meta, targetId: id }, async (trx) => {
    if (!check.ok && !options.force) throw checkFailed(check);
    await requireNameFree(trx, input.name, null);
    const now = hub.now().toISOString();
    await insertOrConflict(() =>
      trx
        .insertInto('integrations')
        .values({
          id,
          name: input.name,
          base_url: input.base_url ?? null,
          sig_version: input.sig_version,
          last_check: JSON.stringify(check),
          last_checked_at: check.checked_at,
          created_at: now,
          updated_at: now,
        })
        .execute(),
    );
    for (const kind of CREDENTIAL_KINDS) {
      const set = sets[kind];
      if (set) await writeCredentialSet(trx, hub.store, id, kind, set, now);
    }
    return toIntegrationView(hub.store, await loadIntegration(trx, id));
  });
}

/**
 * Applies a partial update. Given credential sets merge into the stored ones (send only
 * `secret_key` to rotate it) and are checked before saving; a changed base URL or signature version
 * re-checks every set, since each depends on them. `null` removes a set.
 */
export async function updateIntegration(
  hub: HubContext,
  actor: Actor,
  id: string,
  patch: IntegrationPatchInput,
  options: { force: boolean },
): Promise<IntegrationView> {
  requireManage(actor);
  const meta = { action: 'integrations.update', targetType: 'integration', targetId: id, inputs: { ...patch, force: options.force } };
  let prepared: Awaited<ReturnType<typeof prepareUpdate>>;
  try {
    prepared = await prepareUpdate(hub, id, patch);
  } catch (error) {
    await auditFailure(hub, actor, meta, error);
    throw error;
  }
  const { existing, merged, changed, baseUrl, sigVersion, check } = prepared;

  const result = await auditedWrite(hub, actor, meta, async (trx) => {
    if (check && !check.ok && !options.force) throw checkFailed(check);
    // Re-read inside the transaction: the row may have been deleted while Duo was being asked.
    await loadIntegration(trx, id);
    const now = hub.now().toISOString();
    if (patch.name !== undefined) await requireNameFree(trx, patch.name, id);
    await insertOrConflict(() =>
      trx
        .updateTable('integrations')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          base_url: baseUrl,
          sig_version: sigVersion,
          ...(check ? { last_check: JSON.stringify(mergeReports(existing.row.last_check, check)), last_checked_at: check.checked_at } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute(),
    );
    for (const kind of CREDENTIAL_KINDS) {
      if (patch[kind] === null) {
        await requireKindUnused(trx, id, kind);
        await trx.deleteFrom('integration_credentials').where('integration_id', '=', id).where('kind', '=', kind).execute();
      } else if (changed.has(kind)) {
        await writeCredentialSet(trx, hub.store, id, kind, merged[kind]!, now);
      }
    }
    return toIntegrationView(hub.store, await loadIntegration(trx, id));
  });
  hub.duo.pacers.forget(id);
  return result;
}

/** Deletes an integration; refused while organizations are mapped to it. */
export async function deleteIntegration(hub: HubContext, actor: Actor, id: string): Promise<void> {
  requireManage(actor);
  await auditedWrite(hub, actor, { action: 'integrations.delete', targetType: 'integration', targetId: id }, async (trx) => {
    await loadIntegration(trx, id);
    const mapped = await trx.selectFrom('organizations').select(['id', 'name']).where('integration_id', '=', id).execute();
    if (mapped.length > 0) {
      throw new HubError('conflict', {
        message: `${mapped.length} organization(s) are mapped to this integration; unmap them first.`,
        details: { organization_ids: mapped.map((o) => o.id).slice(0, 100) },
      });
    }
    await trx.deleteFrom('integration_credentials').where('integration_id', '=', id).execute();
    try {
      await trx.deleteFrom('integrations').where('id', '=', id).execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new HubError('conflict', { message: 'Organizations still reference this integration.' });
      throw error;
    }
  });
  hub.duo.pacers.forget(id);
}

/** Re-runs the checks of every stored set and records the report. */
export async function testIntegration(hub: HubContext, actor: Actor, id: string): Promise<CheckReport> {
  requireManage(actor);
  const record = await loadIntegration(hub.store.db, id);
  const sets = openCredentialSets(hub.store, record);
  checkDuoTarget(hub.duo, integrationTarget(sets, record.row.base_url));
  const check = await checkCredentialSets(hub, {
    base_url: record.row.base_url,
    sig_version: record.row.sig_version as 2 | 5,
    sets,
  });
  await auditedWrite(hub, actor, { action: 'integrations.test', targetType: 'integration', targetId: id }, async (trx) => {
    await trx
      .updateTable('integrations')
      .set({ last_check: JSON.stringify(check), last_checked_at: check.checked_at })
      .where('id', '=', id)
      .execute();
  });
  return check;
}

/** Loads, merges and checks an update before its transaction (Duo calls never run inside one). */
async function prepareUpdate(hub: HubContext, id: string, patch: IntegrationPatchInput) {
  const existing = await loadIntegration(hub.store.db, id);
  const current = openCredentialSets(hub.store, existing);
  const merged: Partial<Record<CredentialKind, CredentialSetInput>> = {};
  const issues: Array<{ in: string; field: string; message: string }> = [];
  const changed = new Set<CredentialKind>();
  for (const kind of CREDENTIAL_KINDS) {
    const given = patch[kind];
    if (given === null) continue;
    if (given === undefined) {
      if (current[kind]) merged[kind] = current[kind];
      continue;
    }
    const next = { ...current[kind], ...stripUndefined(given) };
    for (const field of ['api_host', 'integration_key', 'secret_key'] as const) {
      if (!next[field]) issues.push({ in: 'body', field: `${kind}.${field}`, message: `required: the integration has no ${kind} set yet` });
    }
    merged[kind] = next as CredentialSetInput;
    changed.add(kind);
  }
  if (issues.length) throw new HubError('validation_failed', { details: issues });
  if (!CREDENTIAL_KINDS.some((k) => merged[k])) {
    throw new HubError('validation_failed', {
      details: [{ in: 'body', field: 'admin', message: 'an integration must keep at least one credential set' }],
    });
  }
  const baseUrl = patch.base_url === undefined ? existing.row.base_url : patch.base_url;
  const sigVersion = (patch.sig_version ?? existing.row.sig_version) as 2 | 5;
  // Every set that stays is re-validated, not only the changed ones: the setting may have been turned off since.
  checkDuoTarget(hub.duo, integrationTarget(merged, baseUrl));
  const connectionChanged = baseUrl !== existing.row.base_url || sigVersion !== existing.row.sig_version;
  const toCheck: Partial<Record<CredentialKind, CredentialSetInput>> = {};
  for (const kind of CREDENTIAL_KINDS) if (merged[kind] && (connectionChanged || changed.has(kind))) toCheck[kind] = merged[kind];
  const check = Object.keys(toCheck).length
    ? await checkCredentialSets(hub, { base_url: baseUrl, sig_version: sigVersion, sets: toCheck })
    : undefined;
  return { existing, merged, changed, baseUrl, sigVersion, check };
}

/** The hosts and base URL of an integration, named as the request body names them. */
function integrationTarget(sets: Partial<Record<CredentialKind, CredentialSetInput>>, baseUrl: string | null | undefined): DuoTarget {
  const hosts = CREDENTIAL_KINDS.flatMap((kind) => {
    const set = sets[kind];
    return set ? [{ field: `${kind}.api_host`, host: set.api_host }] : [];
  });
  return { hosts, baseUrl: { field: 'base_url', value: baseUrl } };
}

function pickSets(input: IntegrationCreateInput): Partial<Record<CredentialKind, CredentialSetInput>> {
  const out: Partial<Record<CredentialKind, CredentialSetInput>> = {};
  for (const kind of CREDENTIAL_KINDS) if (input[kind]) out[kind] = input[kind];
  return out;
}

function checkFailed(check: CheckReport): HubError {
  const failing = check.sets.filter((s) => !s.ok).map((s) => `${s.kind}: ${s.status}`);
  return new HubError('integration_check_failed', {
    message: `Credential check failed (${failing.join(', ')}); nothing was saved. Fix the keys or retry with ?force=true.`,
    details: check,
  });
}

/** Keeps the results of sets that were not re-checked, so `last_check` always covers every set. */
function mergeReports(previous: string | null, next: CheckReport): CheckReport {
  let old: CheckReport | undefined;
  try {
    old = previous ? (JSON.parse(previous) as CheckReport) : undefined;
  } catch {
    old = undefined;
  }
  const kinds = new Set(next.sets.map((s) => s.kind));
  const sets = [...(old?.sets ?? []).filter((s) => !kinds.has(s.kind)), ...next.sets].sort(
    (a, b) => CREDENTIAL_KINDS.indexOf(a.kind) - CREDENTIAL_KINDS.indexOf(b.kind),
  );
  return { ok: sets.every((s) => s.ok), checked_at: next.checked_at, sets };
}

async function requireNameFree(trx: Transaction<Database>, name: string, exceptId: string | null): Promise<void> {
  let q = trx.selectFrom('integrations').select('id').where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) {
    throw new HubError('conflict', { message: 'An integration with this name already exists.', details: { field: 'name' } });
  }
}

/** Removing a set that mapped organizations rely on would strand them. */
async function requireKindUnused(trx: Transaction<Database>, id: string, kind: CredentialKind): Promise<void> {
  if (kind === 'auth') return;
  let q = trx.selectFrom('organizations').select('id').where('integration_id', '=', id);
  q = kind === 'admin' ? q.where('duo_account_id', '=', 'parent') : q.where('duo_account_id', '!=', 'parent');
  if (await q.executeTakeFirst()) {
    throw new HubError('conflict', {
      message: `Organizations mapped through this integration need its ${kind} credentials; unmap them first.`,
      details: { field: kind },
    });
  }
}

async function insertOrConflict(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new HubError('conflict', { message: 'An integration with this name already exists.' });
    throw error;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
