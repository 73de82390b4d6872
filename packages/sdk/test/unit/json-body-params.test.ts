import { describe, expect, it } from 'vitest';
import { callEndpoint } from '../../src/endpoints/call-endpoint.js';
import { defineEndpoint } from '../../src/endpoints/define-endpoint.js';
import { prepareEndpointCall } from '../../src/endpoints/prepare-endpoint-call.js';
import { required } from '../../src/endpoints/required.js';
import { t } from '../../src/endpoints/shape.js';
import { DuoAdminClient } from '../../src/admin/duo-admin-client.js';
import { DuoConfigError } from '../../src/errors/error-classes.js';
import { stableJson } from '../../src/request/stable-json.js';
import { toParamPairs } from '../../src/signing/params.js';
import { validateParams } from '../../src/config/validate-params.js';
import { CREDS, fakeDuo, ok } from '../support/fake-duo.js';

// Duo's newer endpoints (policies v2, integrations v2/v3, passport) take nested JSON and verify v5 only.
const jsonEndpoint = defineEndpoint({
  id: 'test.update',
  summary: 'A JSON-bodied update',
  method: 'PUT',
  path: '/admin/v2/things/{key}',
  api: 'admin',
  grant: 'write_resource',
  pacing: 'admin_modify',
  idempotent: true,
  body: 'json',
  params: {
    key: t.string({ minLength: 1 }),
    name: t.string(),
    sections: required(
      t.object({
        mobile_app: t.object({ require_updated: t.boolean(), name: t.string() }, { required: ['require_updated'] }),
        limit: t.integer({ minimum: 1 }),
      }),
    ),
    edits: t.array(t.object({ id: t.string() }, { required: ['id'] })),
  },
  response: t.any(),
  docs: 'https://duo.com/docs/adminapi#policies',
});

describe('stableJson', () => {
  it.each([
    ['nested keys sorted at every level', { b: { z: 1, a: [{ y: 2, x: 1 }] }, a: 'x' }, '{"a":"x","b":{"a":[{"x":1,"y":2}],"z":1}}'],
    ['null kept inside objects, dropped at the top', { a: null, b: { c: null } }, '{"b":{"c":null}}'],
    ['undefined members dropped inside objects', { b: { c: undefined, d: true } }, '{"b":{"d":true}}'],
    ['arrays of scalars untouched', { a: [3, 1, 2] }, '{"a":[3,1,2]}'],
    ['code-unit order (upper case before lower)', { b: { b: 1, B: 2, a: 3 } }, '{"b":{"B":2,"a":3,"b":1}}'],
  ])('%s', (_name, params, expected) => {
    expect(stableJson(params as never)).toBe(expected);
  });
});

describe('object parameters outside a JSON body', () => {
  it('are refused by name for a query or form', () => {
    expect(() => toParamPairs({ sections: { a: 1 } } as never)).toThrow(DuoConfigError);
    expect(() => toParamPairs({ sections: { a: 1 } } as never)).toThrow(/sections is an object/);
  });
  it('pass validation as plain JSON, but not as class instances or functions inside', () => {
    expect(() => validateParams({ sections: { a: [1, { b: null }] } })).not.toThrow();
    expect(() => validateParams({ sections: { when: new Date() } })).toThrow(/params.sections.when/);
    expect(() => validateParams({ sections: { f: () => 1 } })).toThrow(/params.sections.f/);
  });
  it('need body: json in the declaration', () => {
    expect(() =>
      defineEndpoint({ ...jsonEndpoint, id: 'test.bad', body: undefined } as never),
    ).toThrow(/object parameter sections needs body: 'json'/);
  });
});

describe('prepareEndpointCall with object parameters', () => {
  it.each([
    ['a missing required member of a nested object', { key: 'k', sections: { mobile_app: { name: 'x' } } }, /sections.mobile_app.require_updated is required/],
    ['a member of the wrong type', { key: 'k', sections: { mobile_app: { require_updated: 'yes' } } }, /sections.mobile_app.require_updated must be a boolean/],
    ['a number out of range', { key: 'k', sections: { limit: 0 } }, /sections.limit must be an integer of at least 1/],
    ['not an object', { key: 'k', sections: 'x' }, /sections must be an object/],
    ['an array item missing its id', { key: 'k', sections: {}, edits: [{}] }, /each item of edits.id is required|edits.id is required/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => prepareEndpointCall(jsonEndpoint, input)).toThrow(message);
  });
  it('keeps members it does not declare (Duo adds settings over time)', () => {
    const prepared = prepareEndpointCall(jsonEndpoint, { key: 'k', sections: { limit: 1, browsers: { warn: true } } });
    expect(prepared.params['sections']).toEqual({ limit: 1, browsers: { warn: true } });
  });
});

describe('callEndpoint on a JSON endpoint', () => {
  it('signs v5 with a sorted JSON body even when the client signs v2', async () => {
    const duo = fakeDuo(() => ok({ done: true }));
    const client = new DuoAdminClient({ ...CREDS, sigVersion: 2, fetch: duo.fetch, retry: false, pacing: false });
    await callEndpoint(client, jsonEndpoint, { key: 'P 1', name: 'n', sections: { mobile_app: { require_updated: true }, limit: 2 }, edits: [{ id: 'a' }] });
    const seen = duo.seen[0]!;
    expect(seen.method).toBe('PUT');
    expect(seen.url.pathname).toBe('/admin/v2/things/P%201');
    expect(seen.headers.get('content-type')).toBe('application/json');
    expect(seen.body).toBe('{"edits":[{"id":"a"}],"name":"n","sections":{"limit":2,"mobile_app":{"require_updated":true}}}');
    expect(seen.signatureValid).toBe(true);
  });
  it('leaves other endpoints on the client version', async () => {
    const duo = fakeDuo(() => ok({}));
    const client = new DuoAdminClient({ ...CREDS, sigVersion: 2, fetch: duo.fetch, retry: false, pacing: false });
    await client.request('POST', '/admin/v1/groups', { name: 'g' });
    expect(duo.seen[0]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
  });
});
