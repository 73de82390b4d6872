import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type ListeningServer } from '../src/index.js';

const emu = createEmulator();
let server: ListeningServer;

beforeAll(async () => {
  server = await emu.listen({ port: 0 });
});
afterAll(async () => {
  await emu.close();
});

/** One GET of the inspection surface through `agent`, body drained. */
function get(agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}/__emulator/stats`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end();
  });
}

describe('connection counts of a listening emulator', () => {
  it('counts one accepted connection for a keep-alive client, one per request without keep-alive', async () => {
    const start = server.connections().accepted;
    const pooled = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 5; i++) await get(pooled);
    expect(server.connections().accepted - start).toBe(1);
    expect(server.connections().open).toBeGreaterThanOrEqual(1);
    pooled.destroy();

    const fresh = new Agent({ keepAlive: false });
    for (let i = 0; i < 3; i++) await get(fresh);
    expect(server.connections().accepted - start).toBe(4);
  });

  it('counts open connections down as they close', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    await get(agent);
    const before = server.connections().open;
    agent.destroy();
    await expect.poll(() => server.connections().open).toBe(before - 1);
  });
});
