import { bypassCodeRisk } from './bypass-code-risk.js';
import type { BypassRisk, CoverageBypassCode } from './coverage-types.js';

/**
 * Bypass-code metadata streamed in once per account and reduced, by user_id, to the users holding
 * risky codes; harmless codes are dropped as they arrive, so memory follows the risky users only.
 */
export class BypassRiskIndex {
  private readonly risky = new Map<string, BypassRisk>();
  private readonly seen = new Set<string>();
  /** Codes read, duplicates included. */
  codes = 0;

  constructor(private readonly nowMs: number) {}

  /** Reads one code's metadata. A code listed twice (the list shifted while paging) counts once. */
  add(code: CoverageBypassCode & { bypass_code_id?: string | undefined }): void {
    this.codes += 1;
    const userId = code.user?.user_id;
    if (typeof userId !== 'string' || userId === '') return;
    const risk = bypassCodeRisk(code, this.nowMs);
    if (!risk.risky) return;
    if (typeof code.bypass_code_id === 'string') {
      if (this.seen.has(code.bypass_code_id)) return;
      this.seen.add(code.bypass_code_id);
    }
    const entry = this.risky.get(userId) ?? { neverExpiring: 0, unlimitedReuse: 0 };
    if (risk.neverExpires) entry.neverExpiring += 1;
    if (risk.unlimitedReuse) entry.unlimitedReuse += 1;
    this.risky.set(userId, entry);
  }

  /** The user's risky codes, or undefined when they hold none. */
  get(userId: string): BypassRisk | undefined {
    return this.risky.get(userId);
  }

  /** Users holding at least one risky code. */
  get size(): number {
    return this.risky.size;
  }
}
