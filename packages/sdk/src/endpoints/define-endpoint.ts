import type { HttpMethod } from '../client/duo-call.js';
import type { EndpointClass } from '../pacing/endpoint-class.js';
import type { ArrayShape, BooleanShape, IntegerShape, NumberShape, ObjectShape, Shape, StringShape } from './shape.js';

/** Which Duo API an endpoint belongs to; decides which integration type may call it. */
export type ApiFamily = 'admin' | 'accounts' | 'auth';

/**
 * The Admin API permissions ("grants") an Admin API application may hold: Duo's `adminapi_*` flags.
 * `admins` is "Grant administrators" (read and write), `admins_read` "Grant read administrators"
 * (satisfied by either), `integrations` "Grant applications".
 */
export type AdminGrant = 'read_resource' | 'write_resource' | 'settings' | 'info' | 'read_log' | 'admins' | 'admins_read' | 'integrations';

/** Where a parameter travels. `params` are Duo's: the query for GET/DELETE, the body for POST/PUT. */
export type ParamLocation = 'path' | 'params';

/** What a parameter may carry besides its shape. */
export interface ParamExtras {
  required?: boolean;
  /**
   * How a value goes on the wire when it is not the obvious one: `digit` sends a boolean as
   * "1"/"0" (Duo documents those for settings, `install`, `async`); `repeated` sends an array as
   * one key per item (v2 log filters). Arrays default to `repeated`.
   */
  encoding?: 'digit' | 'repeated';
  deprecated?: boolean;
}

/**
 * One parameter: a scalar (or repeated) shape plus extras. Path parameters are the `{name}`s of the
 * path. Objects (and arrays of them) travel only in JSON bodies: declare `body: 'json'`. On an
 * object parameter `required: true` is the parameter's flag; a list there (from `t.object`'s
 * options) names members it must hold, as on nested objects.
 */
export type ParamSpec =
  | ((StringShape | IntegerShape | NumberShape | BooleanShape | ArrayShape) & ParamExtras)
  | (Omit<ObjectShape, 'required'> & Omit<ParamExtras, 'required'> & { required?: boolean | readonly string[] });

/** How a list endpoint pages. */
export type Paging =
  /** v1 lists: `limit`/`offset` in, top-level `metadata.next_offset`/`total_objects` out. */
  | { style: 'offset'; defaultLimit: number; maxLimit: number }
  /** v2 logs: `limit`/`next_offset` in, `response.metadata.next_offset` out; the rows sit under `itemsKey`. */
  | { style: 'cursor'; itemsKey: string; defaultLimit: number; maxLimit: number }
  /** A list answered whole (account/list, or users by id list). */
  | { style: 'none' };

/** One Duo endpoint, declared once as data; the SDK, the emulator, the hub and OpenAPI derive from it. */
export interface EndpointDeclaration {
  /** `<family>.<verb>` in Duo's terms, e.g. `users.list`; unique. */
  id: string;
  /** One line for humans (OpenAPI summary). */
  summary: string;
  method: HttpMethod;
  /** Duo's path with `{name}` for path parameters, e.g. `/admin/v1/users/{user_id}`. */
  path: string;
  api: ApiFamily;
  /** Admin API permission needed; absent for Accounts and Auth API endpoints and for child billing. */
  grant?: AdminGrant;
  /** Rate-limit class, shared by the SDK's pacer and the emulator's buckets. */
  pacing: EndpointClass;
  /** Sending twice leaves the same state; decides retries after ambiguous failures. */
  idempotent: boolean;
  /** False for `/auth/v2/ping`, which Duo answers without credentials. Default true. */
  signed?: boolean;
  /** Duo holds the request open (synchronous auth, auth_status): use the long-poll timeout. */
  longPoll?: boolean;
  paging?: Paging;
  /** Every parameter, path parameters included; `limit`/`offset`/`next_offset` of paged lists too. */
  params: Readonly<Record<string, ParamSpec>>;
  /** The shape of Duo's `response` member. */
  response: Shape;
  /**
   * `json`: Duo reads this endpoint's POST/PUT parameters only from a JSON body, signed v5 (policies
   * v2, integrations v2/v3, passport): the SDK signs it v5 whatever the client's `sigVersion`.
   */
  body?: 'json';
  /** A non-JSON answer on success (the Auth API logo). */
  produces?: 'image/png';
  deprecated?: boolean;
  /** Duo's documentation of this endpoint. */
  docs: string;
}

/** Keeps a declaration's literal types (for `ParamsOf`/`ResponseOf`) and checks it is well formed. */
export function defineEndpoint<const E extends EndpointDeclaration>(endpoint: E): E {
  for (const name of pathParamNames(endpoint.path)) {
    if (!(name in endpoint.params)) throw new Error(`${endpoint.id}: path parameter {${name}} is not declared`);
  }
  for (const [name, spec] of Object.entries(endpoint.params)) {
    const nested = spec.type === 'object' || (spec.type === 'array' && 'type' in spec.items && spec.items.type === 'object');
    if (nested && endpoint.body !== 'json') throw new Error(`${endpoint.id}: object parameter ${name} needs body: 'json'`);
  }
  return endpoint;
}

/** The `{name}` parameters of a declared path, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!);
}

/** Where a declared parameter travels. */
export function paramLocation(endpoint: Pick<EndpointDeclaration, 'path'>, name: string): ParamLocation {
  return endpoint.path.includes(`{${name}}`) ? 'path' : 'params';
}
