import { authEnrollStatus } from '@duohub/sdk';
import { ok } from '../../duo-result.js';
import { requireString } from '../../params/read-param.js';
import { defineRoute } from '../../route.js';

/**
 * `POST /auth/v2/enroll_status`: a bare string. `success` once the enrollment (or the phone it made)
 * is activated, `waiting` until then, `invalid` for an unknown, mismatched or expired code.
 */
export const enrollStatusRoute = defineRoute({
  endpoint: authEnrollStatus,
  handle(ctx) {
    const userId = requireString(ctx.params, 'user_id');
    const code = requireString(ctx.params, 'activation_code').replace(/^duo:\/\//, '');
    const enrollment = ctx.account.enrollments[code];
    if (!enrollment || enrollment.user_id !== userId || !ctx.account.users[userId]) return ok('invalid');
    const phone = enrollment.phone_id === undefined ? undefined : ctx.account.phones[enrollment.phone_id];
    if (enrollment.activated || phone?.activated === true) {
      enrollment.activated = true;
      return ok('success');
    }
    if (enrollment.expiration <= Math.floor(ctx.now() / 1000)) return ok('invalid');
    return ok('waiting');
  },
});
