import type { EndpointClass, EndpointDeclaration } from '@duohub/sdk';
import type { Account, EmulatorState, Integration } from './state/types.js';
import type { HardwareTokenOptions, ResolvedHardwareTokenOptions } from './tokens/hardware-token-options.js';
import type { PolicyOptions, ResolvedPolicyOptions } from './policies/policy-options.js';

/** Which Duo API family a route belongs to; decides which integration type may call it. */
export type ApiFamily = 'admin' | 'accounts' | 'auth';

/** Rate-limit classes, shared with the SDK's pacer so client and emulator budget the same way. */
export type { EndpointClass } from '@duohub/sdk';

/** Decoded business parameters: query, form and JSON body merged; repeated keys keep every value. */
export interface Params {
  /** The first value of a key, as a string (JSON numbers and booleans are stringified). */
  get(name: string): string | undefined;
  /** Every value of a key. */
  getAll(name: string): string[];
  has(name: string): boolean;
  /** Keys in arrival order. */
  keys(): string[];
  /** The raw JSON value when the body was JSON (for arrays and booleans), else undefined. */
  json(name: string): unknown;
}

/** What a handler receives after signature, routing, authorization and rate limiting passed. */
export interface HandlerContext {
  state: EmulatorState;
  /** The account the call acts on (the child when `account_id` or a child host selected it). */
  account: Account;
  /** The integration whose keys signed the request (absent on unsigned routes such as ping). */
  integration: Integration | undefined;
  params: Params;
  /** Path parameters from the route pattern, e.g. `user_id`. */
  path: Record<string, string>;
  request: Request;
  /** The emulator's clock, epoch milliseconds. */
  now(): number;
  /** Deterministic randomness for ids and codes under the configured seed. */
  random(): number;
  /** Emulator options in force (for OTP, skew and the like). */
  options: ResolvedEmulatorOptions;
  /** Records one execution of a non-idempotent operation (shown under /__emulator/executions). */
  recordExecution(operation: string, detail?: Record<string, unknown>): void;
  /**
   * Tells the administrator and activity logs what this Admin API write changed, where the handler
   * knows better than the generic record (which diffs the target and lists the request's params).
   */
  logAdminChange?(note: import('./logs/log-records.js').AdminChangeNote): void;
}

/** A Duo answer: `ok` becomes `{stat:'OK', response, metadata?}`, `fail` Duo's error body. */
export type DuoResult =
  | { kind: 'ok'; response: unknown; metadata?: Record<string, unknown>; status?: number }
  /** `response` already rendered as JSON text (a cache hit); enveloped like `ok`. */
  | { kind: 'ok_json'; responseJson: string; metadata?: Record<string, unknown> }
  | { kind: 'fail'; status: number; code: number; message: string; message_detail?: string }
  | { kind: 'raw'; response: Response };

/**
 * One endpoint: matched by method and pattern (`:name` segments), authorized by family and grant.
 * Built-in routes take all of these from their SDK declaration (`endpoint`), which also drives the
 * pipeline's parameter checks; a test override may still spell them out by hand.
 */
export interface Route {
  /** The declaration the route answers; its parameters are checked before `handle` runs. */
  endpoint?: EndpointDeclaration;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** e.g. `/admin/v1/users/:user_id`. */
  pattern: string;
  api: ApiFamily;
  /** Admin API grant required; absent for Accounts/Auth routes. */
  grant?: import('@duohub/sdk').AdminGrant;
  endpointClass: EndpointClass;
  /** False for `/auth/v2/ping`, which Duo answers without credentials. Default true. */
  signed?: boolean;
  /** Names the operation in the executions log when it must never run twice (push, create, SMS). */
  nonIdempotent?: string;
  /** A POST that changes nothing (Accounts API list), so caches of state stay valid. GETs never change state. */
  readOnly?: boolean;
  handle(ctx: HandlerContext): DuoResult | Promise<DuoResult>;
}

/** A route declared from its SDK endpoint: only the behaviour is written here. */
export interface DeclaredRoute {
  endpoint: EndpointDeclaration;
  nonIdempotent?: string;
  readOnly?: boolean;
  handle: Route['handle'];
}

/**
 * A route from its SDK declaration (method, pattern, family, grant, pacing class, signing and the
 * parameter checks come from it), or a fully hand-written one (per-test overrides).
 */
export function defineRoute(route: Route | DeclaredRoute): Route {
  if (!('endpoint' in route) || route.endpoint === undefined || 'pattern' in route) return route as Route;
  const { endpoint } = route;
  const out: Route = {
    endpoint,
    method: endpoint.method,
    pattern: endpoint.path.replace(/\{([a-z_]+)\}/g, ':$1'),
    api: endpoint.api,
    endpointClass: endpoint.pacing,
    handle: route.handle,
  };
  if (endpoint.grant) out.grant = endpoint.grant;
  if (endpoint.signed === false) out.signed = false;
  if (route.nonIdempotent) out.nonIdempotent = route.nonIdempotent;
  if (route.readOnly) out.readOnly = true;
  return out;
}

/** Token-bucket settings for one endpoint class: `perMinute` refill, `burst` capacity. */
export interface BucketConfig {
  perMinute: number;
  burst: number;
}

/** Rate limits: false disables them; otherwise per-class overrides of the Duo-like defaults. */
export type RateLimitOptions =
  | false
  | {
      classes?: Partial<Record<EndpointClass, BucketConfig>>;
      /**
       * Buckets of single endpoints (by declaration id, e.g. `logs.administrator`), each endpoint its
       * own bucket. Duo limits its log endpoints one by one; the defaults are in rate-limit.ts.
       */
      endpoints?: Record<string, BucketConfig>;
      /** Send `Retry-After` (seconds) with 429s. Default false: Duo's Admin API sends none. */
      retryAfter?: boolean;
    };

/** Faults applied before a request reaches its handler; rates are 0..1, chosen by the seeded RNG. */
export interface FaultRule {
  /** Restrict to paths starting with this prefix (or matching this route pattern); all when absent. */
  path?: string;
  /** Added round-trip time, ms (with `jitterMs`, uniform in [0, jitterMs) more). */
  latencyMs?: number;
  jitterMs?: number;
  /**
   * The share of this rule's latency spent on the answer's way back (0..1); the rest delays the
   * request before Duo handles it and counts it against its rate limits. Default 0.5, a network's
   * round trip being half each way: a client that places Duo's count of a request between its send
   * and its answer then finds it where Duo does. 0 puts all of it before Duo's count.
   */
  returnShare?: number;
  /** Answer 500/50001 (or 503) at this rate. */
  serverErrorRate?: number;
  /** Destroy the socket without an answer at this rate (over a real port; in-process, a thrown TypeError). */
  resetRate?: number;
  /** Answer 429/42901 at this rate regardless of buckets. */
  rateLimitRate?: number;
  /** Whether a fault fires before the handler runs (nothing happened) or after (the work was done). */
  when?: 'before' | 'after';
}

export interface EmulatorOptions {
  /** Initial state: `empty` (a parent with API integrations), `demo`, a fleet spec, or an exported state. */
  seed?: 'empty' | 'demo' | { fleet: FleetSpec } | EmulatorState;
  /** Allowed clock skew for the signed date, seconds. Default 300. */
  clockSkewSec?: number;
  /** Refuse HMAC-SHA1 signatures (answers 401/40103). Default false. */
  rejectSha1?: boolean;
  /** Over-max `limit`: clamp (default) or 400/40002. */
  overMaxLimit?: 'clamp' | 'error';
  /** Account for hosts the emulator does not know (e.g. 127.0.0.1). Default: the parent. */
  defaultAccountId?: string;
  rateLimits?: RateLimitOptions;
  faults?: FaultRule[];
  /** Seed of the deterministic RNG used for ids, codes and faults. Default 1. */
  randomSeed?: number;
  /** A passcode every user's devices accept (besides bypass codes). Default '123456'. */
  otp?: string;
  /** Clock, epoch ms. Default Date.now. */
  now?: () => number;
  /**
   * Hosts that are no account's api_hostname: `default` serves them from `defaultAccountId` (or the
   * signing integration's own account); `reject` answers a plain-text 404, as a misrouted hostname
   * would, unless the host is an IP address or localhost. Default `default`.
   */
  unknownHosts?: 'default' | 'reject';
  /** Code for an Admin create that reuses a username or alias: 40003 (default, unverified) or 40002. */
  duplicateUsernameCode?: 40002 | 40003;
  /** Code for an administrator create or activation whose email an administrator or pending activation has: 40003 (default, unverified) or 40002. */
  duplicateAdminEmailCode?: 40002 | 40003;
  /**
   * Deleting or demoting the account's last Active Owner: `protect` (default)
   * answers 400/40002 naming the field, `allow` lets it happen. Duo's behaviour is unverified.
   */
  lastOwner?: 'protect' | 'allow';
  /** A group create or rename to a name another group has: 400 with this code (default 40003, unverified), or `allow`. */
  duplicateGroupNames?: 'allow' | 40002 | 40003;
  /** Hardware-token behaviours Duo does not document (resync rules, duplicate serials). */
  hardwareTokens?: HardwareTokenOptions;
  /** Policies v2 behaviours Duo does not document (unknown sections, section fill, duplicate names...). */
  policies?: PolicyOptions;
  /** Days a user sent to the Trash stays restorable before it is deleted for good. Default 7 (Duo's figure). */
  trashRetentionDays?: number;
  /**
   * `POST /admin/v1/bulk` when an operation fails: `continue` (default) runs the rest, each with its
   * own result; `stop` answers the results so far and runs nothing after the failure. Duo's choice is unverified.
   */
  bulkOnFailure?: 'continue' | 'stop';
  /** Sees each handler exception that became a 500/50001 (the client only gets a generic message). */
  onError?: (error: unknown, route: string) => void;
  /** Longest an `auth_status` call waits for a change before answering `waiting`. Default 25,000 ms. */
  authLongPollMs?: number;
  /** What unknown and unenrolled users get from the Auth API when their integration sets no policy. Default enroll. */
  newUserPolicy?: 'enroll' | 'deny';
  /**
   * Serve user list pages from each user's JSON, computed on first listing and reused until the next
   * write through the API (or reset/import). For benchmarks, where the emulator stands in for servers
   * that are not what is measured; changes made to `state` directly are not seen. Default false.
   */
  cacheUserJson?: boolean;
  /**
   * Keep the last N rate-limit decisions (account, bucket, time, allowed) for `rateDecisions()`: how
   * a client's pacing looked from Duo's side. Default 0: none kept.
   */
  recordRateDecisions?: number;
  /**
   * `send_sms_activation` to a phone whose type or platform is Unknown: `reject` (default; Duo documents
   * that it fails, with a code it does not name) answers 400/40002, `allow` sends anyway.
   */
  unknownPhoneActivation?: 'reject' | 'allow';
  /**
   * Which `auth_status` answers carry `auth_delayed` (always false here: the emulator never delays a
   * push). Duo's examples show it on a waiting answer; `always` (default) also adds it to final answers.
   */
  authDelayed?: 'always' | 'waiting' | 'never';
  /**
   * Deleting the integration that signs the request: `reject` (default) answers 400/40002 naming
   * `integration_key`, as Duo documents for resetting one's own secret key; `allow` deletes it and
   * its keys stop working with the next request. Duo's behaviour is unverified.
   */
  integrationSelfDelete?: 'reject' | 'allow';
  /**
   * The secret key in legacy v1 integration answers: `masked` (default; what Duo's current handlers
   * answer, the full key coming only from `/skey`) or `shown`, as the v1 text described.
   */
  legacyIntegrationSecrets?: 'masked' | 'shown';
  /** An administrative unit create or rename to a name another unit has: 400 with this code (default 40002, detail `name`; Duo's code is unverified). */
  duplicateAdminUnitNames?: 40002 | 40003;
  /**
   * `admins`/`groups`/`integrations` on an administrative unit modify: `add` (default) adds them to the
   * unit's members, as integrators observed of Duo; `replace` makes them the unit's only members.
   */
  adminUnitListsOnModify?: 'add' | 'replace';
  /** Largest logo `POST /admin/v1/logo` accepts, bytes of PNG. Default 200 KB (Duo's Admin Panel limit; unverified for the API). */
  logoMaxBytes?: number;
  /** Largest logo width and height, pixels. Default 500 (Duo's Admin Panel limit; unverified for the API). */
  logoMaxPixels?: number;
  /** `GET /admin/v1/logo` when none is set: 400/40002 "Logo not found" (default, as `/auth/v2/logo`) or 404/40401. */
  missingLogoCode?: 40002 | 40401;
  /**
   * How long after it happens a log row shows in the log endpoints. Duo documents about two minutes
   * for its v2 logs; default 0 here, so tests see what they just did.
   */
  logDelayMs?: number;
  /**
   * Slack on Duo's 180-day limit for v2 `mintime` (and Trust Monitor's): Duo's clients send exactly
   * 180 days back, computed a moment before the request arrives. Default 60,000 ms (Duo's is unverified).
   */
  logWindowSlackMs?: number;
  /**
   * A v1 log page (1,000 oldest rows) whose last second has more rows: `whole_second` (default) adds
   * them, so the documented next `mintime` (newest + 1) skips nothing ("more or fewer than 1,000 rows",
   * as Duo words it); `exact` cuts at 1,000.
   */
  v1LogPageCut?: 'whole_second' | 'exact';
  /** The administrator log's `username` for Admin API changes: `API` (default) or the integration's name. */
  adminLogApiUsername?: 'API' | 'integration_name';
  /** Telephony credits a text and a call cost. Default 1 each (Duo charges more for some countries). */
  telephonyCreditCost?: { sms?: number; phone?: number };
}

export interface FleetSpec {
  accounts: number;
  usersPerAccount: number;
  /** RNG seed for the fleet's mix. Default 1. */
  seed?: number;
  /** Days of log history before the seed's clock reading, per child account. Default 0 (none). */
  historyDays?: number;
  /** Authentications per day of history (telephony, administrator and activity rows follow from it). Default 200. */
  eventsPerDay?: number;
}

/** Options after defaults are applied. */
export type ResolvedEmulatorOptions = Required<Omit<EmulatorOptions, 'seed' | 'defaultAccountId' | 'hardwareTokens' | 'policies' | 'telephonyCreditCost'>> & {
  telephonyCreditCost: { sms: number; phone: number };
  defaultAccountId: string | undefined;
  hardwareTokens: ResolvedHardwareTokenOptions;
  policies: ResolvedPolicyOptions;
};
