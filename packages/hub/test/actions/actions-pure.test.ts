import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { actionTarget } from '../../src/actions/action-target.js';
import { catalog, findAction } from '../../src/actions/catalog.js';
import { describeAction } from '../../src/actions/describe-action.js';
import { listPage } from '../../src/actions/list-page.js';
import { mapDuoError } from '../../src/actions/map-duo-error.js';
import { parseInputFlags, type FlagSchema } from '../../src/actions/parse-input-flags.js';
import { REDACTED, redactActionInput } from '../../src/actions/redact-action-input.js';
import { settingsDiff } from '../../src/actions/settings/settings-diff.js';
import type { DuoCaller } from '../../src/actions/duo-caller.js';

const schema = z.toJSONSchema(
  z.strictObject({
    user_id: z.string(),
    limit: z.number().int().default(100),
    async: z.boolean().optional(),
    codes: z.array(z.string()).optional(),
    counts: z.array(z.number()).optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    pushinfo: z.record(z.string(), z.string()).optional(),
    factor: z.enum(['push', 'sms']).optional(),
  }),
  { io: 'input' },
) as FlagSchema;

describe('parseInputFlags', () => {
  it.each([
    [['--user-id', 'DU1'], { user_id: 'DU1' }],
    [['--user_id=DU1'], { user_id: 'DU1' }],
    [['--limit', '5'], { limit: 5 }],
    [['--limit', 'five'], { limit: 'five' }],
    [['--limit', ''], { limit: '' }],
    [['--async'], { async: true }],
    [['--async', 'false'], { async: false }],
    [['--async=false'], { async: false }],
    [['--no-async'], { async: false }],
    [['--async', '--limit', '2'], { async: true, limit: 2 }],
    [['--codes', '1234,5678', '--codes', '9999'], { codes: ['1234', '5678', '9999'] }],
    [['--codes', '["a,b"]'], { codes: ['a,b'] }],
    [['--counts', '1,2'], { counts: [1, 2] }],
    [['--params.username', 'alice', '--params.limit', '3'], { params: { username: 'alice', limit: '3' } }],
    [['--params', '{"a":1}'], { params: { a: 1 } }],
    [['--pushinfo.from', 'hub', '--pushinfo.x.y', 'z'], { pushinfo: { from: 'hub', 'x.y': 'z' } }],
    [['--factor', 'push'], { factor: 'push' }],
  ])('%j -> %j', (args, expected) => {
    const parsed = parseInputFlags(schema, args);
    expect(parsed.errors).toEqual([]);
    expect(parsed.input).toEqual(expected);
  });

  it.each([
    [['--nope', 'x'], 'unknown flag --nope'],
    [['--user-id'], 'flag --user-id needs a value'],
    [['--user-id', '--limit', '2'], 'flag --user-id needs a value'],
    [['stray'], 'unexpected argument "stray"'],
    [['--params', '{bad'], 'expects JSON'],
    [['--no-limit'], 'only for yes/no fields'],
  ])('%j reports %s', (args, message) => {
    const parsed = parseInputFlags(schema, args);
    expect(parsed.errors.join('\n')).toContain(message);
  });
});

describe('mapDuoError', () => {
  const duo = (name: string, fields: Record<string, unknown>) => Object.assign(new Error(String(fields['message'] ?? 'x')), { name, ...fields });
  it.each([
    ['DuoNotFoundError', { status: 404, code: 40401, message: 'Resource not found' }, true, 'not_found', 404],
    ['DuoInvalidRequestError', { status: 400, code: 40002, message: 'Invalid request parameters', messageDetail: 'username' }, true, 'duo_rejected', 400],
    ['DuoForbiddenError', { status: 403, code: 40301, message: 'Access forbidden' }, true, 'forbidden', 403],
    ['DuoAuthenticationError', { status: 401, code: 40103, message: 'Invalid signature' }, true, 'duo_error', 502],
    ['DuoRateLimitError', { status: 429, code: 42901, message: 'Too Many Requests' }, true, 'duo_error', 502],
    ['DuoServerError', { status: 500, code: 50001, message: 'internal' }, true, 'duo_error', 502],
    ['DuoTimeoutError', { sent: true }, true, 'duo_unreachable', 504],
    ['DuoConnectionError', { sent: false }, false, 'duo_unreachable', 504],
    ['DuoConfigError', { field: 'username', message: 'bad' }, true, 'validation_failed', 400],
  ] as Array<[string, Record<string, unknown>, boolean, string, number]>)('%s -> %s', (name, fields, idempotent, code, status) => {
    const mapped = mapDuoError(duo(name, fields), idempotent);
    expect(mapped?.code).toBe(code);
    expect(mapped?.status).toBe(status);
    if (typeof fields['code'] === 'number') expect(mapped?.details).toMatchObject({ duo_code: fields['code'] });
    if (typeof fields['messageDetail'] === 'string') {
      expect(mapped?.details).toMatchObject({ duo_message_detail: fields['messageDetail'] });
    }
    // Duo's rejection names the parameter its message_detail names.
    if (code === 'duo_rejected') expect(mapped?.details).toMatchObject({ field: fields['messageDetail'] });
  });

  it('says a non-idempotent call that failed ambiguously was not retried', () => {
    const reset = mapDuoError(duo('DuoConnectionError', { sent: true }), false);
    expect(reset?.details).toMatchObject({ outcome: 'unknown', retried: false });
    expect(reset?.message).toMatch(/not retried/);
    const server = mapDuoError(duo('DuoServerError', { status: 503, code: 50001 }), false);
    expect(server?.details).toMatchObject({ outcome: 'unknown', retried: false });
    expect(mapDuoError(duo('DuoServerError', { status: 503 }), true)?.details ?? {}).not.toHaveProperty('retried');
  });

  it('leaves other errors alone', () => {
    expect(mapDuoError(new Error('boom'), true)).toBeUndefined();
    expect(mapDuoError('Duo', true)).toBeUndefined();
  });
});

describe('redactActionInput', () => {
  it('removes codes, passcodes and links at any depth, keeping the rest', () => {
    const input = {
      user_id: 'DU1',
      codes: ['123456789'],
      passcode: '654321',
      params: { Codes: '111,222', nested: [{ activation_url: 'https://m/x' }] },
      count: 3,
    };
    expect(redactActionInput(input)).toEqual({
      user_id: 'DU1',
      codes: REDACTED,
      passcode: REDACTED,
      params: { Codes: REDACTED, nested: [{ activation_url: REDACTED }] },
      count: 3,
    });
    expect(input.codes).toEqual(['123456789']);
  });
});

describe('actionTarget', () => {
  it.each([
    [{ user_id: 'DU1', phone_id: 'DP1' }, 'phone_id=DP1 user_id=DU1'],
    [{ username: 'alice' }, 'username=alice'],
    [{ limit: 3 }, undefined],
    [null, undefined],
  ])('%j -> %s', (input, expected) => expect(actionTarget(input)).toBe(expected));
});

describe('settingsDiff', () => {
  it.each([
    [{ sms_batch: 1 }, { sms_batch: 1 }, {}],
    [{ sms_batch: '1' }, { sms_batch: 1 }, {}],
    [{ sms_batch: 1 }, { sms_batch: 2 }, { sms_batch: { from: 1, to: 2 } }],
    [{ fraud_email_enabled: '1' }, { fraud_email_enabled: true }, {}],
    [{ fraud_email_enabled: 0 }, { fraud_email_enabled: true }, { fraud_email_enabled: { from: 0, to: true } }],
    [{}, { language: 'DE' }, { language: { from: null, to: 'DE' } }],
    [{ language: 'EN' }, { language: 'EN', timezone: undefined }, {}],
  ])('%j + %j', (current, requested, expected) => expect(settingsDiff(current, requested)).toEqual(expected));
});

describe('listPage', () => {
  const fake = (total: number): DuoCaller & { calls: Array<Record<string, unknown>> } => {
    const calls: Array<Record<string, unknown>> = [];
    return {
      calls,
      async request(_m, _p, params) {
        const { limit, offset } = params as { limit: number; offset: number };
        calls.push({ limit, offset });
        const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({ n: offset + i }));
        const next = offset + items.length < total ? offset + items.length : undefined;
        return { status: 200, response: items, metadata: { total_objects: total, ...(next !== undefined ? { next_offset: next } : {}) } };
      },
    };
  };
  it('stops at the limit and reports where to continue', async () => {
    const client = fake(1000);
    const page = await listPage(client, '/x', {}, { limit: 650, offset: 10, pageSize: 300 });
    expect(page.items).toHaveLength(650);
    expect(page.next_offset).toBe(660);
    expect(page.total_objects).toBe(1000);
    expect(client.calls).toEqual([{ limit: 300, offset: 10 }, { limit: 300, offset: 310 }, { limit: 50, offset: 610 }]);
  });
  it('ends without next_offset at the end of the list', async () => {
    const page = await listPage(fake(5), '/x', {}, { limit: 100, offset: 0, pageSize: 300 });
    expect(page.items).toHaveLength(5);
    expect(page).not.toHaveProperty('next_offset');
  });
});

describe('catalog', () => {
  it('has unique dotted ids, and every action describes itself as JSON Schema', () => {
    const ids = catalog.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const action of catalog) {
      const d = describeAction(action);
      expect(d.input['type'], action.id).toBe('object');
      expect(findAction(action.id)).toBe(action);
      if (action.destructive) expect(JSON.stringify(d.output), action.id).toContain('dry_run');
    }
  });
  it('covers the issue list', () => {
    const required = [
      'accounts.list', 'accounts.create', 'accounts.delete', 'accounts.call',
      'bypass_codes.list', 'bypass_codes.get', 'bypass_codes.delete', 'bypass_codes.list_for_user', 'bypass_codes.create_for_user', 'bypass_codes.retrieve_for_user', 'bypass_codes.metadata_for_user',
      'admin.call', 'auth.call',
      'phones.list', 'phones.get', 'phones.delete', 'phones.activation_url', 'phones.send_sms_activation', 'phones.send_sms_installation', 'phones.send_sms_passcodes', 'phones.list_for_user', 'phones.assign', 'phones.unassign', 'phones.create',
      'settings.get', 'settings.update',
      'users.list', 'users.get_by_username', 'users.create', 'users.get', 'users.update', 'users.delete', 'users.enroll', 'users.sync', 'users.get_by_email', 'users.recent_auth_logs',
      'auth.check', 'auth.ping', 'auth.send', 'auth.status',
      'info.summary', 'info.authentication_attempts',
    ];
    // The list is the floor; later families add to it.
    const ids = catalog.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(required));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
