import type { Actor } from '../access/actor.js';
import type { HubContext } from '../hub-context.js';
import type { AuditLogTable, Db } from '../store/database.js';
import { newId } from '../store/new-id.js';
import { redactInputs } from './redact-inputs.js';

/** What an audit entry is about. */
export interface AuditTarget {
  /** Dotted verb, e.g. `integrations.create`, `tokens.revoke`, `actions.run`. */
  action: string;
  organizationId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  inputs?: unknown;
}

/** Appends one audit entry; inputs pass through `redactInputs` and the log scrubber first. */
export async function recordAudit(
  db: Db,
  hub: Pick<HubContext, 'now' | 'scrubber'>,
  actor: Actor,
  target: AuditTarget,
  outcome: AuditLogTable['outcome'],
  errorCode: string | null = null,
): Promise<string> {
  const at = hub.now();
  const id = newId('aud', at.getTime());
  const inputs =
    target.inputs === undefined ? null : hub.scrubber.scrub(JSON.stringify(redactInputs(target.inputs)) ?? 'null');
  await db
    .insertInto('audit_log')
    .values({
      id,
      at: at.toISOString(),
      token_id: actor.tokenId,
      actor: actor.kind,
      action: target.action,
      organization_id: target.organizationId ?? null,
      target_type: target.targetType ?? null,
      target_id: target.targetId ?? null,
      outcome,
      error_code: errorCode,
      inputs,
    })
    .execute();
  return id;
}
