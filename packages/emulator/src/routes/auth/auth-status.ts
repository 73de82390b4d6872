import { authAuthStatus } from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { reject, requireString } from '../../params/read-param.js';
import { defineRoute } from '../../route.js';
import { transactionStatus, waitForTransaction } from '../../auth/auth-transactions.js';
import { authTuning } from '../../auth/auth-tuning.js';
import { withAuthDelayed } from '../../auth/with-auth-delayed.js';

/**
 * `GET /auth/v2/auth_status`: long-polls a transaction: answers as soon as it resolves, or
 * `waiting` after the long-poll limit (25 s by default), with `auth_delayed` as the `authDelayed`
 * option says. Unknown txid -> 400/40002.
 */
export const authStatusRoute = defineRoute({
  endpoint: authAuthStatus,
  async handle(ctx) {
    const txid = requireString(ctx.params, 'txid');
    const tx = ctx.account.transactions[txid];
    if (!tx) reject(failures.invalidParam('txid'));
    await waitForTransaction(ctx.account, tx, authTuning(ctx).authLongPollMs, ctx.now, ctx.request.signal);
    return ok(withAuthDelayed(transactionStatus(tx), ctx.options.authDelayed));
  },
});
