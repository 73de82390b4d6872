import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/random.js';
import { allocate, quota } from '../src/seed/allocate.js';
import { demoState } from '../src/seed/demo-state.js';
import { fleetState } from '../src/seed/fleet-state.js';
import { ENROLLMENT_MIX, STATUS_MIX } from '../src/seed/user-mix.js';
import type { Account, EmulatorState, User } from '../src/state/types.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const NOW_SEC = NOW / 1000;
const DAY = 86_400;

function children(state: EmulatorState): Account[] {
  return Object.values(state.accounts).filter((a) => a.parent_id !== null);
}

/** Every id-like value in a state, with the pattern it must match. */
function allIds(state: EmulatorState): Array<[string, RegExp]> {
  const out: Array<[string, RegExp]> = [];
  for (const a of Object.values(state.accounts)) {
    out.push([a.account_id, /^DA[A-Z0-9]{18}$/]);
    for (const i of Object.values(a.integrations)) out.push([i.integration_key, /^DI[A-Z0-9]{18}$/]);
    for (const u of Object.values(a.users)) {
      out.push([u.user_id, /^DU[A-Z0-9]{18}$/]);
      for (const w of u.webauthn) out.push([w.webauthnkey, /^DW[A-Z0-9]{18}$/]);
    }
    for (const p of Object.values(a.phones)) out.push([p.phone_id, /^DP[A-Z0-9]{18}$/]);
    for (const t of Object.values(a.tokens)) out.push([t.token_id, /^DH[A-Z0-9]{18}$/]);
    for (const g of Object.values(a.groups)) out.push([g.group_id, /^DG[A-Z0-9]{18}$/]);
    for (const b of Object.values(a.bypass_codes)) out.push([b.bypass_code_id, /^DB[A-Z0-9]{18}$/]);
    for (const d of Object.values(a.directories)) out.push([d.directory_key, /^DD[A-Z0-9]{18}$/]);
  }
  return out;
}

function enrollmentOf(a: Account, u: User): string {
  const phones = u.phone_ids.map((id) => a.phones[id]!);
  const push = phones.some((p) => p.activated && p.capabilities.includes('push'));
  if (push && u.token_ids.length > 0) return 'push_and_token';
  if (push) return 'push';
  if (phones.some((p) => p.platform !== 'unknown')) return 'push_unactivated';
  if (phones.some((p) => p.capabilities.includes('sms'))) return 'sms_voice';
  if (phones.length > 0) return 'voice_only';
  if (u.token_ids.length > 0) return 'token';
  if (u.webauthn.length > 0) return 'webauthn';
  return 'not_enrolled';
}

/** Structural invariants every seeded state must keep. */
function checkInvariants(state: EmulatorState): void {
  const ids = allIds(state);
  for (const [id, pattern] of ids) expect(id).toMatch(pattern);
  expect(new Set(ids.map(([id]) => id)).size).toBe(ids.length);
  const hosts = Object.values(state.accounts).map((a) => a.api_hostname);
  for (const h of hosts) expect(h).toMatch(/^api-[0-9a-f]{8}\.duosecurity\.com$/);
  expect(new Set(hosts).size).toBe(hosts.length);
  const parent = state.accounts[state.parent_account_id]!;
  expect(parent.parent_id).toBeNull();
  for (const a of Object.values(state.accounts)) {
    if (a !== parent) expect(a.parent_id).toBe(parent.account_id);
    for (const [key, i] of Object.entries(a.integrations)) {
      expect(key).toBe(i.integration_key);
      expect(i.secret_key).toMatch(/^[A-Za-z0-9]{40}$/);
      if (i.type === 'admin') expect(Object.values(i.grants ?? {}).every((g) => g === true)).toBe(true);
    }
    const usernames = new Set<string>();
    for (const u of Object.values(a.users)) {
      for (const name of [u.username, ...Object.values(u.aliases)]) {
        expect(usernames.has(name)).toBe(false);
        usernames.add(name);
      }
      for (const id of u.phone_ids) expect(a.phones[id]?.user_ids).toContain(u.user_id);
      for (const id of u.token_ids) expect(a.tokens[id]?.user_ids).toContain(u.user_id);
      for (const id of u.group_ids) expect(a.groups[id]).toBeDefined();
      if (u.last_login !== null) expect(u.last_login).toBeGreaterThanOrEqual(u.created);
      expect(u.email.endsWith('.example')).toBe(true);
    }
    for (const b of Object.values(a.bypass_codes)) {
      expect(a.users[b.user_id]).toBeDefined();
      expect(b.code).toMatch(/^\d{9}$/);
    }
    const codes = Object.values(a.bypass_codes).map((b) => b.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (let k = 1; k < a.auth_log.length; k++) {
      expect(a.auth_log[k]!.timestamp_ms).toBeGreaterThanOrEqual(a.auth_log[k - 1]!.timestamp_ms);
    }
    for (const e of a.auth_log) {
      expect(a.users[e.user_id ?? '']?.username).toBe(e.username);
      expect(a.integrations[e.integration_key]?.type).toBe('auth');
      expect(e.timestamp_ms).toBeLessThanOrEqual(NOW);
    }
    // last_login is the latest success, and a recent one is in the log.
    for (const u of Object.values(a.users)) {
      const successes = a.auth_log.filter((e) => e.user_id === u.user_id && e.result === 'success');
      const latest = Math.max(...successes.map((e) => Math.floor(e.timestamp_ms / 1000)));
      if (u.last_login !== null && u.last_login > NOW_SEC - 180 * DAY) expect(latest).toBe(u.last_login);
      if (u.last_login === null) expect(successes).toHaveLength(0);
    }
  }
}

describe('allocate', () => {
  it.each([
    { n: 10, w: { a: 50, b: 50 }, one: false, want: { a: 5, b: 5 } },
    { n: 3, w: { a: 1, b: 1 }, one: false, want: { a: 2, b: 1 } },
    { n: 7, w: { a: 0, b: 3, c: 1 }, one: false, want: { a: 0, b: 5, c: 2 } },
    { n: 10, w: { a: 97, b: 2, c: 1 }, one: false, want: { a: 10, b: 0, c: 0 } },
    { n: 10, w: { a: 97, b: 2, c: 1 }, one: true, want: { a: 8, b: 1, c: 1 } },
    { n: 2, w: { a: 97, b: 2, c: 1 }, one: true, want: { a: 2, b: 0, c: 0 } },
    { n: 0, w: { a: 1 }, one: true, want: { a: 0 } },
    { n: 5, w: { a: 0, b: 0 }, one: false, want: { a: 0, b: 0 } },
  ])('$n over $w (atLeastOne $one)', ({ n, w, one, want }) => {
    const got = allocate(n, w as Record<string, number>, one);
    expect(got).toEqual(want);
    expect(Object.values(got).reduce((s, c) => s + c, 0)).toBe(Object.values(w).some((x) => x > 0) ? n : 0);
  });

  it('quota returns every label in proportion, shuffled deterministically', () => {
    const a = quota(100, { x: 30, y: 70 }, createRandom(3));
    const b = quota(100, { x: 30, y: 70 }, createRandom(3));
    expect(a).toEqual(b);
    expect(a.filter((l) => l === 'x')).toHaveLength(30);
    expect(a.slice(0, 30).every((l) => l === 'x')).toBe(false);
  });
});

describe('demoState', () => {
  const demo = demoState(createRandom(1), NOW);

  it('is a pure function of its inputs', () => {
    expect(demoState(createRandom(1), NOW)).toEqual(demo);
    expect(demoState(createRandom(2), NOW)).not.toEqual(demo);
  });

  it('has a parent MSP and three named customers with their integrations', () => {
    const parent = demo.accounts[demo.parent_account_id]!;
    expect(parent.name).toBe('Demo MSP');
    expect(Object.values(parent.integrations).map((i) => i.type).sort()).toEqual(['accounts', 'admin', 'auth']);
    const kids = children(demo);
    expect(kids.map((a) => a.name).sort()).toEqual(['Acme Corporation', 'Globex Industries', 'Initech LLC']);
    for (const a of kids) {
      expect(Object.values(a.integrations).map((i) => i.type).sort()).toEqual(['admin', 'auth']);
      expect(Object.keys(a.directories)).toHaveLength(1);
    }
    const users = Object.values(demo.accounts).reduce((n, a) => n + Object.keys(a.users).length, 0);
    expect(users).toBeGreaterThanOrEqual(140);
    expect(users).toBeLessThanOrEqual(160);
  });

  it('keeps its structural invariants', () => checkInvariants(demo));

  it('shows every kind of user in every customer account', () => {
    for (const a of children(demo)) {
      const users = Object.values(a.users);
      const kinds = new Set(users.map((u) => enrollmentOf(a, u)));
      expect([...kinds].sort()).toEqual(Object.keys(ENROLLMENT_MIX).sort());
      expect(new Set(users.map((u) => u.status))).toEqual(new Set(Object.keys(STATUS_MIX)));
      expect(users.some((u) => u.last_login === null)).toBe(true);
      expect(users.some((u) => u.last_login !== null && u.last_login < NOW_SEC - 90 * DAY)).toBe(true);
      expect(users.some((u) => u.last_login !== null && u.last_login > NOW_SEC - 30 * DAY)).toBe(true);
      expect(users.some((u) => Object.keys(u.aliases).length > 0)).toBe(true);
      expect(users.some((u) => u.external_id !== null)).toBe(true);
      const scripts = new Set(users.map((u) => u.push_script?.outcome ?? 'default'));
      expect(scripts).toEqual(new Set(['default', 'deny', 'timeout', 'fraud']));
      const codes = Object.values(a.bypass_codes);
      expect(codes.some((c) => c.expiration === null && c.reuse_count !== null)).toBe(true);
      expect(codes.some((c) => c.reuse_count === null)).toBe(true);
      expect(codes.some((c) => c.expiration !== null && c.expiration < NOW_SEC)).toBe(true);
      expect(codes.some((c) => c.expiration !== null && c.expiration > NOW_SEC)).toBe(true);
      const dir = Object.values(a.directories)[0]!;
      const inDuo = new Set(users.map((u) => u.username));
      expect(Object.keys(dir.users).some((name) => !inDuo.has(name))).toBe(true);
      const results = new Set(a.auth_log.map((e) => e.result));
      expect(results).toEqual(new Set(['success', 'denied', 'fraud']));
      expect(users.find((u) => u.status === 'locked out')?.lockout_reason).toMatch(/Failed Attempts|Not enrolled/);
    }
  });

  it('puts each customer on its own mail domain', () => {
    const domains = children(demo).map((a) => new Set(Object.values(a.users).map((u) => u.email.split('@')[1])));
    for (const d of domains) expect(d.size).toBe(1);
    expect(new Set(domains.map((d) => [...d][0])).size).toBe(3);
  });
});

describe('fleetState', () => {
  it('is a pure function of the spec and clock, seeded by spec.seed', () => {
    const a = fleetState({ accounts: 3, usersPerAccount: 40 }, NOW);
    expect(fleetState({ accounts: 3, usersPerAccount: 40, seed: 1 }, NOW)).toEqual(a);
    expect(fleetState({ accounts: 3, usersPerAccount: 40, seed: 9 }, NOW)).not.toEqual(a);
  });

  it.each([
    { accounts: 0, usersPerAccount: 10 },
    { accounts: 1, usersPerAccount: 0 },
    { accounts: 4, usersPerAccount: 25 },
  ])('builds $accounts x $usersPerAccount', (spec) => {
    const state = fleetState(spec, NOW);
    const kids = children(state);
    expect(kids).toHaveLength(spec.accounts);
    for (const a of kids) expect(Object.keys(a.users)).toHaveLength(spec.usersPerAccount);
    expect(Object.keys(state.accounts[state.parent_account_id]!.users)).toHaveLength(0);
    expect(new Set(kids.map((a) => a.name)).size).toBe(kids.length);
    checkInvariants(state);
  });

  it('names hundreds of accounts distinctly', () => {
    const state = fleetState({ accounts: 450, usersPerAccount: 0 }, NOW);
    const names = children(state).map((a) => a.name);
    expect(new Set(names).size).toBe(450);
  });

  it('follows the documented proportions at scale', () => {
    const state = fleetState({ accounts: 1, usersPerAccount: 3000, seed: 4 }, NOW);
    const a = children(state)[0]!;
    const users = Object.values(a.users);
    const share = (pred: (u: User) => boolean) => (100 * users.filter(pred).length) / users.length;
    for (const [kind, pct] of Object.entries(ENROLLMENT_MIX)) {
      expect(share((u) => enrollmentOf(a, u) === kind)).toBeCloseTo(pct, 0);
    }
    for (const [status, pct] of Object.entries(STATUS_MIX)) expect(share((u) => u.status === status)).toBeCloseTo(pct, 0);
  });
});
