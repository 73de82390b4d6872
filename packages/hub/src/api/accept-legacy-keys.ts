import type { MiddlewareHandler } from 'hono';
import type { HubEnv } from './hub-env.js';

/**
 * Route middleware for one release after a rename to snake_case: the old camelCase names
 * (`{ integrationId: 'integration_id' }`) are still taken in the JSON body and, for GET, in the
 * query, renamed before validation so handlers and OpenAPI see only the new names. The answer then
 * carries `Deprecation: true` and a `Warning` naming the new names. A request giving both names is
 * left alone, so the validator refuses the old one as an unknown key rather than picking one.
 */
export function acceptLegacyKeys(renames: Readonly<Record<string, string>>): MiddlewareHandler<HubEnv> {
  return async (c, next) => {
    const used: string[] = [];
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      const url = new URL(c.req.url);
      for (const [old, now] of Object.entries(renames)) {
        if (!url.searchParams.has(old) || url.searchParams.has(now)) continue;
        for (const value of url.searchParams.getAll(old)) url.searchParams.append(now, value);
        url.searchParams.delete(old);
        used.push(old);
      }
      if (used.length > 0) c.req.raw = new Request(url, c.req.raw);
    } else if (/json/i.test(c.req.header('content-type') ?? '')) {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return next();
      }
      if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
        const record = body as Record<string, unknown>;
        for (const [old, now] of Object.entries(renames)) {
          if (!Object.hasOwn(record, old) || Object.hasOwn(record, now)) continue;
          record[now] = record[old];
          delete record[old];
          used.push(old);
        }
        // Hono parses its cached text on every json() call: the renamed body replaces that cache, so the
        // validator reads it. The cache holds promises at run time although its type names the values.
        if (used.length > 0) c.req.bodyCache = { text: Promise.resolve(JSON.stringify(record)) as unknown as string };
      }
    }
    if (used.length > 0) {
      c.header('Deprecation', 'true');
      c.header('Warning', `299 duohub "${used.map((old) => `${old} is deprecated; use ${renames[old]}`).join('; ')}"`);
    }
    return next();
  };
}
