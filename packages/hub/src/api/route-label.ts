/** Path of the UI's catch-all route, which serves the app shell for client-side paths (Hono reports `*` as `/*`). */
export const UI_ROUTE_PATH = '/*';

/** Label of requests the UI answered (every client-side path), so raw paths never become labels. */
export const UI_ROUTE_LABEL = 'ui';

/**
 * The metrics and log label of a request: the declared route it reached, in OpenAPI form
 * (`/api/actions/{id}/run`); `ui` for the UI's files and pages; `unmatched` for 404s outside any
 * route. `routes` are Hono's matched routes and `index` the deepest one that ran: when a
 * middleware answered first (a 401 from `/api/*`), the declared route after it still names the request.
 */
export function routeLabel(routes: ReadonlyArray<{ method: string; path: string }>, index: number, status: number): string {
  const declared = (r: { method: string; path: string }) => r.method !== 'ALL' && r.path !== UI_ROUTE_PATH;
  const current = routes[index];
  const route = current && declared(current) ? current : routes.find(declared);
  if (route) return route.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
  if (status !== 404 && routes.some((r) => r.method !== 'ALL' && r.path === UI_ROUTE_PATH)) return UI_ROUTE_LABEL;
  return 'unmatched';
}
