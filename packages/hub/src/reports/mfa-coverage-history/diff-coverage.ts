import type { NoMfaUser } from '../mfa-coverage/index.js';

/** One account of a snapshot, as a diff reads it. */
export interface DiffSide {
  account_id: string;
  organization_id: string | null;
  name: string;
  status: 'ok' | 'failed';
  usersWithoutMfa: readonly NoMfaUser[];
  /** Ids of the users with MFA; null when the snapshot did not keep them. */
  mfaUserIds: readonly string[] | null;
}

/** A user in a diff. */
export interface DiffUser {
  user_id: string;
  username: string;
  email: string | null;
  status: string;
}

/** What changed for one account between two snapshots. */
export interface AccountDiff {
  account_id: string;
  organization_id: string | null;
  name: string;
  /** False when either snapshot lacks the account or could not scan it: only `new_without_mfa` is then filled (from the later one). */
  comparable: boolean;
  /** Had MFA before, has none now. */
  lost_mfa: DiffUser[];
  /** Had no MFA before, has it now. */
  gained_mfa: DiffUser[];
  /** Without MFA now and not a user before (or the account was not comparable). */
  new_without_mfa: DiffUser[];
  /** Without MFA before and no longer a user. */
  removed_without_mfa: DiffUser[];
}

const user = (u: NoMfaUser): DiffUser => ({ user_id: u.user_id, username: u.username, email: u.email, status: u.status });
const byName = (a: DiffUser, b: DiffUser) => (a.username < b.username ? -1 : a.username > b.username ? 1 : a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0);

/**
 * The change of one account. A user without MFA only in the later snapshot lost MFA when the earlier
 * one counted them with MFA, and is new otherwise; one without MFA only in the earlier snapshot
 * gained MFA when the later one counts them with MFA, and was removed otherwise.
 */
export function diffAccount(from: DiffSide | undefined, to: DiffSide | undefined): AccountDiff | undefined {
  const ref = to ?? from;
  if (!ref) return undefined;
  const out: AccountDiff = {
    account_id: ref.account_id,
    organization_id: ref.organization_id,
    name: ref.name,
    comparable: false,
    lost_mfa: [],
    gained_mfa: [],
    new_without_mfa: [],
    removed_without_mfa: [],
  };
  if (!to || to.status !== 'ok') return out;
  if (!from || from.status !== 'ok') {
    out.new_without_mfa = to.usersWithoutMfa.map(user).sort(byName);
    return out;
  }
  out.comparable = true;
  const fromNo = new Set(from.usersWithoutMfa.map((u) => u.user_id));
  const toNo = new Set(to.usersWithoutMfa.map((u) => u.user_id));
  const fromMfa = new Set(from.mfaUserIds ?? []);
  const toMfa = new Set(to.mfaUserIds ?? []);
  for (const u of to.usersWithoutMfa) {
    if (fromNo.has(u.user_id)) continue;
    (fromMfa.has(u.user_id) ? out.lost_mfa : out.new_without_mfa).push(user(u));
  }
  for (const u of from.usersWithoutMfa) {
    if (toNo.has(u.user_id)) continue;
    (toMfa.has(u.user_id) ? out.gained_mfa : out.removed_without_mfa).push(user(u));
  }
  for (const list of [out.lost_mfa, out.gained_mfa, out.new_without_mfa, out.removed_without_mfa]) list.sort(byName);
  return out;
}

/** Every account of either snapshot, in the later snapshot's order, then accounts only the earlier had. */
export function diffCoverage(from: readonly DiffSide[], to: readonly DiffSide[]): AccountDiff[] {
  const fromById = new Map(from.map((s) => [s.account_id, s]));
  const toIds = new Set(to.map((s) => s.account_id));
  const out: AccountDiff[] = [];
  for (const side of to) out.push(diffAccount(fromById.get(side.account_id), side)!);
  for (const side of from) if (!toIds.has(side.account_id)) out.push(diffAccount(side, undefined)!);
  return out;
}
