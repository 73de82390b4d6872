import { requireScope, systemActor, type Actor } from './actor.js';
import { generateApiToken, hashApiToken } from './api-token.js';
import { expandScopes, scopeSatisfies, type Scope } from './scopes.js';
import type { TokenCheck } from './token-check.js';
import { resolveTokenExpiry, tokenStatus } from './token-expiry.js';
import { auditedWrite } from '../audit/audited-write.js';
import { HubError } from '../errors/hub-error.js';
import type { HubContext } from '../hub-context.js';
import type { ApiTokensTable, Db } from '../store/database.js';
import { newId } from '../store/new-id.js';
import type { TokenCreateInput, TokenView } from './token-schemas.js';

/** A token row as the API shows it. */
export function toTokenView(row: ApiTokensTable, now: Date): TokenView {
  return {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as string[],
    organization_ids: row.organization_ids === null ? null : (JSON.parse(row.organization_ids) as string[]),
    created_by: row.created_by,
    created_at: row.created_at,
    last_used_at: row.last_used_at,
    revoked_at: row.revoked_at,
    expires_at: row.expires_at,
    status: tokenStatus(row, now),
  };
}

/**
 * Issues a token. An actor can only hand out what it holds: scopes it has, and (when it is limited)
 * a subset of its own organizations, so no token can mint a stronger one.
 */
export async function createToken(
  hub: HubContext,
  actor: Actor,
  input: TokenCreateInput,
): Promise<TokenView & { token: string }> {
  requireScope(actor, 'admin');
  const scopes = expandScopes(input.scopes);
  const widest = scopes[scopes.length - 1]!;
  if (!scopeSatisfies(actor.scopes, widest)) {
    throw new HubError('forbidden', { message: 'A token cannot grant scopes it does not hold itself.' });
  }
  const orgIds = input.organization_ids === null ? null : [...new Set(input.organization_ids)];
  if (actor.organizationIds !== null) {
    if (orgIds === null || orgIds.some((id) => !actor.organizationIds!.includes(id))) {
      throw new HubError('forbidden', {
        message: 'A token limited to organizations can only create tokens limited to some of the same organizations.',
      });
    }
  }
  const expiresAt = resolveTokenExpiry(input, hub.now());
  const token = generateApiToken();
  hub.scrubber.add(token);
  const now = hub.now().toISOString();
  const row: ApiTokensTable = {
    id: newId('tok'),
    name: input.name,
    token_hash: hashApiToken(token),
    scopes: JSON.stringify(scopes),
    organization_ids: orgIds === null ? null : JSON.stringify(orgIds),
    created_by: actor.tokenId,
    created_at: now,
    last_used_at: null,
    revoked_at: null,
    expires_at: expiresAt,
  };
  await auditedWrite(hub, actor, { action: 'tokens.create', targetType: 'token', targetId: row.id, inputs: input }, async (trx) => {
    if (orgIds) await requireOrganizationsExist(trx, orgIds);
    await trx.insertInto('api_tokens').values(row).execute();
  });
  return { ...toTokenView(row, hub.now()), token };
}

/** Tokens the actor may see: all for an unlimited admin; for a limited one, those within its organizations. */
export async function listTokens(hub: HubContext, actor: Actor): Promise<TokenView[]> {
  requireScope(actor, 'admin');
  const rows = await hub.store.db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id').execute();
  const now = hub.now();
  return rows.map((row) => toTokenView(row, now)).filter((t) => withinActor(actor, t));
}

/** Revokes a token (idempotent: revoking twice keeps the first time). */
export async function revokeToken(hub: HubContext, actor: Actor, id: string): Promise<TokenView> {
  requireScope(actor, 'admin');
  return auditedWrite(hub, actor, { action: 'tokens.revoke', targetType: 'token', targetId: id }, async (trx) => {
    const row = await trx.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    // A limited token gets the same answer for an unknown id as for another organization's token,
    // so it cannot learn which token ids exist outside its organizations.
    if (!row || !withinActor(actor, toTokenView(row, hub.now()))) {
      if (actor.organizationIds !== null) throw new HubError('forbidden', { message: 'This token cannot manage that token.' });
      throw new HubError('not_found', { message: 'No token with this id.' });
    }
    if (row.revoked_at) return toTokenView(row, hub.now());
    const revokedAt = hub.now().toISOString();
    await trx.updateTable('api_tokens').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
    return toTokenView({ ...row, revoked_at: revokedAt }, hub.now());
  });
}

/** The actor behind a presented token, or undefined for an unknown, revoked or expired one. */
export async function authenticateToken(hub: HubContext, token: string): Promise<Actor | undefined> {
  const check = await checkToken(hub, token);
  return 'actor' in check ? check.actor : undefined;
}

/** The actor behind a presented token, or why it is refused (an expired token is told so; revoked reads as unknown). */
export async function checkToken(hub: HubContext, token: string): Promise<TokenCheck> {
  const row = await hub.store.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', hashApiToken(token))
    .executeTakeFirst();
  if (!row) return { refused: 'unknown' };
  const now = hub.now();
  const status = tokenStatus(row, now);
  if (status === 'revoked') return { refused: 'unknown' };
  if (status === 'expired') return { refused: 'expired', expired_at: row.expires_at! };
  hub.scrubber.add(token);
  // Record use at most once a minute: a write per request would serialize SQLite for nothing.
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await hub.store.db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  const view = toTokenView(row, now);
  return { actor: { kind: 'token', tokenId: row.id, scopes: expandScopes(view.scopes), organizationIds: view.organization_ids } };
}

/**
 * Makes sure an admin can get in on first start: with DUOHUB_ADMIN_TOKEN, that token is registered
 * (once) and any token registered from an earlier value of it is revoked; otherwise, when no token
 * exists at all, a new admin token is created and returned so the caller can print it once.
 */
export async function ensureBootstrapToken(
  hub: HubContext,
  configured: string | undefined,
): Promise<{ token: string | undefined; id: string | undefined; created: boolean }> {
  if (configured) {
    hub.scrubber.add(configured);
    const hash = hashApiToken(configured);
    const existing = await hub.store.db.selectFrom('api_tokens').select(['id', 'revoked_at']).where('token_hash', '=', hash).executeTakeFirst();
    if (existing?.revoked_at) {
      // A revoked token stays revoked (it may have leaked), and the tokens that replaced it keep working.
      hub.logger.warn({ token_id: existing.id }, 'DUOHUB_ADMIN_TOKEN was revoked and does not work; set a new value');
      return { token: undefined, id: existing.id, created: false };
    }
    const id = existing?.id ?? (await insertBootstrap(hub, hash, ENV_BOOTSTRAP_NAME));
    // Replacing DUOHUB_ADMIN_TOKEN is how an operator rotates a leaked bootstrap token: the old one must stop working.
    await revokeEarlierEnvBootstrapTokens(hub, id);
    return { token: undefined, id, created: !existing };
  }
  const any = await hub.store.db.selectFrom('api_tokens').select('id').limit(1).executeTakeFirst();
  if (any) return { token: undefined, id: undefined, created: false };
  const token = generateApiToken();
  hub.scrubber.add(token);
  const id = await insertBootstrap(hub, hashApiToken(token), 'bootstrap');
  return { token, id, created: true };
}

/** Name of the token registered from DUOHUB_ADMIN_TOKEN. */
const ENV_BOOTSTRAP_NAME = 'bootstrap (DUOHUB_ADMIN_TOKEN)';

/**
 * Revokes, each with its own audit entry, every token registered from an earlier DUOHUB_ADMIN_TOKEN.
 * They are told apart by name and by the system's `tokens.bootstrap` audit entry, so a token someone
 * merely named like one is left alone.
 */
async function revokeEarlierEnvBootstrapTokens(hub: HubContext, currentId: string): Promise<void> {
  const earlier = await hub.store.db
    .selectFrom('api_tokens')
    .select('id')
    .where('name', '=', ENV_BOOTSTRAP_NAME)
    .where('created_by', 'is', null)
    .where('revoked_at', 'is', null)
    .where('id', '!=', currentId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('audit_log')
          .select('audit_log.id')
          .whereRef('audit_log.target_id', '=', 'api_tokens.id')
          .where('audit_log.action', '=', 'tokens.bootstrap')
          .where('audit_log.actor', '=', 'system')
          .where('audit_log.outcome', '=', 'success'),
      ),
    )
    .execute();
  for (const { id } of earlier) {
    await auditedWrite(hub, systemActor, { action: 'tokens.revoke', targetType: 'token', targetId: id, inputs: { reason: 'DUOHUB_ADMIN_TOKEN replaced' } }, async (trx) => {
      await trx.updateTable('api_tokens').set({ revoked_at: hub.now().toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    });
    hub.logger.warn({ token_id: id }, 'revoked the previous DUOHUB_ADMIN_TOKEN bootstrap token: DUOHUB_ADMIN_TOKEN changed');
  }
}

async function insertBootstrap(hub: HubContext, hash: string, name: string): Promise<string> {
  const id = newId('tok');
  const scopes: Scope[] = ['read', 'operate', 'admin'];
  await auditedWrite(hub, systemActor, { action: 'tokens.bootstrap', targetType: 'token', targetId: id }, async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        id,
        name,
        token_hash: hash,
        scopes: JSON.stringify(scopes),
        organization_ids: null,
        created_by: null,
        created_at: hub.now().toISOString(),
        last_used_at: null,
        revoked_at: null,
        expires_at: null,
      })
      .execute();
  });
  return id;
}

function withinActor(actor: Actor, token: TokenView): boolean {
  if (actor.organizationIds === null) return true;
  return token.organization_ids !== null && token.organization_ids.every((id) => actor.organizationIds!.includes(id));
}

async function requireOrganizationsExist(db: Db, ids: string[]): Promise<void> {
  const found = await db.selectFrom('organizations').select('id').where('id', 'in', ids).execute();
  const known = new Set(found.map((r) => r.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new HubError('validation_failed', {
      details: missing.slice(0, 20).map((id) => ({ in: 'body', field: 'organization_ids', message: `no organization with id ${id}` })),
    });
  }
}
