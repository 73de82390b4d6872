import type { Account, EmulatorState } from '@duohub/emulator';

/** The parts of an account's coverage that must equal the ground truth. */
export interface ExpectedCoverage {
  counts: {
    users: number;
    mfa: number;
    noMfa: number;
    factorClass: Record<string, number>;
    status: Record<string, number>;
    noMfaByStatus: Record<string, number>;
    neverLoggedIn: number;
    stale: number;
    riskyBypass: number;
  };
  percentages: {
    mfa: number;
    noMfa: number;
    factorClass: Record<string, number>;
    status: Record<string, number>;
    neverLoggedIn: number;
    stale: number;
    riskyBypass: number;
  };
  usersWithoutMfa: Array<{ user_id: string; username: string; email: string | null; status: string; last_login: number | null; riskyBypass: boolean }>;
}

const STATUS: Record<string, string> = {
  active: 'active',
  bypass: 'bypass',
  disabled: 'disabled',
  'locked out': 'locked_out',
  'pending deletion': 'pending_deletion',
};
const CLASSES = ['webauthn', 'push_capable', 'hardware_token', 'sms_voice_only', 'none'];
const STATUSES = ['active', 'bypass', 'disabled', 'locked_out', 'pending_deletion', 'unknown'];

/**
 * The coverage report of one account computed directly from the emulator's state model (ids and
 * records, not the Admin API's JSON), written separately from the engine so the two check each other.
 */
export function groundTruth(account: Account, nowMs: number, staleDays = 90): ExpectedCoverage {
  const nowSec = nowMs / 1000;
  const risky = new Set<string>();
  for (const code of Object.values(account.bypass_codes)) {
    if (!account.users[code.user_id]) continue;
    const alive = code.expiration === null || code.expiration > nowSec;
    if (alive && (code.expiration === null || code.reuse_count === null)) risky.add(code.user_id);
  }
  const zero = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 0]));
  const counts: ExpectedCoverage['counts'] = {
    users: 0,
    mfa: 0,
    noMfa: 0,
    factorClass: zero(CLASSES),
    status: zero(STATUSES),
    noMfaByStatus: zero(STATUSES),
    neverLoggedIn: 0,
    stale: 0,
    riskyBypass: 0,
  };
  const noMfa: ExpectedCoverage['usersWithoutMfa'] = [];
  for (const user of Object.values(account.users)) {
    const phones = user.phone_ids.map((id) => account.phones[id]).filter((p) => p !== undefined);
    const tokens = user.token_ids.filter((id) => account.tokens[id] !== undefined);
    let cls = 'none';
    if (user.webauthn.length > 0) cls = 'webauthn';
    else if (phones.some((p) => p.activated && p.capabilities.includes('push'))) cls = 'push_capable';
    else if (tokens.length > 0) cls = 'hardware_token';
    else if (phones.length > 0) cls = 'sms_voice_only';
    const status = STATUS[user.status] ?? 'unknown';
    counts.users += 1;
    counts.factorClass[cls]! += 1;
    counts.status[status]! += 1;
    if (user.last_login === null) counts.neverLoggedIn += 1;
    else if (user.last_login <= nowSec - staleDays * 86_400) counts.stale += 1;
    if (risky.has(user.user_id)) counts.riskyBypass += 1;
    if (cls === 'none') {
      counts.noMfa += 1;
      counts.noMfaByStatus[status]! += 1;
      noMfa.push({ user_id: user.user_id, username: user.username, email: user.email, status, last_login: user.last_login, riskyBypass: risky.has(user.user_id) });
    } else counts.mfa += 1;
  }
  noMfa.sort((a, b) => (a.username === b.username ? (a.user_id < b.user_id ? -1 : 1) : a.username < b.username ? -1 : 1));
  const pct = (n: number) => (counts.users === 0 ? 0 : Math.round((n / counts.users) * 10_000) / 100);
  const pctMap = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, pct(v)]));
  return {
    counts,
    percentages: {
      mfa: pct(counts.mfa),
      noMfa: pct(counts.noMfa),
      factorClass: pctMap(counts.factorClass),
      status: pctMap(counts.status),
      neverLoggedIn: pct(counts.neverLoggedIn),
      stale: pct(counts.stale),
      riskyBypass: pct(counts.riskyBypass),
    },
    usersWithoutMfa: noMfa,
  };
}

/** Ground truth for every child account of the state, keyed by account_id. */
export function fleetGroundTruth(state: EmulatorState, nowMs: number): Map<string, ExpectedCoverage> {
  const out = new Map<string, ExpectedCoverage>();
  for (const account of Object.values(state.accounts)) {
    if (account.parent_id !== null) out.set(account.account_id, groundTruth(account, nowMs));
  }
  return out;
}
