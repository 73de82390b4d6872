import type { CoverageStatus } from './coverage-types.js';

// Duo's own spellings first (a plain lookup per user), then the normalized forms.
const STATUSES: Record<string, CoverageStatus> = {
  active: 'active',
  bypass: 'bypass',
  disabled: 'disabled',
  'locked out': 'locked_out',
  'pending deletion': 'pending_deletion',
  locked_out: 'locked_out',
  pending_deletion: 'pending_deletion',
};

/**
 * Duo's status string in report form. Duo writes `locked out` and `pending deletion` with a space;
 * case and space/underscore/hyphen variants are accepted so a format change does not hide users.
 */
export function coverageStatus(status: string | undefined | null): CoverageStatus {
  if (typeof status !== 'string') return 'unknown';
  if (Object.hasOwn(STATUSES, status)) return STATUSES[status]!;
  const key = status.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return Object.hasOwn(STATUSES, key) ? STATUSES[key]! : 'unknown';
}
