import { endpointFamily } from './endpoint-family.js';
import { emptyAnswer, tokenShape } from './objects.js';
import { hardwareTokenShape, u2fTokenShape } from './token-objects.js';
import { offsetPaging } from './paging-params.js';
import { required } from './required.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/adminapi#otp-hardware-tokens';
const U2F_DOCS = 'https://duo.com/docs/adminapi#u2f-tokens';
const page = offsetPaging(100, 500);
/** Reads need "Grant read resource", writes "Grant write resource". */
const token = endpointFamily({ api: 'admin', read: 'read_resource', write: 'write_resource', page });
const tokenId = t.string({ minLength: 1 });
const userId = t.string({ minLength: 1 });
const registrationId = t.string({ minLength: 1 });

/** Every type Duo reports: HOTP-6/8, YubiKey AES, Duo-D100, TOTP-6/8. */
export const HARDWARE_TOKEN_TYPES = ['h6', 'h8', 'yk', 'd1', 't6', 't8'] as const;
/** The types an administrator may import; Duo-D100 tokens come from Duo already registered. */
export const CREATABLE_TOKEN_TYPES = ['h6', 'h8', 'yk', 't6', 't8'] as const;

// Secrets travel to Duo once, at creation; Duo never returns them.
const hex = (description: string) => t.string({ minLength: 1, pattern: '[0-9a-fA-F]+', description });
const totpStep = t.integer({ minimum: 1, description: 'TOTP time step in seconds (t6/t8; default 30)' });
const otpCode = required(t.string({ pattern: '[0-9]{6,8}', description: 'A passcode shown by the token' }));

/** `GET /admin/v1/tokens`: a page of tokens, or the one token with this type and serial. */
export const tokensList = token.list({
  id: 'tokens.list',
  summary: 'List hardware tokens (type and serial together find one)',
  path: '/admin/v1/tokens',
  params: {
    type: t.enum(HARDWARE_TOKEN_TYPES, { description: 'With serial: look up one token' }),
    serial: t.string({ minLength: 1, description: 'With type: look up one token' }),
  },
  response: t.array(hardwareTokenShape),
  docs: `${DOCS}-retrieve-hardware-tokens`,
});

/** `GET /admin/v1/tokens/{token_id}`. */
export const tokensGet = token.get({
  id: 'tokens.get',
  summary: 'Get one hardware token by id',
  path: '/admin/v1/tokens/{token_id}',
  params: { token_id: tokenId },
  response: hardwareTokenShape,
  docs: `${DOCS}-retrieve-hardware-token-by-id`,
});

/** `POST /admin/v1/tokens`: imports a token; never resent (a second run meets a duplicate serial). */
export const tokensCreate = token.write({
  id: 'tokens.create',
  summary: 'Create (import) a hardware token',
  path: '/admin/v1/tokens',
  idempotent: false,
  params: {
    type: required(t.enum(CREATABLE_TOKEN_TYPES)),
    serial: required(t.string({ minLength: 1, maxLength: 128 })),
    secret: hex('HOTP/TOTP secret, hex (h6, h8, t6, t8)'),
    counter: t.integer({ minimum: 0, description: 'Initial HOTP counter (h6, h8; default 0)' }),
    totp_step: totpStep,
    private_id: hex('YubiKey private id, 12 hex digits (yk)'),
    aes_key: hex('YubiKey AES key, 32 hex digits (yk)'),
  },
  response: hardwareTokenShape,
  docs: `${DOCS}-create-hardware-token`,
});

/** `POST /admin/v1/tokens/{token_id}`: Duo's python client changes a TOTP token's step here. */
export const tokensUpdate = token.write({
  id: 'tokens.update',
  summary: "Modify a hardware token (a TOTP token's time step)",
  path: '/admin/v1/tokens/{token_id}',
  idempotent: true,
  params: { token_id: tokenId, totp_step: totpStep },
  response: hardwareTokenShape,
  docs: `${DOCS}-retrieve-hardware-token-by-id`,
});

/** `POST .../resync`: moves the HOTP counter past three consecutive codes; repeating it fails (the codes are spent). */
export const tokensResync = token.write({
  id: 'tokens.resync',
  summary: 'Resynchronize a HOTP hardware token from three consecutive codes',
  path: '/admin/v1/tokens/{token_id}/resync',
  idempotent: false,
  params: { token_id: tokenId, code1: otpCode, code2: otpCode, code3: otpCode },
  response: emptyAnswer,
  docs: `${DOCS}-resync-hardware-token`,
});

/** `DELETE /admin/v1/tokens/{token_id}`: also detaches it from its users; succeeds when already gone. */
export const tokensDelete = token.remove({
  id: 'tokens.delete',
  summary: 'Delete a hardware token',
  path: '/admin/v1/tokens/{token_id}',
  params: { token_id: tokenId },
  response: emptyAnswer,
  docs: `${DOCS}-delete-hardware-token`,
});

/** `GET /admin/v1/users/{user_id}/tokens`. */
export const usersTokensList = token.list({
  id: 'users.tokens.list',
  summary: "List a user's hardware tokens",
  path: '/admin/v1/users/{user_id}/tokens',
  params: { user_id: userId },
  response: t.array(tokenShape),
  docs: 'https://duo.com/docs/adminapi#retrieve-hardware-tokens-by-user-id',
});

/** `POST /admin/v1/users/{user_id}/tokens`: associating twice changes nothing. */
export const usersTokensAssociate = token.write({
  id: 'users.tokens.associate',
  summary: 'Associate a hardware token with a user',
  path: '/admin/v1/users/{user_id}/tokens',
  idempotent: true,
  params: { user_id: userId, token_id: required(t.string({ minLength: 1 })) },
  response: emptyAnswer,
  docs: 'https://duo.com/docs/adminapi#associate-hardware-token-with-user',
});

/** `DELETE /admin/v1/users/{user_id}/tokens/{token_id}`: the token itself stays. */
export const usersTokensDisassociate = token.remove({
  id: 'users.tokens.disassociate',
  summary: 'Disassociate a hardware token from a user',
  path: '/admin/v1/users/{user_id}/tokens/{token_id}',
  params: { user_id: userId, token_id: tokenId },
  response: emptyAnswer,
  docs: 'https://duo.com/docs/adminapi#disassociate-hardware-token-from-user',
});

/** `GET /admin/v1/u2ftokens`: deprecated by Duo (WebAuthn replaced U2F), still called by its clients. */
export const u2ftokensList = token.list({
  id: 'u2ftokens.list',
  summary: 'List U2F tokens (deprecated: use WebAuthn credentials)',
  path: '/admin/v1/u2ftokens',
  response: t.array(u2fTokenShape),
  deprecated: true,
  docs: `${U2F_DOCS}-retrieve-u2f-tokens`,
});

/** `GET /admin/v1/u2ftokens/{registration_id}` (deprecated). */
export const u2ftokensGet = token.get({
  id: 'u2ftokens.get',
  summary: 'Get one U2F token (deprecated)',
  path: '/admin/v1/u2ftokens/{registration_id}',
  params: { registration_id: registrationId },
  response: u2fTokenShape,
  deprecated: true,
  docs: `${U2F_DOCS}-retrieve-u2f-token-by-id`,
});

/** `DELETE /admin/v1/u2ftokens/{registration_id}` (deprecated): succeeds when already gone. */
export const u2ftokensDelete = token.remove({
  id: 'u2ftokens.delete',
  summary: 'Delete a U2F token (deprecated)',
  path: '/admin/v1/u2ftokens/{registration_id}',
  params: { registration_id: registrationId },
  response: emptyAnswer,
  deprecated: true,
  docs: `${U2F_DOCS}-delete-u2f-token`,
});

/** `GET /admin/v1/users/{user_id}/u2ftokens` (deprecated). */
export const usersU2ftokensList = token.list({
  id: 'users.u2ftokens.list',
  summary: "List a user's U2F tokens (deprecated)",
  path: '/admin/v1/users/{user_id}/u2ftokens',
  params: { user_id: userId },
  response: t.array(u2fTokenShape),
  deprecated: true,
  docs: 'https://duo.com/docs/adminapi#retrieve-u2f-tokens-by-user-id',
});

/** Every hardware-token endpoint, a user's tokens and the deprecated U2F tokens included. */
export const tokenEndpoints = [
  tokensList,
  tokensGet,
  tokensCreate,
  tokensUpdate,
  tokensResync,
  tokensDelete,
  usersTokensList,
  usersTokensAssociate,
  usersTokensDisassociate,
  u2ftokensList,
  u2ftokensGet,
  u2ftokensDelete,
  usersU2ftokensList,
] as const;
