import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DuoAccountsClient, DuoAdminClient, DuoAuthClient, DuoConfigError, Pacer, type DuoClientOptions } from '../../src/index.js';
import { CREDS, fakeDuo, ok } from '../support/fake-duo.js';

function configError(fn: () => unknown): DuoConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DuoConfigError);
    return error as DuoConfigError;
  }
  throw new Error('expected a DuoConfigError');
}

async function configRejection(promise: () => Promise<unknown>): Promise<DuoConfigError> {
  const error = await promise().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DuoConfigError);
  return error as DuoConfigError;
}

const SWAPPED_SKEY = CREDS.ikey;

describe('client options', () => {
  it.each<[string, Partial<DuoClientOptions> & Record<string, unknown>, string, RegExp]>([
    ['missing ikey', { ikey: undefined as unknown as string }, 'ikey', /required/],
    ['lower-case ikey', { ikey: CREDS.ikey.toLowerCase() }, 'ikey', /uppercase/],
    ['short ikey', { ikey: 'DIABC' }, 'ikey', /got 5/],
    ['skey in the ikey field', { ikey: CREDS.skey }, 'ikey', /swapped/],
    ['missing skey', { skey: '' }, 'skey', /required/],
    ['short skey', { skey: CREDS.skey.slice(0, 39) }, 'skey', /got 39/],
    ['ikey in the skey field', { skey: SWAPPED_SKEY }, 'skey', /swapped/],
    ['skey with a newline', { skey: CREDS.skey + '\n' }, 'skey', /whitespace/],
    ['zero bodies read at once', { maxBodiesReading: 0 }, 'maxBodiesReading', /at least 1/],
    ['fractional bodies read at once', { maxBodiesReading: 2.5 }, 'maxBodiesReading', /integer/],
    ['missing host', { host: '' }, 'host', /required/],
    ['host with scheme', { host: 'https://api-x.duosecurity.com' }, 'host', /scheme/],
    ['host with port', { host: 'api-x.duosecurity.com:443' }, 'host', /port/],
    ['host with path', { host: 'api-x.duosecurity.com/admin' }, 'host', /path/],
    ['host with spaces', { host: 'api x.duosecurity.com' }, 'host', /not a valid hostname/],
    ['sigVersion 4', { sigVersion: 4 as 5 }, 'sigVersion', /5 \(default\) or 2/],
    ['baseUrl with a path', { baseUrl: 'http://127.0.0.1:8080/duo' }, 'baseUrl', /origin only/],
    ['baseUrl not a URL', { baseUrl: '127.0.0.1:8080' }, 'baseUrl', /http/],
    ['timeout zero', { timeoutMs: 0 }, 'timeoutMs', /positive/],
    ['retry attempts zero', { retry: { maxAttempts: 0 } }, 'retry.maxAttempts', /at least 1/],
    ['unknown pacing class', { pacing: { rates: { admin_everything: 5 } as never } }, 'pacing.rates.admin_everything', /unknown endpoint class/],
    ['negative pacing rate', { pacing: { rates: { admin_modify: -1 } } }, 'pacing.rates.admin_modify', /positive/],
    ['proxy without a scheme', { proxy: 'user:hunter2@proxy' }, 'proxy', /http/],
    ['proxy not a URL', { proxy: '::hunter2::' }, 'proxy', /absolute URL/],
    ['ca of the wrong type', { ca: 42 as never }, 'ca', /PEM/],
    ['userAgent with CRLF', { userAgent: 'x\r\nX-Evil: 1' }, 'userAgent', /single-line/],
  ])('%s', (_name, patch, field, pattern) => {
    const error = configError(() => new DuoAdminClient({ ...CREDS, ...patch } as DuoClientOptions));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(pattern);
    for (const view of [error.message, JSON.stringify(error), inspect(error)]) {
      expect(view).not.toContain(CREDS.skey);
      expect(view).not.toContain(CREDS.skey.slice(0, 39));
      expect(view).not.toContain('hunter2');
    }
  });

  it('accepts a valid configuration and lower-cases the host', () => {
    const admin = new DuoAdminClient({ ...CREDS, host: 'API-XXXXXXXX.duosecurity.com', pacing: new Pacer() });
    expect(admin.host).toBe('api-xxxxxxxx.duosecurity.com');
    admin.close();
  });
});

describe('parameters are checked before anything is sent', () => {
  const duo = fakeDuo(() => ok({}));
  const opts = { ...CREDS, fetch: duo.fetch, pacing: false as const };
  const admin = new DuoAdminClient(opts);
  const auth = new DuoAuthClient(opts);
  const accounts = new DuoAccountsClient(opts);

  it.each<[string, () => Promise<unknown>, string]>([
    ['raw: object value', () => admin.request('GET', '/admin/v1/users', { username: { a: 1 } as never }), 'params.username'],
    ['raw: NaN', () => admin.request('GET', '/admin/v1/users', { limit: Number.NaN }), 'params.limit'],
    ['raw: nested array', () => admin.request('GET', '/admin/v1/users', { k: [['a']] as never }), 'params.k'],
    ['raw: relative path', () => admin.request('GET', 'admin/v1/users'), 'path'],
    ['raw: query in path', () => admin.request('GET', '/admin/v1/users?limit=1'), 'path'],
    ['raw: method', () => admin.request('PATCH' as never, '/admin/v1/users'), 'method'],
    ['users.get without id', () => admin.users.get(''), 'userId'],
    ['users.create without username', () => admin.users.create({} as never), 'username'],
    ['users.create unknown field', () => admin.users.create({ username: 'a', nickname: 'b' } as never), 'nickname'],
    ['users.create wrong type', () => admin.users.create({ username: 'a', enable_auto_prompt: 'yes' } as never), 'enable_auto_prompt'],
    ['bypass count out of range', () => admin.bypassCodes.createForUser('DU1', { count: 11 }), 'count'],
    ['bypass count and codes', () => admin.bypassCodes.createForUser('DU1', { count: 1, codes: ['1'] }), 'codes'],
    ['sms activation without placeholder', () => admin.phones.sendSmsActivation('DP1', { activation_msg: 'hi' }), 'activation_msg'],
    ['settings with nothing', () => admin.settings.update({}), 'changes'],
    ['credits negative', () => admin.billing.setTelephonyCredits(-1), 'credits'],
    ['preauth without user', () => auth.preauth({} as never), 'user_id'],
    ['auth with both ids', () => auth.auth({ user_id: 'a', username: 'b', factor: 'push' } as never), 'user_id'],
    ['auth with unknown factor', () => auth.auth({ username: 'b', factor: 'carrier-pigeon' } as never), 'factor'],
    ['auth passcode missing', () => auth.auth({ username: 'b', factor: 'passcode' } as never), 'passcode'],
    ['accounts.delete malformed id', () => accounts.delete('DA123'), 'accountId'],
    ['accounts.create without name', () => accounts.create(''), 'name'],
    ['per-call timeout', () => admin.settings.get({ timeoutMs: -1 }), 'timeoutMs'],
  ])('%s', async (_name, call, field) => {
    const before = duo.seen.length;
    const error = await configRejection(call);
    expect(error.field).toBe(field);
    expect(duo.seen.length).toBe(before);
  });

  it('list options and filters are checked when the list is built', () => {
    expect(configError(() => admin.users.list({ pageSize: 301 })).field).toBe('pageSize');
    expect(configError(() => admin.users.list({ username: 'a', email: 'b' })).field).toBe('email');
    expect(configError(() => admin.users.list({ limit: -1 })).field).toBe('limit');
    expect(configError(() => admin.logs.authentication({ mintime: 1_700_000_000 })).field).toBe('mintime');
    expect(configError(() => admin.logs.authentication({ mintime: Date.now() - 200 * 86_400_000 })).field).toBe('mintime');
    expect(configError(() => accounts.child('nope')).field).toBe('accountId');
    expect(duo.seen).toHaveLength(0);
  });

  it('a passcode never appears in a config error', async () => {
    const error = await configRejection(() => admin.bypassCodes.createForUser('DU1', { codes: ['12345678-9'] }));
    expect(error.message).not.toContain('12345678');
  });
});
