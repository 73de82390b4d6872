/**
 * Rate-limit classes, after the request-rate figures a Duo engineer quoted (API.md 3.2);
 * `accounts` and `auth` are our own guesses, since Duo publishes none for them.
 */
export type EndpointClass =
  | 'admin_modify'
  | 'admin_get_one'
  | 'admin_get_page'
  | 'admin_get_all'
  | 'admin_logs'
  | 'accounts'
  | 'auth';

/** Every class, in a stable order. */
export const ENDPOINT_CLASSES: readonly EndpointClass[] = [
  'admin_modify',
  'admin_get_one',
  'admin_get_page',
  'admin_get_all',
  'admin_logs',
  'accounts',
  'auth',
];

// Admin collections whose next segment, when present, is an object id.
const COLLECTIONS = new Set([
  'users', 'phones', 'bypass_codes', 'groups', 'tokens', 'integrations', 'admins', 'webauthncredentials', 'u2ftokens', 'desktopauthenticators',
  'administrative_units', 'policies', 'endpoints', 'registered_devices', 'blocked', 'activations', 'desktoptokens', 'shared_device_auth',
]);

/**
 * The class of a raw call, for `client.request()` where no resource method declared one:
 * writes are `admin_modify`; GETs of a collection are pages, of an id or a singleton are `get_one`.
 */
export function classifyEndpoint(method: string, path: string): EndpointClass {
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  if (segments[0] === 'accounts') return 'accounts';
  if (segments[0] === 'auth') return 'auth';
  if (segments[0] !== 'admin') return 'admin_get_one';
  if (segments[2] === 'logs') return 'admin_logs';
  if (method.toUpperCase() !== 'GET') return 'admin_modify';
  const rest = segments.slice(2);
  const last = rest[rest.length - 1];
  return last !== undefined && COLLECTIONS.has(last) ? 'admin_get_page' : 'admin_get_one';
}
