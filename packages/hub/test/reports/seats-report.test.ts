import { isEnrolled, newUser, putUser, wrapRoute, fail, type Account, type EmulatorStats } from '@duohub/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/access/actor.js';
import { runCli } from '../../src/cli.js';
import { buildSeatsReport } from '../../src/reports/seats/build-seats-report.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from '../helpers/test-hub.js';

/**
 * Issue 18: the seats and billing report over real ports (hub and emulator each on a port). The
 * emulator's state is the ground truth: every account's line must equal it, each account must be
 * read in its own account scope, and a token limited to an organization must see (and cause reads
 * of) that organization's account only.
 */

// Four children of 350 users: two user pages each (300 + 50), so paging is exercised.
const FLEET = { accounts: 4, usersPerAccount: 350, seed: 18 };
const EDITIONS = ['ENTERPRISE', 'PLATFORM', 'BEYOND', 'PLATFORM'] as const;
const FORMULA_NAME = '=HYPERLINK("http://evil.example","click")';

let emu: TestEmulator;
let hub: TestHub;
let integrationId: string;
let children: Account[];
let parent: Account;
let orgA: { id: string; name: string };
let orgB: { id: string; name: string };
let limitedToken: string;
let orgParent: { id: string; name: string };
let parentOnlyToken: string;

/** An account's figures computed straight from the emulator's state. */
function truthOf(account: Account) {
  const counts = { users: 0, active: 0, bypass: 0, disabled: 0, locked_out: 0, pending_deletion: 0, other_status: 0, enrolled: 0, not_enrolled: 0, billable: 0 };
  for (const user of Object.values(account.users)) {
    counts.users += 1;
    const key = ({ active: 'active', bypass: 'bypass', disabled: 'disabled', 'locked out': 'locked_out', 'pending deletion': 'pending_deletion' } as const)[user.status as 'active'];
    counts[key ?? 'other_status'] += 1;
    if (isEnrolled(account, user)) counts.enrolled += 1;
    else counts.not_enrolled += 1;
    if (user.status !== 'pending deletion') counts.billable += 1;
  }
  return counts;
}

/** Requests per account and route made since `before`. */
function requestsSince(before: EmulatorStats, after: EmulatorStats): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [account, routes] of Object.entries(after.accountRequests)) {
    for (const [route, n] of Object.entries(routes)) {
      const d = n - (before.accountRequests[account]?.[route] ?? 0);
      if (d > 0) (out[account] ??= {})[route] = d;
    }
  }
  return out;
}

beforeAll(async () => {
  emu = await startTestEmulator({ seed: { fleet: FLEET } });
  const state = emu.emulator.state;
  parent = state.accounts[state.parent_account_id!]!;
  children = Object.values(state.accounts).filter((a) => a.parent_id !== null);
  expect(children).toHaveLength(FLEET.accounts);
  children.forEach((child, i) => {
    child.edition = EDITIONS[i]!;
    child.telephony_credits = 1000 + 111 * i;
    // A few users in the trash, which the seed does not make.
    Object.values(child.users).slice(0, 3 + i).forEach((u) => (u.status = 'pending deletion'));
  });
  children[3]!.name = FORMULA_NAME;
  parent.telephony_credits = 77_777;
  const now = Date.now();
  for (const [name, status] of [['msp-tech-1', 'active'], ['msp-tech-2', 'disabled'], ['msp-tech-3', 'bypass']] as const) {
    const u = newUser(parent, name, Math.random, now);
    u.status = status;
    putUser(parent, u);
  }

  hub = await startTestHub();
  const created = await hub.api('POST', '/api/integrations', {
    body: { name: 'Seats Duo', base_url: emu.url, admin: emu.sets.admin, accounts: emu.sets.accounts, auth: emu.sets.auth },
  });
  expect(created.status, created.text).toBe(201);
  integrationId = created.body.id;
  const org = async (name: string, account: Account) => {
    const res = await hub.api('POST', '/api/organizations', { body: { name, integration_id: integrationId, duo_account_id: account.account_id } });
    expect(res.status, res.text).toBe(201);
    return { id: res.body.id as string, name };
  };
  orgA = await org('Alpha Seats Client', children[0]!);
  orgB = await org('Bravo Seats Client', children[1]!);
  const mapped = await hub.api('POST', '/api/organizations', { body: { name: 'MSP Internal', integration_id: integrationId, duo_account_id: 'parent' } });
  expect(mapped.status, mapped.text).toBe(201);
  orgParent = { id: mapped.body.id, name: 'MSP Internal' };
  const token = await hub.api('POST', '/api/tokens', { body: { name: 'alpha-only', scopes: ['read'], organization_ids: [orgA.id] } });
  expect(token.status, token.text).toBe(201);
  limitedToken = token.body.token;
  const parentToken = await hub.api('POST', '/api/tokens', { body: { name: 'msp-internal-only', scopes: ['read'], organization_ids: [orgParent.id] } });
  expect(parentToken.status, parentToken.text).toBe(201);
  parentOnlyToken = parentToken.body.token;
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await emu?.close();
});

describe('GET /api/reports/seats', () => {
  it("equals the emulator's state for the parent and every child, with the mapped organization beside each account", async () => {
    const res = await hub.api('GET', `/api/reports/seats?integration_id=${integrationId}`);
    expect(res.status, res.text).toBe(200);
    const body = res.body;
    expect(body.billable_basis).toBe('derived');
    expect(body.billable_rule).toMatch(/except those pending deletion/);
    expect(body.accounts).toHaveLength(1 + FLEET.accounts);
    const [parentLine, ...childLines] = body.accounts;
    expect(parentLine).toMatchObject({
      duo_account_id: 'parent',
      duo_account_name: 'Seats Duo (parent account)',
      organization_id: orgParent.id,
      organization_name: orgParent.name,
      status: 'ok',
      edition: null,
      telephony_credits: 77_777,
      counts: truthOf(parent),
      error: null,
    });
    expect(parentLine.counts.users).toBe(3);
    childLines.forEach((line: any) => {
      const i = children.findIndex((c) => c.account_id === line.duo_account_id);
      expect(i, line.duo_account_id).toBeGreaterThanOrEqual(0);
      const child = children[i]!;
      expect(line).toEqual({
        integration_id: integrationId,
        integration_name: 'Seats Duo',
        duo_account_id: child.account_id,
        duo_account_name: child.name,
        organization_id: i === 0 ? orgA.id : i === 1 ? orgB.id : null,
        organization_name: i === 0 ? orgA.name : i === 1 ? orgB.name : null,
        status: 'ok',
        counts: truthOf(child),
        edition: EDITIONS[i],
        telephony_credits: 1000 + 111 * i,
        duo_total_users: FLEET.usersPerAccount,
        error: null,
      });
    });
    // The fixture must hold every bucket the report distinguishes, or equality above proves little.
    const t = body.totals;
    for (const k of ['active', 'bypass', 'disabled', 'locked_out', 'pending_deletion', 'enrolled', 'not_enrolled'] as const) expect(t.counts[k], k).toBeGreaterThan(0);
    expect(t.counts.users).toBe(3 + FLEET.accounts * FLEET.usersPerAccount);
    expect(t.counts.billable).toBe(t.counts.users - t.counts.pending_deletion);
    expect(t.telephony_credits).toBe(77_777 + 1000 + 1111 + 1222 + 1333);
    expect(t).toMatchObject({ accounts: 5, accounts_ok: 5, accounts_failed: 0 });
  });

  it("reads each account in its own account scope (the emulator's per-account counters)", async () => {
    const before = emu.emulator.stats();
    const res = await hub.api('GET', `/api/reports/seats?integration_id=${integrationId}`);
    expect(res.status, res.text).toBe(200);
    const seen = requestsSince(before, emu.emulator.stats());
    // The parent: its users (one page), its info summary, and the child list of the Accounts API.
    expect(seen[parent.account_id]).toEqual({ 'GET /admin/v1/users': 1, 'GET /admin/v1/info/summary': 1, 'POST /accounts/v1/account/list': 1 });
    for (const child of children) {
      expect(seen[child.account_id], child.name).toEqual({ 'GET /admin/v1/users': 2, 'GET /admin/v1/billing/edition': 1, 'GET /admin/v1/billing/telephony_credits': 1 });
    }
    expect(Object.keys(seen).sort()).toEqual([parent.account_id, ...children.map((c) => c.account_id)].sort());
  });

  it('exports CSV: a header, one line per account, a totals line, formula-looking names neutralized', async () => {
    const res = await hub.api('GET', `/api/reports/seats?integration_id=${integrationId}&format=csv`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="duohub-seats-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 1 + FLEET.accounts + 1);
    expect(lines[0]!.split(',').slice(0, 9)).toEqual(['row', 'organization', 'organization_id', 'duo_account_name', 'duo_account_id', 'integration', 'integration_id', 'status', 'users']);
    const a = truthOf(children[0]!);
    const aLine = lines.find((l) => l.includes(children[0]!.account_id))!;
    expect(aLine).toContain(
      `account,${orgA.name},${orgA.id},${children[0]!.name},${children[0]!.account_id},Seats Duo,${integrationId},ok,${a.users},${a.active},${a.bypass},${a.disabled},${a.locked_out},${a.pending_deletion},0,${a.enrolled},${a.not_enrolled},${a.billable},derived,ENTERPRISE,1000,`,
    );
    const evil = lines.find((l) => l.includes(children[3]!.account_id))!;
    expect(evil).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(lines.some((l) => l.split(',').some((cell) => /^[=+\-@]/.test(cell)))).toBe(false);
    const total = lines[lines.length - 1]!.split(',');
    expect(total.slice(0, 9)).toEqual(['total', '', '', '5 accounts', '', '', '', 'ok', String(3 + FLEET.accounts * FLEET.usersPerAccount)]);
  });

  it('a token limited to one organization sees that account only, reads nothing else, and gets its own totals', async () => {
    const before = emu.emulator.stats();
    for (const query of ['', `?integration_id=${integrationId}`, `?organization_id=${orgA.id}&organization_id=${orgB.id}`]) {
      const res = await hub.api('GET', `/api/reports/seats${query}`, { token: limitedToken });
      expect(res.status, `${query}: ${res.text}`).toBe(200);
      expect(res.body.accounts.map((a: any) => a.duo_account_id)).toEqual([children[0]!.account_id]);
      expect(res.body.accounts[0]).toMatchObject({ organization_id: orgA.id, integration_id: integrationId, integration_name: null });
      expect(res.body.totals.counts).toEqual(truthOf(children[0]!));
      expect(res.body.totals.telephony_credits).toBe(1000);
      for (const leak of [children[1]!.account_id, children[1]!.name, orgB.name, parent.account_id, 'parent', '77777', 'Seats Duo']) expect(res.text, leak).not.toContain(leak);
    }
    const seen = requestsSince(before, emu.emulator.stats());
    expect(Object.keys(seen)).toEqual([children[0]!.account_id]);

    const other = await hub.api('GET', `/api/reports/seats?organization_id=${orgB.id}`, { token: limitedToken });
    expect(other.status).toBe(200);
    expect(other.body.accounts).toEqual([]);
    expect(other.body.totals.counts.users).toBe(0);

    const csv = await hub.api('GET', '/api/reports/seats?format=csv', { token: limitedToken });
    expect(csv.status).toBe(200);
    const lines = csv.text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(children[0]!.account_id);
    expect(lines[2]!.startsWith('total,,,1 accounts,')).toBe(true);
    expect(csv.text).not.toContain(children[1]!.account_id);
  });

  it("never shows the parent's figures to a limited token, even one whose organization is mapped to the parent", async () => {
    const before = emu.emulator.stats();
    for (const query of ['', `?organization_id=${orgParent.id}`, `?integration_id=${integrationId}`]) {
      const res = await hub.api('GET', `/api/reports/seats${query}`, { token: parentOnlyToken });
      expect(res.status, res.text).toBe(200);
      expect(res.body.accounts).toEqual([]);
      expect(res.body.totals).toMatchObject({ accounts: 0, telephony_credits: 0 });
      expect(res.text).not.toContain('77777');
    }
    expect(requestsSince(before, emu.emulator.stats())).toEqual({});
    // An unlimited caller asking for that organization gets the parent's line.
    const admin = await hub.api('GET', `/api/reports/seats?organization_id=${orgParent.id}`);
    expect(admin.status, admin.text).toBe(200);
    expect(admin.body.accounts).toHaveLength(1);
    expect(admin.body.accounts[0]).toMatchObject({ duo_account_id: 'parent', organization_name: orgParent.name, telephony_credits: 77_777, counts: truthOf(parent) });
  });

  it('organization_id selects those organizations’ accounts (two parameters, one line each)', async () => {
    const res = await hub.api('GET', `/api/reports/seats?organization_id=${orgB.id}&organization_id=${orgA.id}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.accounts.map((a: any) => a.organization_name)).toEqual([orgB.name, orgA.name]);
    expect(res.body.accounts[0].counts).toEqual(truthOf(children[1]!));
  });

  it('an account whose read fails shows its error; the others still report and the totals leave it out', async () => {
    const broken = children[2]!;
    emu.emulator.use(
      wrapRoute('GET', '/admin/v1/users', async (ctx, next) =>
        ctx.account.account_id === broken.account_id ? fail(403, 40301, 'Access forbidden', 'scripted by the seats test') : next(),
      ),
    );
    try {
      const res = await hub.api('GET', `/api/reports/seats?integration_id=${integrationId}`);
      expect(res.status, res.text).toBe(200);
      const line = res.body.accounts.find((a: any) => a.duo_account_id === broken.account_id);
      expect(line).toMatchObject({ status: 'failed', counts: null, edition: null, telephony_credits: null, error: { status: 403, code: 40301 } });
      expect(line.error.message).toMatch(/Access forbidden/);
      const ok = res.body.accounts.filter((a: any) => a.status === 'ok');
      expect(ok).toHaveLength(FLEET.accounts);
      expect(res.body.totals).toMatchObject({ accounts: 5, accounts_ok: 4, accounts_failed: 1 });
      expect(res.body.totals.counts.users).toBe(3 + (FLEET.accounts - 1) * FLEET.usersPerAccount);
      expect(res.body.totals.telephony_credits).toBe(77_777 + 1000 + 1111 + 1333);
    } finally {
      emu.emulator.resetHandlers();
    }
  });

  it.each([
    ['format=xml', 'format'],
    ['organization_id=org_doesnotexist', 'organization_id'],
  ])('bad input (%s) is 400 validation_failed naming %s', async (query, field) => {
    const res = await hub.api('GET', `/api/reports/seats?${query}`);
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.error.details)).toContain(field);
  });

  it('an unknown integration is 404', async () => {
    const res = await hub.api('GET', '/api/reports/seats?integration_id=int_doesnotexist');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('buildSeatsReport bounds the user pages in flight across the fleet', () => {
  it('never has more user pages at Duo than its page slots, whatever the accounts read at once', async () => {
    let inFlight = 0;
    let most = 0;
    emu.emulator.use(
      wrapRoute('GET', '/admin/v1/users', async (_ctx, next) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          // Hold each page briefly so reads of different accounts overlap if nothing bounds them.
          await new Promise((r) => setTimeout(r, 20));
          return await next();
        } finally {
          inFlight -= 1;
        }
      }),
    );
    try {
      const report = await buildSeatsReport(hub.hub, systemActor, { integrationId }, { accountConcurrency: 5, pageSlots: 2 });
      expect(report.totals).toMatchObject({ accounts: 5, accounts_ok: 5 });
      for (const child of children) expect(report.accounts.find((a) => a.duo_account_id === child.account_id)!.counts).toEqual(truthOf(child));
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThanOrEqual(2);
    } finally {
      emu.emulator.resetHandlers();
    }
  });
});

describe('duohub report seats (against the hub over its port)', () => {
  async function cli(args: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(['node', 'duohub', 'report', 'seats', '--url', hub.url, '--token', hub.adminToken, ...args], {
      io: { out: (t) => void (out += t), err: (t) => void (err += t) },
      env: { HOME: hub.dataDir },
    });
    return { code, out, err };
  }

  it('prints a table with a row per account and the totals', async () => {
    const res = await cli(['--integration', 'Seats Duo']);
    expect(res.code, res.err).toBe(0);
    const a = truthOf(children[0]!);
    expect(res.out).toMatch(new RegExp(`^${orgA.name}\\s+${children[0]!.name}\\s+${a.users}\\s+${a.active}\\s+${a.bypass}\\s+${a.disabled}\\s+${a.locked_out}\\s+${a.pending_deletion}\\s+${a.enrolled}\\s+${a.not_enrolled}\\s+${a.billable}\\s+ENTERPRISE\\s+1000$`, 'm'));
    expect(res.out).toMatch(new RegExp(`^${orgParent.name}\\s+Seats Duo \\(parent account\\)\\s+3\\s`, 'm'));
    expect(res.out).toMatch(new RegExp(`^\\(unmapped\\)\\s+${children[2]!.name}\\s+350\\s`, 'm'));
    expect(res.out).toMatch(new RegExp(`^TOTAL\\s+5 accounts\\s+${3 + FLEET.accounts * FLEET.usersPerAccount}\\s`, 'm'));
  });

  it('--org by name and by id, --csv and --json', async () => {
    const csv = await cli(['--org', orgA.name, '--org', orgB.id, '--csv']);
    expect(csv.code, csv.err).toBe(0);
    const lines = csv.out.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(orgA.id);
    expect(lines[2]).toContain(orgB.id);
    const json = await cli(['--org', orgB.name, '--json']);
    expect(json.code, json.err).toBe(0);
    const body = JSON.parse(json.out);
    expect(body.accounts).toHaveLength(1);
    expect(body.accounts[0].counts).toEqual(truthOf(children[1]!));
  });

  it('an unknown organization name fails with a message', async () => {
    const res = await cli(['--org', 'No Such Client Anywhere']);
    expect(res.code).not.toBe(0);
    expect(res.err).toMatch(/no organization named "No Such Client Anywhere"/);
  });
});
