import type { CoverageBypassCode } from './coverage-types.js';

/** What one bypass code means for coverage. */
export interface CodeRisk {
  /** Usable now: not past its expiration. */
  live: boolean;
  neverExpires: boolean;
  unlimitedReuse: boolean;
  /** Live, and never expires or can be reused without limit. */
  risky: boolean;
}

/**
 * Judges one code's metadata at `nowMs`. Duo reports `expiration: null` for a code that never
 * expires and `reuse_count: null` for unlimited reuse; a field that is missing altogether is read
 * the same way, since a security report should flag what it cannot rule out. An expired code is
 * dead whatever its reuse count. `reuse_count: 0` means no uses left (Duo's 0-means-unlimited
 * applies to the create parameter, not to the metadata).
 */
export function bypassCodeRisk(code: CoverageBypassCode, nowMs: number): CodeRisk {
  const expiration = code.expiration;
  const neverExpires = expiration === null || expiration === undefined;
  const live = neverExpires || (typeof expiration === 'number' && expiration * 1000 > nowMs);
  const unlimitedReuse = code.reuse_count === null || code.reuse_count === undefined;
  return { live, neverExpires, unlimitedReuse, risky: live && (neverExpires || unlimitedReuse) };
}
