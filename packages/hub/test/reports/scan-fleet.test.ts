import { createEmulator, defineRoute, fail, ok, paginate, serializeBypassCode, serializeUser, type Emulator } from '@duohub/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scanAccount, scanFleet, type AccountOutcome, type FleetProgress } from '../../src/reports/mfa-coverage/index.js';
import { fleetGroundTruth } from './support/ground-truth.js';
import { FAST_RETRY, parentAccountsClient } from './support/fleet-clients.js';

const FLEET = { accounts: 3, usersPerAccount: 350, seed: 5 };
let emu: Emulator;

beforeAll(() => {
  emu = createEmulator({ seed: { fleet: FLEET } });
});
afterEach(() => {
  emu.resetHandlers();
  emu.configure({ faults: [] });
});
afterAll(async () => {
  await emu.close();
});

const children = () => emu.credentials().accounts.filter((a) => a.parent_id !== null);

describe('scanFleet', () => {
  it('reports progress (accounts done, users seen) and each outcome once, in account/list order', async () => {
    const accounts = parentAccountsClient(emu, 'in-process');
    const events: FleetProgress[] = [];
    const done: AccountOutcome[] = [];
    const result = await scanFleet(accounts, { onProgress: (p) => events.push(p), onAccountDone: (o) => done.push(o) });
    const total = FLEET.accounts * FLEET.usersPerAccount;
    expect(events[0]).toEqual({ accountsTotal: 3, accountsDone: 0, accountsFailed: 0, usersSeen: 0 });
    expect(events.at(-1)).toEqual({ accountsTotal: 3, accountsDone: 3, accountsFailed: 0, usersSeen: total });
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.usersSeen).toBeGreaterThanOrEqual(events[i - 1]!.usersSeen);
      expect(events[i]!.accountsDone).toBeGreaterThanOrEqual(events[i - 1]!.accountsDone);
    }
    // Two user pages per account: progress moves within an account, not only at its end.
    expect(events.filter((e) => e.usersSeen > 0 && e.usersSeen < total).length).toBeGreaterThanOrEqual(4);
    expect(new Set(done.map((o) => o.task.account_id)).size).toBe(3);
    const listed = (await accounts.list()).map((a) => a.account_id);
    expect(result.accounts.map((o) => o.task.account_id)).toEqual(listed);
  });

  it('scans only the accounts asked for', async () => {
    const only = children()[1]!.account_id;
    const result = await scanFleet(parentAccountsClient(emu, 'in-process'), { accountIds: [only] });
    expect(result.accounts.map((o) => o.task.account_id)).toEqual([only]);
    expect(result.totals.counts.users).toBe(FLEET.usersPerAccount);
  });

  it('keeps a failing account as data and scans the others', async () => {
    const broken = children()[0]!.account_id;
    emu.use(
      defineRoute({
        method: 'GET',
        pattern: '/admin/v1/bypass_codes',
        api: 'admin',
        grant: 'read_resource',
        endpointClass: 'admin_get_page',
        handle(ctx) {
          if (ctx.account.account_id === broken) return fail(403, 40301, 'Access forbidden', 'Missing permission');
          const page = paginate(Object.values(ctx.account.bypass_codes), ctx.params, { defaultLimit: 100, maxLimit: 500 });
          return ok(page.response.map((c) => serializeBypassCode(ctx.account, c)), page.metadata);
        },
      }),
    );
    const accounts = parentAccountsClient(emu, 'in-process');
    const result = await scanFleet(accounts, {});
    const failed = result.accounts.find((o) => o.task.account_id === broken);
    expect(failed).toMatchObject({ status: 'failed', error: { kind: 'DuoForbiddenError', status: 403, code: 40301 } });
    const secret = emu.credentials().accounts.flatMap((a) => a.integrations.map((i) => i.secret_key));
    for (const s of secret) expect(JSON.stringify(failed)).not.toContain(s);
    expect(result.totals).toMatchObject({ accounts: 3, accountsScanned: 2, accountsFailed: 1 });
    expect(result.totals.counts.users).toBe(2 * FLEET.usersPerAccount);
  });

  it('stops on abort: rejects with the reason and starts no further account', async () => {
    emu.configure({ faults: [{ path: '/admin/v1/users', latencyMs: 30 }] });
    const controller = new AbortController();
    const reason = new Error('cancelled by the operator');
    const done: AccountOutcome[] = [];
    const run = scanFleet(parentAccountsClient(emu, 'in-process'), {
      accountConcurrency: 1,
      signal: controller.signal,
      onAccountDone: (o) => done.push(o),
      onProgress: (p) => {
        if (p.usersSeen > 0) controller.abort(reason);
      },
    });
    await expect(run).rejects.toBe(reason);
    expect(done).toEqual([]);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('early'));
    await expect(scanFleet(parentAccountsClient(emu, 'in-process'), { signal: controller.signal })).rejects.toThrow('early');
  });
});

describe('scanAccount', () => {
  it('counts a user once when the list shifts between pages, and still equals the ground truth', async () => {
    // Each page after the first starts two users early, as if two users before it had been deleted.
    emu.use(
      defineRoute({
        method: 'GET',
        pattern: '/admin/v1/users',
        api: 'admin',
        grant: 'read_resource',
        endpointClass: 'admin_get_page',
        handle(ctx) {
          const users = Object.values(ctx.account.users);
          const offset = Number(ctx.params.get('offset') ?? 0);
          const limit = Number(ctx.params.get('limit') ?? 100);
          const from = offset === 0 ? 0 : offset - 2;
          const metadata: Record<string, number> = { total_objects: users.length };
          if (offset + limit < users.length) metadata['next_offset'] = offset + limit;
          return ok(users.slice(from, offset + limit).map((u) => serializeUser(ctx.account, u)), metadata);
        },
      }),
    );
    const target = children()[2]!;
    const accounts = parentAccountsClient(emu, 'in-process', { retry: FAST_RETRY });
    const nowMs = Date.now();
    const coverage = await scanAccount(accounts.child(target.account_id), { nowMs, pageConcurrency: 3 });
    const { counts, percentages, usersWithoutMfa } = coverage;
    expect({ counts, percentages, usersWithoutMfa }).toEqual(fleetGroundTruth(emu.state, nowMs).get(target.account_id));
    expect(coverage.scan).toMatchObject({ duplicatesDropped: 2, consistent: true, userPages: 2 });
    expect(coverage.account).toMatchObject({ account_id: target.account_id, api_hostname: target.api_hostname });
  });

  it('joins bypass codes that arrive after every user page', async () => {
    emu.configure({ faults: [{ path: '/admin/v1/bypass_codes', latencyMs: 80 }] });
    const target = children()[1]!;
    const order: string[] = [];
    const nowMs = Date.now();
    // Unpaced: the order of answers is the point here, and a pacer learning the burst from 1 up would
    // hold the later user pages back until after the delayed bypass codes.
    const coverage = await scanAccount(parentAccountsClient(emu, 'in-process', { pacing: false }).child(target.account_id), {
      nowMs,
      onPage: (e) => order.push(e.kind),
    });
    expect(order.indexOf('bypass_codes')).toBeGreaterThan(order.lastIndexOf('users'));
    const { counts, percentages, usersWithoutMfa } = coverage;
    const truth = fleetGroundTruth(emu.state, nowMs).get(target.account_id)!;
    expect(truth.counts.riskyBypass).toBeGreaterThan(0);
    expect({ counts, percentages, usersWithoutMfa }).toEqual(truth);
  });

  it("reads the bypass codes only once the users' first page is in, so a fleet's accounts all start with their users", async () => {
    const target = children()[0]!;
    const seen: string[] = [];
    const accounts = parentAccountsClient(emu, 'in-process', {
      pacing: false,
      fetch: async (req: Request) => {
        const path = new URL(req.url).pathname;
        // (the child's API host is looked up first, through the Accounts API)
        if (path.startsWith('/admin/')) seen.push(`${path} sent`);
        const res = await emu.fetch(req);
        if (path.startsWith('/admin/')) seen.push(`${path} answered`);
        return res;
      },
    });
    await scanAccount(accounts.child(target.account_id), { pageConcurrency: 4 });
    expect(seen[0]).toBe('/admin/v1/users sent');
    expect(seen.indexOf('/admin/v1/bypass_codes sent')).toBeGreaterThan(seen.indexOf('/admin/v1/users answered'));
  });

  it('never reads the bypass codes when the users list fails first, and fails as the users did', async () => {
    const target = children()[2]!;
    emu.configure({ faults: [{ path: '/admin/v1/users', serverErrorRate: 1 }] });
    const seen: string[] = [];
    const accounts = parentAccountsClient(emu, 'in-process', {
      pacing: false,
      retry: false,
      fetch: (req: Request) => {
        const path = new URL(req.url).pathname;
        if (path.startsWith('/admin/')) seen.push(path);
        return emu.fetch(req);
      },
    });
    await expect(scanAccount(accounts.child(target.account_id))).rejects.toMatchObject({ status: 500 });
    expect(seen).toEqual(['/admin/v1/users']);
  });

  it('flags a scan whose count disagrees with Duo total_objects', async () => {
    emu.use(
      defineRoute({
        method: 'GET',
        pattern: '/admin/v1/users',
        api: 'admin',
        grant: 'read_resource',
        endpointClass: 'admin_get_page',
        handle(ctx) {
          const page = paginate(Object.values(ctx.account.users), ctx.params, { defaultLimit: 100, maxLimit: 300 });
          return ok(page.response.map((u) => serializeUser(ctx.account, u)), { ...page.metadata, total_objects: page.metadata.total_objects + 1 });
        },
      }),
    );
    const accounts = parentAccountsClient(emu, 'in-process');
    const coverage = await scanAccount(accounts.child(children()[0]!.account_id));
    expect(coverage.scan).toMatchObject({ consistent: false, duoTotalUsers: FLEET.usersPerAccount + 1 });
    expect(coverage.counts.users).toBe(FLEET.usersPerAccount);
  });
});
