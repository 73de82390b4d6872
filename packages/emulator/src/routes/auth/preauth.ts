import { authPreauth } from '@duohub/sdk';
import { ok } from '../../duo-result.js';
import { defineRoute } from '../../route.js';
import { AUTH_STATUS, PREAUTH_MESSAGE } from '../../auth/auth-messages.js';
import { authTuning } from '../../auth/auth-tuning.js';
import { findAuthUser } from '../../auth/find-auth-user.js';
import { userStanding } from '../../auth/user-standing.js';

const HEX = '0123456789abcdef';

/**
 * `POST /auth/v2/preauth`: whether and how a user may authenticate: `allow` (bypass), `deny`
 * (disabled, locked out, or refused by the new-user policy), `enroll` (no usable device, with an
 * enrollment portal URL) or `auth` with the user's devices.
 */
export const preauthRoute = defineRoute({
  endpoint: authPreauth,
  handle(ctx) {
    const lookup = findAuthUser(ctx.account, ctx.params);
    const user = lookup.kind === 'user' ? lookup.user : undefined;
    const standing = userStanding(ctx.account, user, authTuning(ctx).newUserPolicy);
    switch (standing.kind) {
      case 'allow':
        return ok({ result: 'allow', status_msg: AUTH_STATUS.bypass.status_msg });
      case 'deny':
        return ok({ result: 'deny', status_msg: standing.answer.status_msg });
      case 'enroll': {
        let code = '';
        for (let i = 0; i < 16; i++) code += HEX[Math.floor(ctx.random() * 16)];
        const akey = ctx.integration?.integration_key ?? '';
        return ok({
          result: 'enroll',
          status_msg: PREAUTH_MESSAGE.enroll,
          enroll_portal_url: `https://${ctx.account.api_hostname}/portal?code=${code}&akey=${akey}`,
        });
      }
      case 'auth':
        return ok({ result: 'auth', status_msg: PREAUTH_MESSAGE.auth, devices: standing.devices });
    }
  },
});
