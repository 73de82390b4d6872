import type { HandlerContext } from '../route.js';
import type { PushScript } from '../state/types.js';

/** Auth API timing and policy knobs the emulator options may carry. */
export interface AuthTuning {
  /** Longest an `auth_status` call waits for a change before answering `waiting`. Default 25,000 ms. */
  authLongPollMs: number;
  /** What unknown and unenrolled users get when their Auth API integration sets no policy. Default enroll. */
  newUserPolicy: 'enroll' | 'deny';
}

/** A push to a user with no `push_script`: approved after a short, human-free delay. */
export const DEFAULT_PUSH: PushScript = { outcome: 'approve', afterMs: 50 };

const DEFAULTS: AuthTuning = { authLongPollMs: 25_000, newUserPolicy: 'enroll' };

/**
 * The tuning in force for a call: the emulator options `authLongPollMs` and `newUserPolicy`, with the
 * integration's `new_user_policy` above all for the policy.
 */
export function authTuning(ctx: Pick<HandlerContext, 'options' | 'integration'>): AuthTuning {
  const poll = ctx.options.authLongPollMs;
  const policy = ctx.integration?.new_user_policy ?? ctx.options.newUserPolicy;
  return {
    authLongPollMs: typeof poll === 'number' && poll >= 0 ? poll : DEFAULTS.authLongPollMs,
    newUserPolicy: policy === 'deny' || policy === 'enroll' ? policy : DEFAULTS.newUserPolicy,
  };
}
