import { endpointFamily } from './endpoint-family.js';
import { required } from './required.js';
import { t } from './shape.js';

/** Reads need "Grant read resource", writes "Grant write resource". */
const passport = endpointFamily({ api: 'admin', read: 'read_resource', write: 'write_resource' });
const DOCS = 'https://duo.com/docs/adminapi#passport';
const PATH = '/admin/v2/passport/config';

/** Who Duo Passport applies to. */
export const PASSPORT_STATUSES = ['disabled', 'enabled', 'enabled-for-groups', 'enabled-with-exceptions'] as const;

/** A group as the Passport configuration names it. */
const passportGroupShape = t.object({ group_id: t.string(), group_name: t.string() }, { required: ['group_id', 'group_name'] });

/**
 * Browsers Passport supports besides Duo's list: macOS ones by the Apple team id that signed them,
 * Windows ones by the common name of their signing certificate (duo_client_python's test).
 */
export const passportBrowsersShape = t.object(
  {
    macos: t.array(t.object({ team_id: t.string({ minLength: 1 }) }, { required: ['team_id'] })),
    windows: t.array(t.object({ common_name: t.string({ minLength: 1 }) }, { required: ['common_name'] })),
  },
  { additionalProperties: false },
);

/** The Passport configuration as Duo answers it: groups as objects, not ids. */
export const passportConfigShape = t.object(
  {
    enabled_status: t.enum(PASSPORT_STATUSES),
    enabled_groups: t.array(passportGroupShape, { description: 'Groups Passport is on for (enabled-for-groups)' }),
    disabled_groups: t.array(passportGroupShape, { description: 'Groups Passport is off for (enabled-with-exceptions)' }),
    custom_supported_browsers: passportBrowsersShape,
  },
  { required: ['enabled_status', 'enabled_groups', 'disabled_groups', 'custom_supported_browsers'] },
);

/** `GET /admin/v2/passport/config`. */
export const passportGet = passport.get({
  id: 'passport.get',
  summary: 'Get the Duo Passport configuration',
  path: PATH,
  params: {},
  response: passportConfigShape,
  docs: `${DOCS}-retrieve-passport-configuration`,
});

/**
 * `POST /admin/v2/passport/config`: a JSON body (v5) only. A list given replaces the old one; a
 * field left out keeps its value. Sending the same body twice leaves the same configuration.
 */
export const passportUpdate = passport.write({
  id: 'passport.update',
  summary: 'Modify the Duo Passport configuration',
  path: PATH,
  idempotent: true,
  body: 'json',
  params: {
    enabled_status: required(t.enum(PASSPORT_STATUSES, { description: 'Who Passport applies to' })),
    enabled_groups: t.array(t.string({ minLength: 1 }), { description: 'group_id values Passport is on for, when enabled-for-groups' }),
    disabled_groups: t.array(t.string({ minLength: 1 }), { description: 'group_id values Passport is off for, when enabled-with-exceptions' }),
    custom_supported_browsers: { ...passportBrowsersShape, description: 'Extra browsers Passport supports, per platform' },
  },
  response: passportConfigShape,
  docs: `${DOCS}-modify-passport-configuration`,
});

/** Both Passport endpoints. */
export const passportEndpoints = [passportGet, passportUpdate] as const;
