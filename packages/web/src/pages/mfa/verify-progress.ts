/** Where a verification stands, as the page shows it. */
export type VerifyPhase = 'starting' | 'checking' | 'sent' | 'waiting' | 'done';

/** One line of the progress list. */
export interface VerifyStep {
  seq: number;
  type: string;
  at: string;
  text: string;
}

/** Everything the progress panel shows. */
export interface VerifyProgress {
  phase: VerifyPhase;
  steps: VerifyStep[];
  /** The last `waiting` status (`pushed`, `calling`...), for the live line. */
  status: string | null;
  outcome: string | null;
  verified: boolean;
  reason: string | null;
  enrollUrl: string | null;
}

/** Before the first event. */
export const INITIAL_PROGRESS: VerifyProgress = { phase: 'starting', steps: [], status: null, outcome: null, verified: false, reason: null, enrollUrl: null };

/** What each outcome means for the person watching. */
export const OUTCOME_TEXT: Record<string, string> = {
  approved: 'Approved: the user confirmed it is them.',
  denied: 'Denied: the user rejected the request (or the passcode was wrong).',
  timed_out: 'Timed out: no answer in time.',
  fraud: 'Reported as fraud by the user.',
  allowed: 'Allowed without a second factor (Duo bypass); the user did not prove anything.',
  refused: 'Refused by Duo (the user is disabled or locked out).',
  enroll: 'The user has no device yet and must enroll first.',
  unknown_user: "No Duo user has this username in the organization's Duo account.",
  sms_sent: 'SMS passcodes were sent; verify again with factor passcode.',
  rate_limited: 'Too many pushes or passcode attempts for this user recently.',
  cooldown: 'Pushes to this user are paused after a denial.',
  factor_unavailable: 'The user has no device that offers this factor.',
  error: 'The verification failed with an error.',
};

/** Whether an outcome is good (approved), neutral (allowed, SMS sent) or bad, for colour and wording. */
export function outcomeTone(outcome: string | null): 'ok' | 'warn' | 'error' | 'none' {
  if (outcome === null) return 'none';
  if (outcome === 'approved') return 'ok';
  if (outcome === 'allowed' || outcome === 'sms_sent' || outcome === 'enroll') return 'warn';
  return 'error';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function describe(type: string, d: Record<string, unknown>): string {
  switch (type) {
    case 'preauth': {
      const result = str(d.result);
      const devices = Array.isArray(d.devices) ? d.devices.length : 0;
      if (result === 'auth') return `Duo knows the user: ${devices} device${devices === 1 ? '' : 's'} available.`;
      return `Preauth answered ${result || 'nothing'}${d.status_msg ? `: ${str(d.status_msg)}` : ''}.`;
    }
    case 'sent': {
      const info = d.push_info && typeof d.push_info === 'object' ? Object.entries(d.push_info as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`) : [];
      const what = str(d.factor) === 'push' ? 'Push sent' : str(d.factor) === 'phone' ? 'Call placed' : `Request sent (${str(d.factor) || 'factor'})`;
      return `${what} to device ${str(d.device) || 'auto'}${info.length ? ` with ${info.join(', ')}` : ''}.`;
    }
    case 'waiting':
      return `Waiting (${str(d.status) || 'waiting'})${d.status_msg ? `: ${str(d.status_msg)}` : ''}`;
    case 'result': {
      const outcome = str(d.outcome);
      return `Result: ${outcome}${d.reason ? ` (${str(d.reason)})` : ''}`;
    }
    default:
      return type;
  }
}

/**
 * Folds one event of `/api/verify/{id}/events` into the progress. Events carry `seq`; a replayed
 * one (after a reconnect) is ignored, and nothing changes after the result.
 */
export function applyVerifyEvent(p: VerifyProgress, type: string, data: unknown): VerifyProgress {
  const d = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const seq = typeof d.seq === 'number' ? d.seq : p.steps.length + 1;
  if (p.phase === 'done' || p.steps.some((s) => s.seq === seq)) return p;
  const steps = [...p.steps, { seq, type, at: str(d.at), text: describe(type, d) }];
  switch (type) {
    case 'preauth':
      return { ...p, steps, phase: 'checking', enrollUrl: str(d.enroll_portal_url) || p.enrollUrl };
    case 'sent':
      return { ...p, steps, phase: 'sent' };
    case 'waiting':
      return { ...p, steps, phase: 'waiting', status: str(d.status) || p.status };
    case 'result':
      return {
        ...p,
        steps,
        phase: 'done',
        outcome: str(d.outcome) || 'error',
        verified: d.verified === true,
        reason: str(d.reason) || null,
        enrollUrl: str(d.enroll_portal_url) || p.enrollUrl,
      };
    default:
      return { ...p, steps };
  }
}

/** The one live line: what is happening now, or how it ended. */
export function progressHeadline(p: VerifyProgress): string {
  switch (p.phase) {
    case 'starting':
      return 'Starting…';
    case 'checking':
      return 'Checking the user with Duo…';
    case 'sent':
      return 'Sent; waiting for Duo…';
    case 'waiting':
      return p.status === 'calling' ? 'Calling the user; waiting for an answer…' : 'Pushed; waiting for the user to answer…';
    case 'done':
      return OUTCOME_TEXT[p.outcome ?? ''] ?? `Finished: ${p.outcome}`;
  }
}
