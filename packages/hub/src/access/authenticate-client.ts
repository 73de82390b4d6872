import { setTimeout as sleep } from 'node:timers/promises';
import type { HubContext } from '../hub-context.js';
import { hashApiToken } from './api-token.js';
import { throttleKey } from './throttle-key.js';
import { tokenThrottleFor } from './token-throttle.js';
import type { TokenCheck } from './token-check.js';
import { checkToken } from './token-service.js';

/**
 * The actor behind a token presented over HTTP, with failed attempts throttled per client address
 * (see `TokenThrottle`). A refusal for an unknown, revoked or expired token, and `unknown` for an
 * attempt refused by the throttle: the caller answers them alike, so a throttled client learns nothing more.
 * `address` is undefined for in-process calls (the CLI on the store, `app.fetch` in tests), which
 * come from this process rather than from a guesser on the network and are not throttled.
 */
export async function authenticateClient(hub: HubContext, token: string, address: string | undefined): Promise<TokenCheck> {
  if (address === undefined) return checkToken(hub, token);
  const throttle = tokenThrottleFor(hub);
  const key = throttleKey(address);
  const admission = throttle.admit(key, hub.now().getTime());
  const hash = hashApiToken(token);
  if (admission === 'refuse') {
    // Only a token that already worked from this address is looked up during a flood.
    return throttle.trusts(key, hash) ? checkToken(hub, token) : { refused: 'unknown' };
  }
  let check: TokenCheck;
  try {
    check = await checkToken(hub, token);
  } catch (error) {
    throttle.release(key, admission, false);
    throw error;
  }
  if ('actor' in check) {
    throttle.release(key, admission, false);
    throttle.trust(key, hash);
    return check;
  }
  // The wait holds one of the address's few slow slots, which is what bounds its guessing rate.
  if (admission === 'slow') await sleep(throttle.options.delayMs);
  throttle.release(key, admission, true);
  if (throttle.shouldWarn(key)) {
    hub.logger.warn(
      { client: key, failures: throttle.failures(key), window_s: throttle.options.windowMs / 1000 },
      'failed token attempts over budget; slowing this client',
    );
  }
  return check;
}
