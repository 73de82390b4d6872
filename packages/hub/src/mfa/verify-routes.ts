import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { defineApiRoute, type ApiRouteModule } from '../api/define-api-route.js';
import type { HubEnv } from '../api/hub-env.js';
import { errorResponses, IdParamSchema } from '../api/schemas/common-schemas.js';
import { isHubError } from '../errors/hub-error.js';
import { toErrorResponse } from '../errors/to-error-response.js';
import { SSE_HEADERS, verifyEventStream } from './verify-event-stream.js';
import { DEFAULT_VERIFY_ENGINE, getVerification, startVerification, type VerifyEngineOptions } from './verify-service.js';
import { VerificationSchema, VerifyRequestSchema } from './verify-schemas.js';

const tags = ['verify'];
const SSE_DOC = { 'text/event-stream': { schema: z.string().openapi({ description: 'Events preauth, sent, waiting (repeats), result; each `data` is JSON.' }) } };

function wantsEvents(c: Context<HubEnv>): boolean {
  return (c.req.header('accept') ?? '').includes('text/event-stream');
}

function lastEventId(c: Context<HubEnv>): number {
  const n = Number(c.req.header('last-event-id') ?? c.req.query('after') ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The routes of the verification flow, waiting for Duo as `engine` says (tests and benchmarks pass their own). */
export function createVerifyRoutes(engine: VerifyEngineOptions = DEFAULT_VERIFY_ENGINE): ApiRouteModule {
  return {
    name: 'verify',
    routes: [
      defineApiRoute({
        route: createRoute({
          method: 'post',
          path: '/api/verify',
          tags,
          summary: 'Verify a user with Duo (push with display info, passcode, phone or SMS); JSON when done, or Server-Sent Events',
          description:
            'Identity or username -> username via the method template -> preauth -> the chosen factor and device -> async auth -> auth_status long-poll. ' +
            'With `Accept: text/event-stream` the answer is the event stream; with `wait: false` it is 202 at once. Push-fatigue protection answers 429 with Retry-After.',
          request: { body: { required: true, content: { 'application/json': { schema: VerifyRequestSchema } } } },
          responses: {
            200: { description: 'The finished verification (or its events)', content: { 'application/json': { schema: VerificationSchema }, ...SSE_DOC } },
            202: { description: 'Started (wait: false)', content: { 'application/json': { schema: VerificationSchema } } },
            ...errorResponses(404, 409, 413, 415, 422, 429, 502, 504),
          },
        }),
        access: { scope: 'operate', organizationLimited: 'allowed', auditAction: 'mfa.verify' },
        handler: async (c) => {
          const input = c.req.valid('json');
          let run;
          try {
            run = await startVerification(c.var.hub, c.var.actor, input, engine);
          } catch (error) {
            if (isHubError(error) && (error.code === 'verify_rate_limited' || error.code === 'verify_cooldown')) {
              const { status, body } = toErrorResponse(error);
              const retryAfter = (error.details as { retry_after_seconds?: number }).retry_after_seconds ?? 60;
              return c.json(body, status as 429, { 'retry-after': String(retryAfter) });
            }
            throw error;
          }
          if (wantsEvents(c)) return c.body(verifyEventStream({ run, stored: [] }, 0, c.req.raw.signal), 200, SSE_HEADERS) as never;
          if (!input.wait) return c.json((await getVerification(c.var.hub, c.var.actor, run.id)).view, 202);
          await run.finished;
          return c.json((await getVerification(c.var.hub, c.var.actor, run.id)).view, 200);
        },
      }),
      defineApiRoute({
        route: createRoute({
          method: 'get',
          path: '/api/verify/{id}',
          tags,
          summary: 'A verification: outcome and events so far',
          request: { params: IdParamSchema },
          responses: { 200: { description: 'The verification', content: { 'application/json': { schema: VerificationSchema } } }, ...errorResponses(404) },
        }),
        access: { scope: 'operate', organizationLimited: 'allowed' },
        handler: async (c) => c.json((await getVerification(c.var.hub, c.var.actor, c.req.valid('param').id)).view, 200),
      }),
      defineApiRoute({
        route: createRoute({
          method: 'get',
          path: '/api/verify/{id}/events',
          tags,
          summary: 'Server-Sent Events of a verification (replayed from the start, or after Last-Event-ID), ending with result',
          request: { params: IdParamSchema },
          responses: { 200: { description: 'The event stream', content: SSE_DOC }, ...errorResponses(404) },
        }),
        access: { scope: 'operate', organizationLimited: 'allowed' },
        handler: async (c) => {
          const { view, run } = await getVerification(c.var.hub, c.var.actor, c.req.valid('param').id);
          return c.body(verifyEventStream({ run, stored: view.events }, lastEventId(c), c.req.raw.signal), 200, SSE_HEADERS) as never;
        },
      }),
    ],
  };
}

/** `/api/verify`: the verification flow with the default engine (long-poll). */
export const verifyRoutes: ApiRouteModule = createVerifyRoutes();
