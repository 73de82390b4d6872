import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The peer address of a request that came over a socket; undefined for in-process `app.fetch` calls. */
export function clientAddress(c: Context): string | undefined {
  // node-server passes the incoming message as a binding; in-process callers pass their own (or none),
  // where getConnInfo would throw.
  const env = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  if (!env?.incoming && !env?.server?.incoming) return undefined;
  return getConnInfo(c).remote.address;
}
