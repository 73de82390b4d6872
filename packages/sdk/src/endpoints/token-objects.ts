import { tokenShape, userSummaryShape } from './objects.js';
import { t } from './shape.js';

/** An administrator as a hardware token lists it (tokens may also serve Duo admins). */
const tokenAdminShape = t.object(
  { admin_id: t.string(), created: t.integer(), email: t.string(), last_login: t.integer({ nullable: true }), name: t.string() },
  { required: ['admin_id'] },
);

/** A hardware token with its users and admins, as the tokens endpoints return it (never its secret). */
export const hardwareTokenShape = t.object(
  { ...tokenShape.properties, users: t.array(userSummaryShape), admins: t.array(tokenAdminShape) },
  { required: ['token_id', 'type', 'serial', 'users'] },
);

/** A U2F security key registration (deprecated by Duo in favour of WebAuthn). */
export const u2fTokenShape = t.object(
  {
    registration_id: t.string(),
    date_added: t.integer({ description: 'Unix seconds' }),
    user: t.object(userSummaryShape.properties, { required: ['user_id', 'username'], nullable: true }),
  },
  { required: ['registration_id', 'date_added'] },
);
