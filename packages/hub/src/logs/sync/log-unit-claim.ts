import type { Selectable } from 'kysely';
import type { LogSyncDb, LogSyncCheckpointsTable, LogUnitKey } from './log-sync-tables.js';

/** Who holds a claim: the replica, its worker, and the claim's fencing token (the unit's `attempts` once claimed). */
export interface LogUnitFence {
  replicaId: string;
  workerId: string;
  attempts: number;
}

/** Who claims, and for how long. */
export interface LogUnitClaimer {
  replicaId: string;
  workerId: string;
  leaseMs: number;
  /** Epoch ms, the hub's clock. */
  nowMs: number;
}

/** A unit this worker now holds: its row as claimed, and the fence every later write must pass. */
export interface ClaimedLogUnit {
  key: LogUnitKey;
  row: Selectable<LogSyncCheckpointsTable>;
  fence: LogUnitFence;
  /** The `request_seq` this claim serves: finishing marks requests up to it done. */
  seq: number;
}

/** Thrown when a write finds the claim gone (taken over after its lease lapsed, or released): nothing was written. */
export class LostLogClaimError extends Error {
  constructor() {
    super('the claim on the log sync unit was lost');
    this.name = 'LostLogClaimError';
  }
}

/**
 * Claims a due unit (requested after its last run, not removed) that nobody holds: free, or held
 * under a lease that lapsed before `nowMs` (its holder died or stalled). One conditional UPDATE, so
 * of concurrent claimers exactly one wins; it bumps `attempts`, which fences out any earlier holder.
 */
export async function claimLogUnit(db: LogSyncDb, key: LogUnitKey, claimer: LogUnitClaimer): Promise<ClaimedLogUnit | undefined> {
  const nowIso = new Date(claimer.nowMs).toISOString();
  const row = await db
    .updateTable('log_checkpoints')
    .set((eb) => ({
      replica_id: claimer.replicaId,
      worker_id: claimer.workerId,
      lease_expires_at: new Date(claimer.nowMs + claimer.leaseMs).toISOString(),
      attempts: eb('attempts', '+', 1),
      last_started_at: nowIso,
    }))
    .where('integration_id', '=', key.integrationId)
    .where('duo_account_id', '=', key.accountId)
    .where('log_type', '=', key.logType)
    .where('removed_at', 'is', null)
    .where((eb) => eb('request_seq', '>', eb.ref('done_seq')))
    .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', nowIso)]))
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  const attempts = Number(row.attempts);
  return { key, row, fence: { replicaId: claimer.replicaId, workerId: claimer.workerId, attempts }, seq: Number(row.request_seq) };
}

/** An UPDATE of the unit that matches only while `fence` still holds it (0 rows once the claim is gone). */
export function heldUnit(db: LogSyncDb, key: LogUnitKey, fence: LogUnitFence) {
  return db
    .updateTable('log_checkpoints')
    .where('integration_id', '=', key.integrationId)
    .where('duo_account_id', '=', key.accountId)
    .where('log_type', '=', key.logType)
    .where('replica_id', '=', fence.replicaId)
    .where('worker_id', '=', fence.workerId)
    .where('attempts', '=', fence.attempts);
}

/** The claim with its unit's row as stored now (the checkpoint its own commits moved), to go on from there. */
export async function reloadClaimedUnit(db: LogSyncDb, claimed: ClaimedLogUnit): Promise<ClaimedLogUnit> {
  const row = await db
    .selectFrom('log_checkpoints')
    .selectAll()
    .where('integration_id', '=', claimed.key.integrationId)
    .where('duo_account_id', '=', claimed.key.accountId)
    .where('log_type', '=', claimed.key.logType)
    .executeTakeFirst();
  if (!row) throw new LostLogClaimError();
  return { ...claimed, row };
}

/** Extends a claim's lease; false when the claim is gone (another worker took the unit over). */
export async function renewLogUnit(db: LogSyncDb, claimed: ClaimedLogUnit, leaseMs: number, nowMs: number): Promise<boolean> {
  const res = await heldUnit(db, claimed.key, claimed.fence)
    .set({ lease_expires_at: new Date(nowMs + leaseMs).toISOString() })
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Hands a claim back unfinished (clean shutdown): the unit is free for any runner at once, still due. */
export async function releaseLogUnit(db: LogSyncDb, claimed: ClaimedLogUnit): Promise<boolean> {
  const res = await heldUnit(db, claimed.key, claimed.fence).set({ lease_expires_at: null }).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** How a run ended, as recorded on the unit. */
export interface LogUnitOutcome {
  fetched: number;
  inserted: number;
  /** JSON `{ kind, message, ... }` of a failed run (safe to show); null after a success. */
  error: string | null;
  nowMs: number;
}

/**
 * Finishes a run: marks the requests it served done (`done_seq`), frees the lease and records the
 * outcome, all only while the claim still stands (only the holder moves `done_seq`, and the claim
 * saw `request_seq > done_seq`, so it only grows). Returns whether the unit is due again (requested
 * while it ran), so the holder can go on at once; undefined when the claim was lost.
 */
export async function completeLogUnit(db: LogSyncDb, claimed: ClaimedLogUnit, outcome: LogUnitOutcome): Promise<boolean | undefined> {
  const nowIso = new Date(outcome.nowMs).toISOString();
  const row = await heldUnit(db, claimed.key, claimed.fence)
    .set({
      done_seq: claimed.seq,
      lease_expires_at: null,
      last_run_at: nowIso,
      last_error: outcome.error,
      last_fetched: outcome.fetched,
      last_inserted: outcome.inserted,
      processed_by: claimed.fence.replicaId,
      updated_at: nowIso,
    })
    .returning(['request_seq'])
    .executeTakeFirst();
  if (!row) return undefined;
  return Number(row.request_seq) > claimed.seq;
}
