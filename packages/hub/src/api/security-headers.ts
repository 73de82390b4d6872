import type { MiddlewareHandler } from 'hono';
import type { HubEnv } from './hub-env.js';

/**
 * Policy for the hub's HTML pages (the web UI and the API docs): scripts, styles, fonts and calls only
 * from the hub itself, no inline script, no framing. `data:` images cover icons embedded in stylesheets.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Policy for everything else (JSON, scripts, styles): nothing may load from or frame it. */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Paths whose answers may be cached: the UI's own files; every API, Vault, health and metrics answer may not. */
function isUiPath(path: string): boolean {
  return !/^\/(api|v1)(\/|$)/.test(path) && path !== '/healthz' && path !== '/metrics';
}

/** The security headers of one answer, by request path and response content type. */
export function securityHeaders(path: string, contentType: string | null): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': /^text\/html/i.test(contentType ?? '') ? PAGE_CSP : RESOURCE_CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
  // Answers carry tokens' views, audit entries and Duo data: no shared or browser cache keeps them.
  if (!isUiPath(path)) headers['cache-control'] = 'no-store';
  return headers;
}

/** Sets `securityHeaders` on every answer, error answers included (they pass through here too). */
export const applySecurityHeaders: MiddlewareHandler<HubEnv> = async (c, next) => {
  await next();
  const headers = securityHeaders(c.req.path, c.res.headers.get('content-type'));
  try {
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  } catch {
    // A Response built with immutable headers (Response.redirect, a proxied fetch) is copied first.
    const copy = new Response(c.res.body, c.res);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    c.res = undefined as unknown as Response;
    c.res = copy;
  }
};
