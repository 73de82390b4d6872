import type { Actor } from '../access/actor.js';
import type { HubContext } from '../hub-context.js';

/** Hono environment of every hub route: the hub services, the authenticated actor, metrics labels. */
export interface HubEnv {
  Variables: {
    hub: HubContext;
    /** Set by the auth middleware on every `/api` route that needs a token. */
    actor: Actor;
    /** The declared route (e.g. `/api/integrations/{id}`) for metrics and logs; `unmatched` when none. */
    routeLabel: string;
    requestId: string;
  };
}
