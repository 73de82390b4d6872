import type { CoverageCounts, CoveragePercentages } from './coverage-api.js';

/** One figure of the totals: a count and its share of users. */
export interface TotalsRow {
  id: string;
  label: string;
  count: number;
  /** Per cent of users; null where a share means nothing (the user count itself). */
  percent: number | null;
}

/** A titled group of figures. */
export interface TotalsGroup {
  title: string;
  rows: TotalsRow[];
}

const share = (count: number, users: number) => (users > 0 ? Math.round((count * 10_000) / users) / 100 : 0);

/**
 * The fleet (or one organization's) figures grouped for reading: the headline, the strongest factor
 * users hold, and the states that weaken coverage. Percentages come from the hub where it gives them
 * and are computed the same way (two decimals) where it does not (active users without MFA).
 */
export function totalsGroups(counts: CoverageCounts, pct: CoveragePercentages): TotalsGroup[] {
  return [
    {
      title: 'Users',
      rows: [
        { id: 'users', label: 'Users', count: counts.users, percent: null },
        { id: 'mfa', label: 'MFA enabled', count: counts.mfa, percent: pct.mfa },
        { id: 'no_mfa', label: 'Without MFA', count: counts.noMfa, percent: pct.noMfa },
        { id: 'active_no_mfa', label: 'Active users without MFA', count: counts.noMfaByStatus.active, percent: share(counts.noMfaByStatus.active, counts.users) },
      ],
    },
    {
      title: 'Strongest factor',
      rows: [
        { id: 'webauthn', label: 'WebAuthn', count: counts.factorClass.webauthn, percent: pct.factorClass.webauthn },
        { id: 'push_capable', label: 'Push-capable', count: counts.factorClass.push_capable, percent: pct.factorClass.push_capable },
        { id: 'hardware_token', label: 'Hardware token', count: counts.factorClass.hardware_token, percent: pct.factorClass.hardware_token },
        { id: 'sms_voice_only', label: 'SMS/voice only', count: counts.factorClass.sms_voice_only, percent: pct.factorClass.sms_voice_only },
        { id: 'none', label: 'None', count: counts.factorClass.none, percent: pct.factorClass.none },
      ],
    },
    {
      title: 'Risks',
      rows: [
        { id: 'bypass', label: 'Bypass status', count: counts.status.bypass, percent: pct.status.bypass },
        { id: 'locked_out', label: 'Locked out', count: counts.status.locked_out, percent: pct.status.locked_out },
        { id: 'never_logged_in', label: 'Never logged in', count: counts.neverLoggedIn, percent: pct.neverLoggedIn },
        { id: 'stale', label: 'Stale (no login in 90 days)', count: counts.stale, percent: pct.stale },
        { id: 'risky_bypass', label: 'Risky bypass codes', count: counts.riskyBypass, percent: pct.riskyBypass },
      ],
    },
  ];
}
