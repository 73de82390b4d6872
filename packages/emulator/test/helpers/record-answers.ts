import type { EndpointDeclaration } from '@duohub/sdk';
import { builtInRoutes, DuoFailure, wrapRoute, type DuoResult, type Route } from '../../src/index.js';

/** One answer a built-in handler gave, with the declaration it answered. */
export interface RecordedAnswer {
  endpoint: EndpointDeclaration;
  result: DuoResult;
}

/**
 * Overrides for `emulator.use` that wrap every built-in route and record what its handler
 * answered (failures thrown deep in a handler included), so a test can check every answer a
 * suite saw against the OpenAPI description.
 */
export function recordAnswers(): { routes: Route[]; answers: RecordedAnswer[] } {
  const answers: RecordedAnswer[] = [];
  const routes = builtInRoutes.map((route) =>
    wrapRoute(route.method, route.pattern, async (_ctx, next) => {
      try {
        const result = await next();
        answers.push({ endpoint: route.endpoint!, result });
        return result;
      } catch (error) {
        if (error instanceof DuoFailure) answers.push({ endpoint: route.endpoint!, result: error.result });
        throw error;
      }
    }),
  );
  return { routes, answers };
}
