import { failures } from '../duo-result.js';
import { reject, requireString } from '../params/read-param.js';
import type { HandlerContext } from '../route.js';
import { newTxid } from '../state/ids.js';
import type { Account, Phone, PushScript, User } from '../state/types.js';
import { authCapabilities, phoneLogName } from './auth-capabilities.js';
import { AUTH_STATUS } from './auth-messages.js';
import type { AuthPlan } from './auth-transactions.js';
import { DEFAULT_PUSH } from './auth-tuning.js';
import type { AuthUserLookup } from './find-auth-user.js';
import { userStanding } from './user-standing.js';

/** The factors `/auth/v2/auth` accepts. */
export type AuthFactor = 'auto' | 'push' | 'passcode' | 'phone' | 'sms';

type Outcome = PushScript['outcome'];

const PUSH_ANSWERS: Record<Outcome, { answer: AuthPlan['answer']; result: AuthPlan['log']['result']; reason: string }> = {
  approve: { answer: { result: 'allow', ...AUTH_STATUS.allow }, result: 'success', reason: 'user_approved' },
  deny: { answer: { result: 'deny', ...AUTH_STATUS.deny }, result: 'denied', reason: 'user_denied' },
  timeout: { answer: { result: 'deny', ...AUTH_STATUS.timeout }, result: 'denied', reason: 'no_response' },
  fraud: { answer: { result: 'deny', ...AUTH_STATUS.fraud }, result: 'fraud', reason: 'user_marked_fraud' },
};

/**
 * Decides an `/auth` attempt: the answer, when it comes, and the log row. Bypass, disabled and
 * locked-out users are answered as preauth would; pushes and calls follow the user's push script;
 * passcodes accept the user's live bypass codes (consuming a use) and the configured OTP; `sms` sends
 * passcodes and denies. A factor no device of the user supports throws 400/40002 "no capable device",
 * after logging the attempt as an error.
 */
export function planAuth(
  ctx: Pick<HandlerContext, 'account' | 'params' | 'options' | 'now' | 'random' | 'integration'>,
  lookup: AuthUserLookup,
  factor: AuthFactor,
  newUserPolicy: 'enroll' | 'deny',
): AuthPlan {
  const { account, params } = ctx;
  const pushinfo = params.get('pushinfo') ?? null;
  const user = lookup.kind === 'user' ? lookup.user : undefined;
  const who = { user_id: user?.user_id ?? null, username: user?.username ?? (lookup.kind === 'unknown' ? lookup.username : '') };
  const immediate = (
    answer: AuthPlan['answer'],
    log: Pick<AuthPlan['log'], 'factor' | 'result' | 'reason' | 'device'>,
    device: string | null = null,
  ): AuthPlan => ({
    user_id: user?.user_id ?? '',
    factor,
    device,
    delayMs: 0,
    outcome: answer.result === 'allow' ? 'approve' : 'deny',
    answer,
    log: { ...log, ...who },
    pushinfo,
  });

  const standing = userStanding(account, user, newUserPolicy);
  if (standing.kind === 'allow') {
    return immediate({ result: 'allow', ...AUTH_STATUS.bypass }, { factor: 'not_available', result: 'success', reason: standing.reason, device: null });
  }
  if (standing.kind === 'deny') {
    return immediate({ result: 'deny', ...standing.answer }, { factor: 'not_available', result: 'denied', reason: standing.reason, device: null });
  }
  if (user === undefined) {
    return immediate({ result: 'deny', ...AUTH_STATUS.enroll }, { factor: 'not_available', result: 'denied', reason: 'deny_unenrolled_user', device: null });
  }

  if (factor === 'passcode') {
    const passcode = requireString(params, 'passcode');
    return planPasscode(ctx, user, passcode, immediate);
  }

  const { phone, mode } = pickPhone(ctx, user, factor);
  const deviceName = phoneLogName(phone);
  if (mode === 'sms') {
    phone.sms_passcodes_sent = true;
    // Whether and how Duo logs a passcode refill is not documented; a denied `sms_refresh` row keeps
    // the attempt visible without counting as a failure of the user.
    return immediate(
      { result: 'deny', ...AUTH_STATUS.sent },
      { factor: 'sms_refresh', result: 'denied', reason: 'sms_passcodes_sent', device: deviceName },
      phone.phone_id,
    );
  }
  const script = user.push_script ?? DEFAULT_PUSH;
  const outcome = PUSH_ANSWERS[script.outcome];
  return {
    user_id: user.user_id,
    factor,
    device: phone.phone_id,
    delayMs: Math.max(0, script.afterMs),
    outcome: script.outcome,
    answer: outcome.answer,
    waiting: mode === 'push' ? AUTH_STATUS.pushed : AUTH_STATUS.calling,
    log: {
      ...who,
      factor: mode === 'push' ? 'duo_push' : 'phone_call',
      result: outcome.result,
      reason: mode === 'phone' && script.outcome === 'timeout' ? 'no_keys_pressed' : outcome.reason,
      device: deviceName,
    },
    pushinfo,
  };
}

function planPasscode(
  ctx: Pick<HandlerContext, 'account' | 'options' | 'now'>,
  user: User,
  passcode: string,
  immediate: (answer: AuthPlan['answer'], log: Pick<AuthPlan['log'], 'factor' | 'result' | 'reason' | 'device'>) => AuthPlan,
): AuthPlan {
  const { account } = ctx;
  const nowSec = Math.floor(ctx.now() / 1000);
  const denied = (factor: string) =>
    immediate({ result: 'deny', ...AUTH_STATUS.bad_passcode }, { factor, result: 'denied', reason: 'invalid_passcode', device: null });
  const code = Object.values(account.bypass_codes).find((c) => c.user_id === user.user_id && c.code === passcode);
  if (code) {
    if (code.expiration !== null && code.expiration <= nowSec) return denied('bypass_code');
    if (code.reuse_count !== null) {
      code.reuse_count -= 1;
      // A code with no uses left is gone, as Duo removes spent bypass codes.
      if (code.reuse_count <= 0) delete account.bypass_codes[code.bypass_code_id];
    }
    return immediate({ result: 'allow', ...AUTH_STATUS.allow }, { factor: 'bypass_code', result: 'success', reason: 'valid_passcode', device: null });
  }
  if (passcode === ctx.options.otp) {
    const source = passcodeSource(account, user);
    if (source) {
      return immediate({ result: 'allow', ...AUTH_STATUS.allow }, { factor: source.factor, result: 'success', reason: 'valid_passcode', device: source.device });
    }
  }
  return denied('passcode');
}

/** Which device could have produced a passcode: a hardware token, Duo Mobile, or texted passcodes. */
function passcodeSource(account: Account, user: User): { factor: string; device: string } | undefined {
  const token = user.token_ids.map((id) => account.tokens[id]).find((t) => t !== undefined);
  if (token) return { factor: 'hardware_token', device: token.serial };
  const phones = user.phone_ids.map((id) => account.phones[id]).filter((p) => p !== undefined);
  const otp = phones.find((p) => authCapabilities(p).includes('mobile_otp'));
  if (otp) return { factor: 'duo_mobile_passcode', device: phoneLogName(otp) };
  const sms = phones.find((p) => authCapabilities(p).includes('sms'));
  if (sms) return { factor: 'sms_passcode', device: phoneLogName(sms) };
  return undefined;
}

/**
 * The phone a push, call or SMS goes to: the one named by `device` (which must be the user's) or,
 * for `auto`/absent, the first able one; `auto` prefers push over a call.
 */
function pickPhone(
  ctx: Pick<HandlerContext, 'account' | 'params' | 'now' | 'random' | 'integration'>,
  user: User,
  factor: Exclude<AuthFactor, 'passcode'>,
): { phone: Phone; mode: 'push' | 'phone' | 'sms' } {
  const { account, params } = ctx;
  const requested = params.get('device');
  let candidates: Phone[];
  if (requested === undefined || requested === '' || requested === 'auto') {
    candidates = user.phone_ids.map((id) => account.phones[id]).filter((p) => p !== undefined);
  } else {
    const phone = user.phone_ids.includes(requested) ? account.phones[requested] : undefined;
    if (!phone && !user.token_ids.includes(requested)) reject(failures.invalidParam('device'));
    candidates = phone ? [phone] : [];
  }
  const wanted: Array<'push' | 'phone' | 'sms'> = factor === 'auto' ? ['push', 'phone'] : [factor];
  for (const mode of wanted) {
    const phone = candidates.find((p) => authCapabilities(p).includes(mode));
    if (phone) return { phone, mode };
  }
  // The attempt reached Duo and failed for want of a device: it belongs in the log.
  account.auth_log.push({
    txid: newTxid(ctx.random),
    timestamp_ms: ctx.now(),
    user_id: user.user_id,
    username: user.username,
    factor: factor === 'push' || factor === 'auto' ? 'duo_push' : factor === 'phone' ? 'phone_call' : 'sms_refresh',
    result: 'error',
    reason: factor === 'push' || factor === 'auto' ? 'no_activated_duo_mobile_account' : 'error',
    integration_key: ctx.integration?.integration_key ?? '',
    ip: params.get('ipaddr') ?? null,
    hostname: params.get('hostname') ?? null,
    device: null,
  });
  reject({ kind: 'fail', status: 400, code: 40002, message: 'Invalid request parameters', message_detail: 'no capable device' });
}
