import type { BypassRiskIndex } from './bypass-risk-index.js';
import { classifyUser, type ClassifyOptions } from './classify-user.js';
import { countUser, emptyCounts } from './coverage-counts.js';
import { coverageStatus } from './coverage-status.js';
import type { CoverageCounts, CoverageUser, NoMfaUser } from './coverage-types.js';

/** Options of a tally. */
export interface TallyOptions extends Omit<ClassifyOptions, 'bypass'> {
  /** The reference time, epoch ms. */
  nowMs: number;
  /** The account's risky bypass codes when already complete; otherwise join them later with `joinBypass`. */
  bypass?: BypassRiskIndex | undefined;
  /** Pages of ids kept for de-duplicating users with MFA. Default 2. */
  dedupeWindowPages?: number | undefined;
  /** Also keep every MFA user's id (snapshot diffs need them; memory then grows by one id per user). */
  keepMfaUserIds?: boolean | undefined;
}

/**
 * Streaming aggregation of one account's users, page by page. It keeps counters, the users without
 * MFA, and the ids of the last few pages: memory grows with users without MFA only.
 *
 * Bypass codes are joined by user_id. Users added before the account's bypass-code index is
 * complete are not held back: each leaves its id (with MFA users only until the join), and
 * `joinBypass` settles them, so pages are released as soon as they are counted.
 *
 * Users are de-duplicated by user_id: exactly for users without MFA (they are kept anyway), and
 * within a window of recent pages for the rest. Offset paging repeats a user only when the list
 * shifts under the scan (a user before it deleted), which moves it by less than a page per deletion,
 * into the next page; the window (two pages by default) catches that without holding every id.
 */
export class CoverageTally {
  private readonly counts: CoverageCounts = emptyCounts();
  private readonly noMfa = new Map<string, NoMfaUser>();
  private readonly window: Array<Set<string>> = [];
  private readonly windowPages: number;
  private bypass: BypassRiskIndex | undefined;
  /** MFA users counted before the bypass join (users without MFA are found in `noMfa`). */
  private unjoined: string[] | undefined;
  private readonly mfaIds: Set<string> | undefined;
  /** Users dropped as already counted. */
  duplicates = 0;
  /** Pages added. */
  pages = 0;

  constructor(private readonly options: TallyOptions) {
    this.windowPages = Math.max(1, Math.floor(options.dedupeWindowPages ?? 2));
    this.window.push(new Set());
    this.bypass = options.bypass;
    if (!this.bypass) this.unjoined = [];
    if (options.keepMfaUserIds) this.mfaIds = new Set();
  }

  /** Adds one page of users (in list order); returns how many were new. */
  addPage(users: readonly CoverageUser[]): number {
    this.pages += 1;
    let added = 0;
    for (const user of users) if (this.add(user)) added += 1;
    this.window.push(new Set());
    if (this.window.length > this.windowPages + 1) this.window.shift();
    return added;
  }

  /** Joins the account's complete bypass-code index: settles users counted so far and judges later ones with it. */
  joinBypass(index: BypassRiskIndex): void {
    if (this.bypass) throw new Error('bypass codes already joined');
    this.bypass = index;
    const mark = (id: string) => {
      if (index.get(id) === undefined) return;
      this.counts.riskyBypass += 1;
      const entry = this.noMfa.get(id);
      if (entry) entry.riskyBypass = true;
    };
    for (const id of this.unjoined ?? []) mark(id);
    for (const id of this.noMfa.keys()) mark(id);
    this.unjoined = undefined;
  }

  /** The counts so far (treat as read-only). */
  get totals(): CoverageCounts {
    return this.counts;
  }

  /** Ids of the users with MFA, sorted, when `keepMfaUserIds` was set. */
  mfaUserIds(): string[] | undefined {
    return this.mfaIds ? [...this.mfaIds].sort(compare) : undefined;
  }

  /** Users without MFA, sorted by username then user_id. */
  usersWithoutMfa(): NoMfaUser[] {
    return [...this.noMfa.values()].sort((a, b) => compare(a.username, b.username) || compare(a.user_id, b.user_id));
  }

  private add(user: CoverageUser): boolean {
    const id = user?.user_id;
    if (typeof id !== 'string' || id === '') return false;
    if (this.noMfa.has(id) || this.mfaIds?.has(id) || this.window.some((page) => page.has(id))) {
      this.duplicates += 1;
      return false;
    }
    const coverage = classifyUser(user, this.options.nowMs, {
      countU2f: this.options.countU2f,
      staleDays: this.options.staleDays,
      bypass: this.bypass?.get(id),
    });
    countUser(this.counts, coverage);
    if (coverage.mfa) {
      this.window[this.window.length - 1]!.add(id);
      this.unjoined?.push(id);
      this.mfaIds?.add(id);
    } else {
      this.noMfa.set(id, {
        user_id: id,
        username: String(user.username ?? ''),
        email: typeof user.email === 'string' ? user.email : null,
        status: coverageStatus(user.status),
        last_login: typeof user.last_login === 'number' ? user.last_login : null,
        riskyBypass: coverage.riskyBypass,
      });
    }
    return true;
  }
}

// Code-unit order: stable across locales and machines, unlike localeCompare.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
