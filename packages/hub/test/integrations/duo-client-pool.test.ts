import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DuoAdminClient, type DuoClientOptions, type HttpRequest, type HttpResponse, type Transport } from '@duohub/sdk';
import { credentialDigest, type CredentialIdentity } from '../../src/integrations/credential-digest.js';
import { DuoClientPool } from '../../src/integrations/duo-client-pool.js';
import { PooledTransport } from '../../src/integrations/pooled-transport.js';

const KEY = randomBytes(32);
const SET: CredentialIdentity = {
  host: 'api-abc123.duosecurity.com',
  ikey: 'DIAAAAAAAAAAAAAAAAAA',
  skey: 'secret-key-0123456789abcdefghijklmnopqrs', // 40 characters, as Duo's are
  origin: undefined,
  sigVersion: 5,
};

describe('credentialDigest', () => {
  it.each<[string, Partial<CredentialIdentity>]>([
    ['host', { host: 'api-other.duosecurity.com' }],
    ['integration key', { ikey: 'DIBBBBBBBBBBBBBBBBBB' }],
    ['secret key (a rotation)', { skey: 'secret-key-rotated-0123456789abcdefghijk' }],
    ['origin (a base URL)', { origin: 'http://127.0.0.1:9000' }],
    ['signature version', { sigVersion: 2 }],
  ])('changes when the %s changes', (_name, change) => {
    expect(credentialDigest(KEY, { ...SET, ...change })).not.toBe(credentialDigest(KEY, SET));
  });

  it.each<[string, CredentialIdentity]>([
    ['host case', { ...SET, host: SET.host.toUpperCase() }],
    ['no origin and an empty one', { ...SET, origin: '' }],
  ])('ignores %s', (_name, same) => {
    expect(credentialDigest(KEY, same)).toBe(credentialDigest(KEY, SET));
  });

  it('keeps fields apart: moving text between them is another set', () => {
    const a = credentialDigest(KEY, { ...SET, ikey: 'DIA', skey: 'Bsecret' });
    const b = credentialDigest(KEY, { ...SET, ikey: 'DIAB', skey: 'secret' });
    expect(a).not.toBe(b);
  });

  it('never shows the secret, and means nothing under another key', () => {
    const digest = credentialDigest(KEY, SET);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain(SET.skey);
    expect(credentialDigest(randomBytes(32), SET)).not.toBe(digest);
  });
});

/** A transport that answers when told to, counting closes. */
class FakeTransport implements Transport {
  closes = 0;
  pending: Array<(r: HttpResponse) => void> = [];
  send(_req: HttpRequest): Promise<HttpResponse> {
    return new Promise((resolve) => this.pending.push(resolve));
  }
  close(): void {
    this.closes++;
  }
  answerAll(): void {
    for (const resolve of this.pending.splice(0)) resolve({ status: 200, headers: {}, body: Buffer.from('{"stat":"OK","response":{}}') });
  }
}

const REQ = {} as HttpRequest;

describe('PooledTransport', () => {
  it('closes at once when retired idle', () => {
    const inner = new FakeTransport();
    new PooledTransport(inner).retire();
    expect(inner.closes).toBe(1);
  });

  it('lets calls in flight finish, then closes; a late call closes again after it', async () => {
    const inner = new FakeTransport();
    const pool = new PooledTransport(inner);
    const calls = [pool.send(REQ), pool.send(REQ)];
    pool.retire();
    expect(inner.closes).toBe(0);
    expect(pool.inFlight).toBe(2);
    inner.answerAll();
    await Promise.all(calls);
    expect(inner.closes).toBe(1);
    const late = pool.send(REQ);
    inner.answerAll();
    await late;
    expect(inner.closes).toBe(2);
  });

  it('treats close() from a sharing client as retire(), never cutting others short', async () => {
    const inner = new FakeTransport();
    const pool = new PooledTransport(inner);
    const call = pool.send(REQ);
    pool.close();
    expect(inner.closes).toBe(0);
    inner.answerAll();
    await call;
    expect(inner.closes).toBe(1);
  });
});

const options = (over: Partial<DuoClientOptions> = {}): DuoClientOptions => ({ host: SET.host, ikey: SET.ikey, skey: SET.skey, ...over });
const build = (o: DuoClientOptions) => new DuoAdminClient(o);

describe('DuoClientPool', () => {
  it('reuses the client of a set, and shares one pool between the set\'s clients', () => {
    const pool = new DuoClientPool();
    const pacing = false as const;
    const a = pool.client('admin|parent', options({ pacing }), build);
    expect(pool.client('admin|parent', options({ pacing }), build)).toBe(a);
    const built: DuoClientOptions[] = [];
    pool.client('accounts|parent', options({ pacing }), (o) => (built.push(o), build(o)));
    pool.client('admin|parent', options({ pacing, timeoutMs: 1234 }), (o) => (built.push(o), build(o)));
    expect(built).toHaveLength(2);
    expect(built[0]!.transport).toBeInstanceOf(PooledTransport);
    expect(built[1]!.transport).toBe(built[0]!.transport);
    expect(pool.size).toBe(1);
  });

  it('gives changed credentials a new set with its own pool', () => {
    const pool = new DuoClientPool();
    const seen: unknown[] = [];
    const record = (o: DuoClientOptions) => (seen.push(o.transport), build(o));
    const before = pool.client('admin|parent', options(), record);
    const after = pool.client('admin|parent', options({ skey: 'secret-key-rotated-0123456789abcdefghijk' }), record);
    expect(after).not.toBe(before);
    expect(seen[1]).not.toBe(seen[0]);
    expect(pool.size).toBe(2);
  });

  it('keeps clients with different pacers, retries or fetches apart', () => {
    const pool = new DuoClientPool();
    const a = pool.client('admin|parent', options({ retry: { maxAttempts: 2 } }), build);
    expect(pool.client('admin|parent', options({ retry: { maxAttempts: 2 } }), build)).not.toBe(a);
    const f = async () => new Response('{}');
    const viaFetch = (o: DuoClientOptions) => {
      expect(o.transport).toBeUndefined();
      return build(o);
    };
    expect(pool.client('admin|parent', options({ fetch: f }), viaFetch)).toBe(pool.client('admin|parent', options({ fetch: f }), viaFetch));
  });

  it('evicts the least recently used set past its bound and retires its pool', () => {
    const pool = new DuoClientPool({ maxSets: 2 });
    const transports: PooledTransport[] = [];
    const record = (o: DuoClientOptions) => (transports.push(o.transport as PooledTransport), build(o));
    const set = (n: number) => options({ skey: `secret-key-${n}-0123456789abcdefghijklmnopq` });
    pool.client('admin|parent', set(1), record);
    pool.client('admin|parent', set(2), record);
    pool.client('admin|parent', set(1), record); // set 1 is now the most recent
    pool.client('admin|parent', set(3), record);
    expect(pool.size).toBe(2);
    expect(transports.map((t) => t.retired)).toEqual([false, true, false]);
    // Set 2 comes back as a new set with a new pool.
    pool.client('admin|parent', set(2), record);
    expect(transports).toHaveLength(4);
    expect(transports[0]!.retired).toBe(true);
  });

  it('bounds the clients of one set', () => {
    const pool = new DuoClientPool({ maxClientsPerSet: 2 });
    const first = pool.client('admin|a', options(), build);
    pool.client('admin|b', options(), build);
    pool.client('admin|c', options(), build);
    expect(pool.client('admin|a', options(), build)).not.toBe(first);
  });

  it('retires every pool on close', () => {
    const pool = new DuoClientPool();
    let transport: PooledTransport | undefined;
    pool.client('admin|parent', options(), (o) => ((transport = o.transport as PooledTransport), build(o)));
    pool.close();
    expect(transport!.retired).toBe(true);
    expect(pool.size).toBe(0);
  });
});

describe('DuoClientPool read gate (real port)', () => {
  it.each([
    [undefined, ['b', 'a']],
    [1, ['a', 'b']],
  ])('bodiesReading %s over every credential set: answers finish in the order %j', async (bodiesReading, order) => {
    // /a sends its headers and part of its body, then holds the rest until /b has been answered in full.
    let finishA = () => {};
    const server = http.createServer((req, res) => {
      const body = JSON.stringify({ stat: 'OK', response: { path: req.url } });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      if (req.url?.startsWith('/admin/v1/a')) {
        res.write(body.slice(0, 10));
        finishA = () => res.end(body.slice(10));
      } else {
        res.end(body);
        setTimeout(() => finishA(), 50);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const pool = new DuoClientPool(bodiesReading === undefined ? { bodiesReading: 1000 } : { bodiesReading });
    try {
      // Two credential sets (another integration key): two pools of connections, one gate.
      const first = pool.client('admin|parent', options({ baseUrl, pacing: false }), build);
      const second = pool.client('admin|parent', options({ baseUrl, pacing: false, ikey: 'DIBBBBBBBBBBBBBBBBBB' }), build);
      expect(pool.size).toBe(2);
      const finished: string[] = [];
      const a = first.request('GET', '/admin/v1/a').then(() => finished.push('a'));
      await new Promise((r) => setTimeout(r, 50));
      const b = second.request('GET', '/admin/v1/b').then(() => finished.push('b'));
      await Promise.all([a, b]);
      // One body at a time: /b's complete answer waits, paused, until /a's body has been read.
      expect(finished).toEqual(order);
    } finally {
      pool.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
