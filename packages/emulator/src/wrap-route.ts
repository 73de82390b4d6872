import { routes } from './routes/index.js';
import type { DuoResult, HandlerContext, Route } from './route.js';

/**
 * An override (for `emulator.use`) of a built-in route that keeps its declaration (family, grant,
 * pacing class) and runs `wrap` around its handler: tests gate, fail or count calls without
 * re-declaring the route or re-implementing what it answers. `next()` runs the built-in handler.
 */
export function wrapRoute(
  method: Route['method'],
  pattern: string,
  wrap: (ctx: HandlerContext, next: () => Promise<DuoResult>) => DuoResult | Promise<DuoResult>,
): Route {
  const builtIn = routes.find((r) => r.method === method && r.pattern === pattern);
  if (!builtIn) throw new TypeError(`no built-in route ${method} ${pattern}`);
  return { ...builtIn, handle: (ctx) => wrap(ctx, async () => builtIn.handle(ctx)) };
}
