import type { PushScript } from './types.js';

/** A verification push sent through the Admin API, resolved by the user's push script. */
export interface VerificationPush {
  push_id: string;
  user_id: string;
  phone_id: string;
  sent_at_ms: number;
  /** Epoch ms when the user's (scripted) answer arrives. */
  resolve_at_ms: number;
  outcome: PushScript['outcome'];
}

/** An identity verification inquiry, resolved by the user's push script like a push. */
export interface IdentityVerification {
  inquiry_id: string;
  user_id: string;
  created_ms: number;
  resolve_at_ms: number;
  outcome: PushScript['outcome'];
  /** Set when cancelled before it resolved. */
  canceled_at_ms?: number;
}

/** What `verification_push_response` says at `nowMs`: `waiting` until the scripted answer arrives. */
export function verificationPushResult(push: VerificationPush, nowMs: number): 'waiting' | PushScript['outcome'] {
  return nowMs < push.resolve_at_ms ? 'waiting' : push.outcome;
}

const IDV_STATUS: Record<PushScript['outcome'], 'completed' | 'failed' | 'expired'> = {
  approve: 'completed',
  deny: 'failed',
  fraud: 'failed',
  timeout: 'expired',
};

/** An inquiry's status at `nowMs`: pending, then what the script says; a cancel before then wins. */
export function identityVerificationStatus(
  iv: IdentityVerification,
  nowMs: number,
): 'pending' | 'completed' | 'failed' | 'expired' | 'canceled' {
  if (iv.canceled_at_ms !== undefined && iv.canceled_at_ms < iv.resolve_at_ms) return 'canceled';
  return nowMs < iv.resolve_at_ms ? 'pending' : IDV_STATUS[iv.outcome];
}
