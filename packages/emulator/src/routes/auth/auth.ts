import { authAuth } from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { optionalBool, optionalEnum, reject } from '../../params/read-param.js';
import { defineRoute } from '../../route.js';
import { startTransaction, transactionStatus, waitForTransaction } from '../../auth/auth-transactions.js';
import { authTuning } from '../../auth/auth-tuning.js';
import { findAuthUser } from '../../auth/find-auth-user.js';
import { planAuth } from '../../auth/plan-auth.js';
import { recordTelephony } from '../../logs/record-telephony.js';

const FACTORS = ['auto', 'push', 'passcode', 'phone', 'sms'] as const;

/**
 * `POST /auth/v2/auth`: one authentication attempt. `async=1` answers `{txid}` at once; otherwise the
 * call blocks until the outcome (a push or call resolves when the user's push script says). Every
 * attempt writes one authentication-log row when it resolves.
 */
export const authRoute = defineRoute({
  endpoint: authAuth,
  nonIdempotent: 'auth.auth',
  async handle(ctx) {
    const { params } = ctx;
    if (!params.has('factor')) reject(failures.missingParam('factor'));
    const factor = optionalEnum(params, 'factor', FACTORS)!;
    const async = optionalBool(params, 'async') ?? false;
    const lookup = findAuthUser(ctx.account, params);
    const plan = planAuth(ctx, lookup, factor, authTuning(ctx).newUserPolicy);
    const tx = startTransaction(ctx.account, plan, {
      integration_key: ctx.integration?.integration_key ?? '',
      ip: params.get('ipaddr') ?? null,
      hostname: params.get('hostname') ?? null,
      nowMs: ctx.now(),
      random: ctx.random,
    });
    // A call or a text of passcodes is billed and logged as telephony, tied to the attempt.
    const phone = plan.device === null ? undefined : ctx.account.phones[plan.device];
    if (phone && (plan.log.factor === 'phone_call' || plan.log.factor === 'sms_refresh')) {
      recordTelephony(ctx, { type: plan.log.factor === 'phone_call' ? 'phone' : 'sms', phone: phone.number, context: 'authentication', txid: tx.txid });
    }
    if (async) return ok({ txid: tx.txid });
    await waitForTransaction(ctx.account, tx, Number.POSITIVE_INFINITY, ctx.now, ctx.request.signal);
    const status = transactionStatus(tx);
    return ok(status);
  },
});
