import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createDuoError,
  DuoAdminClient,
  DuoAuthenticationError,
  DuoAuthClient,
  DuoConnectionError,
  DuoError,
  DuoForbiddenError,
  DuoInvalidRequestError,
  DuoNotFoundError,
  DuoRateLimitError,
  DuoServerError,
  formatDuoDate,
  isDuoError,
  redactSecrets,
} from '../../src/index.js';
import { CREDS, fail, fakeDuo } from '../support/fake-duo.js';

const request = { method: 'GET', host: CREDS.host, path: '/admin/v1/users' };
const duoBody = (code: number, message = 'm', detail?: string) => ({ stat: 'FAIL', code, message, ...(detail ? { message_detail: detail } : {}) });

describe('createDuoError mapping', () => {
  it.each([
    [401, duoBody(40101, 'Missing request credentials'), DuoAuthenticationError],
    [401, duoBody(40102, 'Invalid integration key in request credentials'), DuoAuthenticationError],
    [401, duoBody(40103, 'Invalid signature in request credentials'), DuoAuthenticationError],
    [403, duoBody(40301, 'Access forbidden', 'Wrong integration type for this API.'), DuoForbiddenError],
    [404, duoBody(40401, 'Resource not found'), DuoNotFoundError],
    [400, duoBody(40001, 'Missing required request parameters', 'username'), DuoInvalidRequestError],
    [400, duoBody(40002, 'Invalid request parameters', 'no capable device'), DuoInvalidRequestError],
    [400, duoBody(40003, 'Duplicate resource'), DuoInvalidRequestError],
    [405, duoBody(40501, 'Method not allowed'), DuoInvalidRequestError],
    [429, duoBody(42901, 'Too Many Requests'), DuoRateLimitError],
    [500, duoBody(50001, 'Unknown internal server error'), DuoServerError],
    [503, undefined, DuoServerError],
    [502, undefined, DuoServerError],
    // The code decides when status and code disagree (a proxy rewriting the status).
    [200, duoBody(40103, 'Invalid signature'), DuoAuthenticationError],
    [404, undefined, DuoNotFoundError],
    [418, undefined, DuoInvalidRequestError],
    [302, undefined, DuoError],
  ])('%i %j', (status, json, cls) => {
    const error = createDuoError({ status, ...(json ? { json } : { text: 'plain' }), headers: {}, request });
    expect(error).toBeInstanceOf(cls);
    expect(error.constructor).toBe(cls);
    expect(error.status).toBe(status);
    expect(error.code).toBe(json?.code);
    expect(error.request).toEqual(request);
    expect(isDuoError(error)).toBe(true);
    if (json) {
      expect(error.message).toBe(json.message);
      expect(error.messageDetail).toBe(json.message_detail);
    }
  });

  it('says when the body was not Duo\'s and suggests a wrong host', () => {
    const error = createDuoError({ status: 404, text: '<html>Not Found</html>', headers: { 'content-type': 'text/html' }, request });
    expect(error.message).toContain('without a Duo error body');
    expect(error.hint).toMatch(/host/);
  });

  it('reads Retry-After on 429', () => {
    const error = createDuoError({ status: 429, json: duoBody(42901), headers: { 'retry-after': '4' }, request, signedAtMs: 0 });
    expect((error as DuoRateLimitError).retryAfterMs).toBe(4000);
  });

  it('treats a codeless error body like Duo\'s Go client does', () => {
    const error = createDuoError({ status: 400, json: { stat: 'FAIL', code: '', message: 'odd' }, headers: {}, request });
    expect(error).toBeInstanceOf(DuoInvalidRequestError);
    expect(error.code).toBeUndefined();
  });
});

describe('authentication hints', () => {
  it.each([
    [40101, /Authorization header/],
    [40102, /integration key/],
    [40103, /secret key is wrong or was rotated/],
  ])('%i', (code, pattern) => {
    const error = createDuoError({ status: 401, json: duoBody(code), headers: {}, request });
    expect(error.hint).toMatch(pattern);
  });

  it('names clock skew first when the server Date disagrees with ours', () => {
    const signedAtMs = Date.UTC(2026, 0, 1, 12, 0, 0);
    const serverDate = new Date(signedAtMs + 600_000).toUTCString();
    const error = createDuoError({ status: 401, json: duoBody(40103), headers: { date: serverDate }, request, signedAtMs });
    expect(error.hint).toMatch(/^This machine's clock is 600 s behind Duo's/);
  });

  it('mentions baseUrl when an address override is in use', () => {
    const error = createDuoError({ status: 401, json: duoBody(40103), headers: {}, request, addressOverride: true });
    expect(error.hint).toContain('baseUrl');
  });

  it('explains a wrong integration type', () => {
    const error = createDuoError({ status: 403, json: duoBody(40301, 'Access forbidden', 'Wrong integration type for this API.'), headers: {}, request });
    expect(error.hint).toMatch(/different kind of Duo application/);
  });
});

describe('no secret ever shows', () => {
  it('an echoed Authorization header or secret in a response body is redacted', async () => {
    let echoed = '';
    const duo = fakeDuo((seen) => {
      echoed = seen.headers.get('authorization')!;
      return new Response(`proxy error: ${echoed} / ${CREDS.skey}`, { status: 502, headers: { 'content-type': 'text/plain' } });
    });
    const admin = new DuoAdminClient({ ...CREDS, fetch: duo.fetch, retry: false, pacing: false });
    const error = (await admin.request('GET', '/admin/v1/users').catch((e: unknown) => e)) as DuoError;
    expect(error).toBeInstanceOf(DuoServerError);
    const views = [error.message, JSON.stringify(error), inspect(error), String(error), error.stack ?? ''];
    for (const view of views) {
      expect(view).not.toContain(CREDS.skey);
      expect(view).not.toContain(echoed.slice(6));
      expect(view).not.toContain('Basic ');
    }
    expect(error.message).toContain('[REDACTED]');
  });

  it('a 40103 error carries method, host and path, never parameters', async () => {
    const duo = fakeDuo(() => fail(401, 40103, 'Invalid signature in request credentials'));
    const auth = new DuoAuthClient({ ...CREDS, fetch: duo.fetch, pacing: false });
    const error = await auth.auth({ username: 'u', factor: 'passcode', passcode: '918273645' }).catch((e: unknown) => e as DuoError);
    expect(error).toBeInstanceOf(DuoAuthenticationError);
    expect(error.request).toEqual({ method: 'POST', host: CREDS.host, path: '/auth/v2/auth' });
    for (const view of [JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(view).not.toContain('918273645');
      expect(view).not.toContain(CREDS.skey);
    }
  });

  it('a connection error from fetch has its message scrubbed', async () => {
    const duo = fakeDuo((seen) => {
      throw new TypeError(`failed with ${seen.headers.get('authorization')}`);
    });
    const admin = new DuoAdminClient({ ...CREDS, fetch: duo.fetch, retry: false, pacing: false });
    const error = await admin.request('POST', '/admin/v1/users', { username: 'x' }).catch((e: unknown) => e as DuoConnectionError);
    expect(error).toBeInstanceOf(DuoConnectionError);
    expect(inspect(error, { depth: 10 })).not.toMatch(/Basic [A-Za-z0-9]/);
  });

  it('redactSecrets replaces every occurrence, longest first', () => {
    expect(redactSecrets('a SECRET123 b SECRET123456', ['SECRET123', 'SECRET123456'])).toBe('a [REDACTED] b [REDACTED]');
    expect(redactSecrets('short abc', ['abc'])).toBe('short abc');
  });

  it('toJSON keeps the data a caller branches on', () => {
    const error = createDuoError({
      status: 401,
      json: duoBody(40103, 'Invalid signature in request credentials'),
      headers: { date: formatDuoDate(new Date()) },
      request,
      signedAtMs: Date.now(),
    });
    expect(error.toJSON()).toMatchObject({ name: 'DuoAuthenticationError', status: 401, code: 40103, request });
  });
});
