import { afterEach, describe, expect, it } from 'vitest';
import { DuoAdminClient, DuoAuthClient, DuoConfigError, NodeTransport, type DuoClientOptions, type Transport } from '../../src/index.js';
import { CREDS } from '../support/fake-duo.js';
import { sendOk, startServer } from '../support/local-server.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function server() {
  const s = await startServer((_seen, _req, res) => sendOk(res, {}));
  cleanup.push(() => s.close());
  return s;
}

function shared(): NodeTransport {
  const transport = new NodeTransport();
  cleanup.push(() => transport.close());
  return transport;
}

describe('a transport shared between clients', () => {
  it('lets clients built one after another reuse one warm connection', async () => {
    const s = await server();
    const transport = shared();
    for (let i = 0; i < 20; i++) {
      // A client per call, as a server building clients per request does: the pool outlives them.
      const admin = new DuoAdminClient({ ...CREDS, baseUrl: s.url, pacing: false, transport });
      await admin.settings.get();
    }
    expect(s.connections()).toBe(1);
  });

  it('is left open when a client using it is closed; its owner closes it', async () => {
    const s = await server();
    const transport = shared();
    const first = new DuoAdminClient({ ...CREDS, baseUrl: s.url, pacing: false, transport });
    await first.settings.get();
    first.close();
    const second = new DuoAuthClient({ ...CREDS, baseUrl: s.url, pacing: false, transport });
    await second.request('GET', '/auth/v2/ping');
    expect(s.connections()).toBe(1);
    transport.close();
    await second.request('GET', '/auth/v2/ping');
    expect(s.connections()).toBe(2);
  });

  it.each<[string, Partial<DuoClientOptions>]>([
    ['not an object', { transport: 'pool' as unknown as Transport }],
    ['without send()', { transport: { close() {} } as unknown as Transport }],
    ['together with fetch', { transport: new NodeTransport(), fetch: async () => new Response('{}') }],
  ])('refuses a transport %s', (_name, options) => {
    expect(() => new DuoAdminClient({ ...CREDS, pacing: false, ...options })).toThrow(DuoConfigError);
  });
});
