import { setTimeout as sleep } from 'node:timers/promises';
import type { HubContext } from '../hub-context.js';
import type { Actor } from './actor.js';
import { hashApiToken } from './api-token.js';
import { throttleKey } from './throttle-key.js';
import { tokenThrottleFor } from './token-throttle.js';
import { authenticateToken } from './token-service.js';

/**
 * The actor behind a token presented over HTTP, with failed attempts throttled per client address
 * (see `TokenThrottle`). Undefined for an unknown or revoked token, and for an attempt refused by
 * the throttle: the caller answers both the same way, so a throttled client learns nothing more.
 * `address` is undefined for in-process calls (the CLI on the store, `app.fetch` in tests), which
 * come from this process rather than from a guesser on the network and are not throttled.
 */
export async function authenticateClient(hub: HubContext, token: string, address: string | undefined): Promise<Actor | undefined> {
  if (address === undefined) return authenticateToken(hub, token);
  const throttle = tokenThrottleFor(hub);
  const key = throttleKey(address);
  const admission = throttle.admit(key, hub.now().getTime());
  const hash = hashApiToken(token);
  if (admission === 'refuse') {
    // Only a token that already worked from this address is looked up during a flood.
    return throttle.trusts(key, hash) ? authenticateToken(hub, token) : undefined;
  }
  let actor: Actor | undefined;
  try {
    actor = await authenticateToken(hub, token);
  } catch (error) {
    throttle.release(key, admission, false);
    throw error;
  }
  if (actor) {
    throttle.release(key, admission, false);
    throttle.trust(key, hash);
    return actor;
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
  return undefined;
}
