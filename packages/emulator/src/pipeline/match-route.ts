import type { Route } from '../route.js';

/** The outcome of routing: a route with its path parameters, a known path on the wrong method, or nothing. */
export type RouteMatch =
  | { kind: 'found'; route: Route; path: Record<string, string> }
  | { kind: 'wrong_method'; allowed: string[] }
  | { kind: 'not_found' };

/**
 * Finds the route for a method and path. Earlier lists win (per-test overrides come first); inside
 * a list a literal segment beats a `:param` (`/users/enroll` before `/users/:user_id`).
 */
export function matchRoute(lists: ReadonlyArray<readonly Route[]>, method: string, pathname: string): RouteMatch {
  const segments = pathname.split('/');
  const allowed = new Set<string>();
  for (const routes of lists) {
    let best: { route: Route; path: Record<string, string>; score: string } | undefined;
    for (const route of routes) {
      const path = matchPattern(route.pattern, segments);
      if (!path) continue;
      if (route.method !== method) {
        allowed.add(route.method);
        continue;
      }
      const score = specificity(route.pattern);
      if (!best || score > best.score) best = { route, path, score };
    }
    if (best) return { kind: 'found', route: best.route, path: best.path };
  }
  return allowed.size > 0 ? { kind: 'wrong_method', allowed: [...allowed].sort() } : { kind: 'not_found' };
}

function matchPattern(pattern: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = pattern.split('/');
  if (parts.length !== segments.length) return undefined;
  const path: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const segment = segments[i]!;
    if (part.startsWith(':')) {
      if (segment === '') return undefined;
      try {
        path[part.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (part !== segment) {
      return undefined;
    }
  }
  return path;
}

// '1' for a literal, '0' for a parameter: comparing the strings ranks literals first, left to right.
function specificity(pattern: string): string {
  return pattern
    .split('/')
    .map((p) => (p.startsWith(':') ? '0' : '1'))
    .join('');
}
