import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import type { ParamsOf, ResponseOf } from '../endpoints/params-of.js';
import { prepareEndpointCall } from '../endpoints/prepare-endpoint-call.js';
import {
  HARDWARE_TOKEN_TYPES,
  tokensCreate,
  tokensDelete,
  tokensGet,
  tokensList,
  tokensResync,
  tokensUpdate,
  usersTokensAssociate,
  usersTokensDisassociate,
  usersTokensList,
} from '../endpoints/tokens.js';
import { DuoConfigError } from '../errors/error-classes.js';
import type { Paginated } from '../pagination/paginated.js';
import { requireObject, requireString } from '../resources/check.js';
import type { ListOptions } from '../resources/list-options.js';
import { offsetList } from '../resources/offset-list.js';
import { pickOneReference } from '../resources/resolve-reference.js';
import type { DuoToken } from './types.js';

/** A hardware token with its users, as the tokens endpoints return it (Duo never returns secrets). */
export type DuoHardwareToken = ResponseOf<typeof tokensGet>;
/** What a token is imported with: type and serial, plus the secret its type needs. */
export type DuoHardwareTokenParams = ParamsOf<typeof tokensCreate>;

/** Filters of `tokens.list`: type and serial together look up one token. */
export interface TokenListOptions extends ListOptions {
  type?: ParamsOf<typeof tokensList>['type'];
  serial?: string;
}

/** Hardware tokens page at most 500 per request (the declaration's maximum). */
export const TOKENS_MAX_PAGE = tokensList.paging.maxLimit;

/** Admin API OTP hardware tokens and a user's tokens: thin wrappers over `endpoints/tokens.ts`. */
export class HardwareTokensResource {
  constructor(private readonly caller: Caller) {}

  /** Lists tokens lazily, 500 per page by default; `type` + `serial` find one (Duo wants both). */
  list(options: TokenListOptions = {}): Paginated<DuoHardwareToken> {
    const { type, serial, ...listOptions } = options;
    // Duo documents each filter as required with the other; alone it would silently list everything.
    if ((type === undefined) !== (serial === undefined)) {
      throw new DuoConfigError(type === undefined ? 'type' : 'serial', 'tokens.list filters by type and serial together');
    }
    prepareEndpointCall(tokensList, { type, serial });
    return offsetList<DuoHardwareToken>(this.caller, tokensList, { type, serial }, listOptions);
  }

  /** The token of this type and serial, or undefined. */
  async findBySerial(type: NonNullable<TokenListOptions['type']>, serial: string, options?: RequestOptions): Promise<DuoHardwareToken | undefined> {
    const res = await callEndpoint(this.caller, tokensList, { type, serial: requireString(serial, 'serial') }, { endpointClass: 'admin_get_one', ...options });
    return res.response[0] as DuoHardwareToken | undefined;
  }

  /**
   * The one token a serial names. With `type`, one lookup; without, one lookup per token type
   * (Duo filters by type and serial together), so serials shared across types come out as a
   * DuoReferenceError listing each candidate's type. None is a DuoReferenceError too.
   */
  async resolve(ref: { serial: string; type?: TokenListOptions['type'] }, options: RequestOptions & { field?: string } = {}): Promise<DuoHardwareToken> {
    const { field = 'serial', ...requestOptions } = options;
    const serial = requireString(ref.serial, field);
    const types = ref.type === undefined ? HARDWARE_TOKEN_TYPES : [ref.type];
    const found = (await Promise.all(types.map((type) => this.findBySerial(type, serial, requestOptions)))).filter((tk) => tk !== undefined);
    return pickOneReference(found, {
      field,
      kind: 'token',
      idOf: (tk) => tk.token_id,
      describe: (tk) => ({ token_id: tk.token_id, type: tk.type, serial: tk.serial }),
    });
  }

  /** One token by id; DuoNotFoundError when unknown. */
  async get(tokenId: string, options?: RequestOptions): Promise<DuoHardwareToken> {
    return (await callEndpoint(this.caller, tokensGet, { token_id: requireString(tokenId, 'tokenId') }, options)).response;
  }

  /** Imports a token. Not idempotent: a resend would meet its own serial. */
  async create(params: DuoHardwareTokenParams, options?: RequestOptions): Promise<DuoHardwareToken> {
    return (await callEndpoint(this.caller, tokensCreate, requireObject(params, 'params') as DuoHardwareTokenParams, options)).response;
  }

  /** Changes a TOTP token's time step (the only field Duo lets change). */
  async update(tokenId: string, params: { totp_step?: number }, options?: RequestOptions): Promise<DuoHardwareToken> {
    const fields = { ...requireObject(params, 'params'), token_id: requireString(tokenId, 'tokenId') };
    return (await callEndpoint(this.caller, tokensUpdate, fields, options)).response;
  }

  /** Resynchronizes a HOTP token from three consecutive codes; never resent (the codes are spent). */
  async resync(tokenId: string, codes: { code1: string; code2: string; code3: string }, options?: RequestOptions): Promise<void> {
    const fields = { ...requireObject(codes, 'codes'), token_id: requireString(tokenId, 'tokenId') } as ParamsOf<typeof tokensResync>;
    await callEndpoint(this.caller, tokensResync, fields, options);
  }

  /** Deletes a token (detaching it from its users); succeeds when already gone. */
  async delete(tokenId: string, options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, tokensDelete, { token_id: requireString(tokenId, 'tokenId') }, options);
  }

  /** A user's tokens, 500 per page by default. */
  listForUser(userId: string, options: ListOptions = {}): Paginated<DuoToken> {
    return offsetList<DuoToken>(this.caller, usersTokensList, { user_id: requireString(userId, 'userId') }, options);
  }

  /** Associates a token with a user (idempotent). */
  async associate(userId: string, tokenId: string, options?: RequestOptions): Promise<void> {
    const fields = { user_id: requireString(userId, 'userId'), token_id: requireString(tokenId, 'tokenId') };
    await callEndpoint(this.caller, usersTokensAssociate, fields, options);
  }

  /** Removes a token from a user without deleting it; succeeds when not associated. */
  async disassociate(userId: string, tokenId: string, options?: RequestOptions): Promise<void> {
    const fields = { user_id: requireString(userId, 'userId'), token_id: requireString(tokenId, 'tokenId') };
    await callEndpoint(this.caller, usersTokensDisassociate, fields, options);
  }
}
