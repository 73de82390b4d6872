import { failures } from '../duo-result.js';
import type { DuoResult, Route } from '../route.js';
import type { Integration } from '../state/types.js';

const GRANT_NAMES: Record<NonNullable<Route['grant']>, string> = {
  read_resource: 'Grant read resource',
  write_resource: 'Grant write resource',
  settings: 'Grant settings',
  info: 'Grant read information',
  read_log: 'Grant read log',
  admins: 'Grant administrators',
  admins_read: 'Grant read administrators',
  integrations: 'Grant applications',
};

/** Whether the grants include `grant`; "Grant administrators" also covers reading them. */
export function holdsGrant(grants: Integration['grants'], grant: NonNullable<Route['grant']>): boolean {
  if (!grants) return false;
  if (grant === 'admins_read') return grants.admins_read === true || grants.admins === true;
  return grants[grant] === true;
}

/**
 * Checks that the signing integration may call the route: its type must match the API family,
 * and an Admin API integration needs the route's grant. A parent's Accounts API key acting on a
 * child holds every Admin grant. Undefined means allowed.
 */
export function authorize(
  route: Route,
  integration: Integration | undefined,
  actingOnChild: boolean,
): Extract<DuoResult, { kind: 'fail' }> | undefined {
  if (route.signed === false || !integration) return undefined;
  const wrongType = failures.forbidden('Wrong integration type for this API.') as Extract<DuoResult, { kind: 'fail' }>;
  if (route.api === 'admin') {
    if (integration.type === 'accounts' && actingOnChild) return undefined;
    if (integration.type !== 'admin') return wrongType;
    if (route.grant && !holdsGrant(integration.grants, route.grant)) {
      return failures.forbidden(
        `This integration lacks the Admin API permission "${GRANT_NAMES[route.grant]}".`,
      ) as Extract<DuoResult, { kind: 'fail' }>;
    }
    return undefined;
  }
  return integration.type === route.api ? undefined : wrongType;
}
