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
        { id: 'no_mfa', label: 'Without MFA', count: counts.no_mfa, percent: pct.no_mfa },
        { id: 'active_no_mfa', label: 'Active users without MFA', count: counts.no_mfa_by_status.active, percent: share(counts.no_mfa_by_status.active, counts.users) },
      ],
    },
    {
      title: 'Strongest factor',
      rows: [
        { id: 'webauthn', label: 'WebAuthn', count: counts.factor_class.webauthn, percent: pct.factor_class.webauthn },
        { id: 'push_capable', label: 'Push-capable', count: counts.factor_class.push_capable, percent: pct.factor_class.push_capable },
        { id: 'hardware_token', label: 'Hardware token', count: counts.factor_class.hardware_token, percent: pct.factor_class.hardware_token },
        { id: 'sms_voice_only', label: 'SMS/voice only', count: counts.factor_class.sms_voice_only, percent: pct.factor_class.sms_voice_only },
        { id: 'none', label: 'None', count: counts.factor_class.none, percent: pct.factor_class.none },
      ],
    },
    {
      title: 'Risks',
      rows: [
        { id: 'bypass', label: 'Bypass status', count: counts.status.bypass, percent: pct.status.bypass },
        { id: 'locked_out', label: 'Locked out', count: counts.status.locked_out, percent: pct.status.locked_out },
        { id: 'never_logged_in', label: 'Never logged in', count: counts.never_logged_in, percent: pct.never_logged_in },
        { id: 'stale', label: 'Stale (no login in 90 days)', count: counts.stale, percent: pct.stale },
        { id: 'risky_bypass', label: 'Risky bypass codes', count: counts.risky_bypass, percent: pct.risky_bypass },
      ],
    },
  ];
}
