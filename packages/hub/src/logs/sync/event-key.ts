import { createHash } from 'node:crypto';
import { canonicalJson } from '../../json/canonical-json.js';

/** Longest Duo id kept as the key as it is; anything longer is not an id Duo hands out. */
const MAX_ID_LENGTH = 200;

/**
 * The identity of a log row within its account and type: Duo's own id when the row has a usable
 * one (txid, telephony_id, activity_id, sekey), else `sha256:` and the digest of the row's canonical
 * JSON. Two byte-identical rows without an id are one entry by this rule (Duo's v1 logs give no way
 * to tell them apart).
 */
export function eventKey(duoId: unknown, row: unknown): string {
  if (typeof duoId === 'string' && duoId.trim() !== '' && duoId.length <= MAX_ID_LENGTH) return duoId;
  if (typeof duoId === 'number' && Number.isFinite(duoId)) return String(duoId);
  return `sha256:${createHash('sha256').update(canonicalJson(row)).digest('hex')}`;
}
