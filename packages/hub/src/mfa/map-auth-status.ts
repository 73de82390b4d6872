/** How a verification ends. `approved` is the only outcome where the user proved who they are. */
export type VerifyOutcome =
  | 'approved'
  | 'denied'
  | 'timed_out'
  | 'fraud'
  | 'allowed'
  | 'refused'
  | 'enroll'
  | 'unknown_user'
  | 'sms_sent'
  | 'rate_limited'
  | 'cooldown'
  | 'factor_unavailable'
  | 'error';

/** An Auth API answer (`auth_status` or `auth`) read as "still waiting" or a final outcome. */
export type AuthStatusReading = { final: false; status: string; statusMsg: string } | { final: true; outcome: VerifyOutcome; reason: string };

/**
 * Reads Duo's `{ result, status, status_msg }`: `waiting` keeps polling; `allow` approves (or, with
 * status `bypass`, allows without a factor); `deny` is split by status into timeout, fraud, SMS
 * passcodes sent, locked out, and a plain denial (which includes a wrong passcode).
 */
export function mapAuthStatus(answer: { result?: unknown; status?: unknown; status_msg?: unknown }): AuthStatusReading {
  const result = typeof answer.result === 'string' ? answer.result : '';
  const status = typeof answer.status === 'string' ? answer.status : '';
  const statusMsg = typeof answer.status_msg === 'string' ? answer.status_msg : '';
  const reason = statusMsg || status || result;
  if (result === 'waiting') return { final: false, status, statusMsg };
  if (result === 'allow') return { final: true, outcome: status === 'bypass' ? 'allowed' : 'approved', reason };
  if (result === 'deny') {
    switch (status) {
      case 'timeout':
        return { final: true, outcome: 'timed_out', reason };
      case 'fraud':
        return { final: true, outcome: 'fraud', reason };
      case 'sent':
        return { final: true, outcome: 'sms_sent', reason };
      case 'locked_out':
        return { final: true, outcome: 'refused', reason };
      default:
        return { final: true, outcome: 'denied', reason };
    }
  }
  return { final: true, outcome: 'error', reason: `unexpected answer from Duo (result ${JSON.stringify(result).slice(0, 40)})` };
}
