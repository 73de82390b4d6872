/** Where a page of log events ends: the last row's time and id (rows are ordered by both, newest first). */
export interface LogCursor {
  occurredAt: number;
  id: string;
}

const ID = /^[A-Za-z0-9_-]{1,100}$/;
const PREFIX = 'l1.';

/**
 * The opaque `next_cursor` of a page: versioned, base64url of `[occurred_at, id]`. Callers pass it
 * back unchanged; its shape may change between hub versions without notice.
 */
export function encodeLogCursor(cursor: LogCursor): string {
  return PREFIX + Buffer.from(JSON.stringify([cursor.occurredAt, cursor.id]), 'utf8').toString('base64url');
}

/** Reads a cursor made by `encodeLogCursor`; undefined for anything else (never throws). */
export function decodeLogCursor(text: string): LogCursor | undefined {
  if (!text.startsWith(PREFIX) || text.length > 300) return undefined;
  const body = text.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
  const [occurredAt, id] = parsed as unknown[];
  if (typeof occurredAt !== 'number' || !Number.isFinite(occurredAt) || occurredAt < 0) return undefined;
  if (typeof id !== 'string' || !ID.test(id)) return undefined;
  return { occurredAt, id };
}
