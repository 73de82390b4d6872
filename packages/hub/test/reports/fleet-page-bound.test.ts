import { createEmulator, type Emulator } from '@duohub/emulator';
import { Pacer } from '@duohub/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetPacedSource, PageSlots, scanAccount } from '../../src/reports/mfa-coverage/index.js';
import { parentAccountsClient } from './support/fleet-clients.js';

describe('PageSlots', () => {
  it('grants up to its limit, then first come first served', async () => {
    const slots = new PageSlots(2);
    const a = await slots.acquire();
    await slots.acquire();
    const order: string[] = [];
    const c = slots.acquire().then((r) => (order.push('c'), r));
    const d = slots.acquire().then((r) => (order.push('d'), r));
    expect(slots.waiting).toBe(2);
    a();
    a(); // releasing twice frees one slot only
    (await c)();
    await d;
    expect(order).toEqual(['c', 'd']);
    expect(slots.active).toBe(2);
  });

  it('drops a waiter whose signal aborts, rejecting with its reason', async () => {
    const slots = new PageSlots(1);
    const release = await slots.acquire();
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(slots.waiting).toBe(0);
    release();
    expect(slots.active).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => new PageSlots(0)).toThrow(RangeError);
  });
});

describe('fleetPacedSource', () => {
  let emu: Emulator;
  beforeAll(() => {
    emu = createEmulator({ seed: { fleet: { accounts: 2, usersPerAccount: 2000, seed: 3 } } });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('scans through the fleet bound: never more reads in flight than slots, same counts as unbounded', async () => {
    const pacer = new Pacer({ rates: { admin_get_page: 60_000 }, burst: { admin_get_page: 50 } });
    const accounts = parentAccountsClient(emu, 'in-process', { pacing: pacer });
    const [first] = await accounts.list();
    const child = accounts.child(first!);
    const slots = new PageSlots(2);
    let peak = 0;
    const source = fleetPacedSource(child, { slots, pacer });
    const bounded = await scanAccount(source, { pageConcurrency: 8, onPage: () => (peak = Math.max(peak, slots.active)) });
    const plain = await scanAccount(accounts.child(first!), { pageConcurrency: 8 });
    expect(bounded.counts).toEqual(plain.counts);
    expect(peak).toBeLessThanOrEqual(2);
    expect(slots.active).toBe(0);
    accounts.close();
  });

  it("sends an account's burst in one go: each read looks as soon as the one before holds its token", async () => {
    // Burst 5 known, refill fast: five reads may all go at once.
    const pacer = new Pacer({ rates: { admin_get_page: 60_000 }, burst: { admin_get_page: 5 } });
    let sent = 0;
    const accounts = parentAccountsClient(emu, 'in-process', {
      pacing: pacer,
      fetch: (req: Request) => {
        if (new URL(req.url).pathname === '/admin/v1/users') sent += 1;
        return emu.fetch(req);
      },
    });
    const [first] = await accounts.list();
    const source = fleetPacedSource(accounts.child(first!), { slots: new PageSlots(8), pacer });
    const reads = Array.from({ length: 5 }, () => source.users.list({ limit: 1 }).pages()[Symbol.asyncIterator]().next());
    // A busy hub turns its event loop slowly: reads that each waited for the next turn spread a burst
    // over as many turns. All five must be out before the loop turns once.
    const sentByNextTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(sent)));
    await Promise.all(reads);
    expect(sentByNextTurn).toBe(5);
    accounts.close();
  });

  it('takes no slot while its account must wait for budget', async () => {
    let clock = 0;
    const sleeps: number[] = [];
    const slots = new PageSlots(1);
    const pacer = new Pacer({
      rates: { admin_get_page: 60 },
      burst: { admin_get_page: 1 },
      now: () => clock,
      sleep: async (ms) => {
        // While this read waits for the account's budget, the fleet's only slot stays free for others.
        expect(slots.active).toBe(0);
        sleeps.push(ms);
        clock += ms;
      },
    });
    const accounts = parentAccountsClient(emu, 'in-process', { pacing: pacer });
    const [first] = await accounts.list();
    const child = accounts.child(first!);
    const source = fleetPacedSource(child, { slots, pacer });
    await source.users.list({ limit: 1 }).pages()[Symbol.asyncIterator]().next();
    await source.users.list({ limit: 1 }).pages()[Symbol.asyncIterator]().next();
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1000);
    accounts.close();
  });

  it('lets a read probe an unknown burst instead of waiting for a token, so the burst is learned', async () => {
    let clock = 0;
    const sleeps: number[] = [];
    // No burst configured: the pacer starts from one and probes beyond it while Duo accepts.
    const pacer = new Pacer({
      rates: { admin_get_page: 60 },
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    const accounts = parentAccountsClient(emu, 'in-process', { pacing: pacer });
    const [first] = await accounts.list();
    const child = accounts.child(first!);
    const source = fleetPacedSource(child, { slots: new PageSlots(1), pacer });
    for (let i = 0; i < 3; i++) await source.users.list({ limit: 1 }).pages()[Symbol.asyncIterator]().next();
    expect(sleeps).toEqual([]);
    expect(pacer.snapshot({ host: child.host, accountId: child.accountId, endpointClass: 'admin_get_page' })).toMatchObject({ burst: 3, probe: 'ready' });
    accounts.close();
  });
});
