// `.js`, not `.ts`: unit tests typecheck this file under NodeNext, which refuses `.ts` specifiers.
import type { CheckReport, Kind } from './integration-types.js';

/** A form field Duo's answer points at: `<kind>.api_host`, `<kind>.integration_key` or `<kind>.secret_key`. */
export type RejectedField = `${Kind}.${'api_host' | 'integration_key' | 'secret_key'}`;

/** Which field a failed check points at; statuses that no field explains (unreachable, clock skew, grants) point nowhere. */
const FIELD_OF: Record<string, 'api_host' | 'integration_key' | 'secret_key'> = {
  wrong_host: 'api_host',
  wrong_integration_key: 'integration_key',
  wrong_application_type: 'integration_key',
  wrong_secret_key: 'secret_key',
};

/**
 * The fields Duo rejected, in form order (Admin, Accounts, Auth; host, key, secret), with the check's
 * message for each: the form marks them invalid, describes them with the message and focuses the first.
 */
export function rejectedFields(report: CheckReport): Array<{ field: RejectedField; message: string }> {
  const order = ['admin', 'accounts', 'auth'];
  return report.sets
    .filter((s) => !s.ok && FIELD_OF[s.status] !== undefined)
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .map((s) => ({ field: `${s.kind}.${FIELD_OF[s.status]!}` as RejectedField, message: s.message }));
}
