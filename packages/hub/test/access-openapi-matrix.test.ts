import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_SAMPLE_INPUTS, actionIdOf } from './support/action-sample-inputs.js';
import { expectedAccess, type Target, type TokenKind } from './support/expected-access.js';
import { findLeakedMarkers } from './support/find-leaked-markers.js';
import type { JsonSchema } from './support/json-schema.js';
import { accessOf, listOperations, type Operation } from './support/openapi-operations.js';
import { sampleFromSchema } from './support/sample-from-schema.js';
import { startTwoOrgFixture, type TwoOrgFixture } from './support/two-org-fixture.js';
import { buildLogEvents, insertLogEvents } from './logs/support/log-event-fixture.js';
import { storeAlert } from './logs/support/scripted-events.js';
import { baselineMatrixCases } from './baselines/baseline-matrix-cases.js';

/**
 * Issue 12: every operation of the OpenAPI document x every kind of caller x own and other
 * organization. Expectations come from each operation's declared access (`x-duohub-access`);
 * every answer to a token limited to organization A is searched for organization B's markers.
 */

let f: TwoOrgFixture;
let doc: JsonSchema;
let operations: Operation[];

const KINDS: TokenKind[] = [
  { name: 'none', credential: 'none' },
  { name: 'malformed', credential: 'malformed' },
  { name: 'unknown', credential: 'unknown' },
  { name: 'revoked', credential: 'revoked' },
  ...(['read', 'operate', 'admin'] as const).flatMap((scope) => [
    { name: scope, credential: 'valid' as const, scope, limited: false },
    { name: `${scope}, limited to A`, credential: 'valid' as const, scope, limited: true },
  ]),
];

/** One request of a cell. */
interface CellRequest {
  path: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Organizations a limited token must also hold (a victim created for a destructive route). */
  alsoOwn?: string[];
}

/** One way of calling an operation: what it targets and how to build the request (fresh per cell). */
interface Variant {
  name: string;
  target: Target;
  /** "Other" answers by filtering (an empty list) rather than refusing. */
  otherIsFiltered?: boolean;
  /** The route refuses every limited token for this request, beyond its declaration. */
  limitedForbidden?: boolean;
  build(kind: TokenKind): Promise<CellRequest>;
}

let seq = 0;
const unique = (p: string) => `${p}-${++seq}-${randomBytes(3).toString('hex')}`;
const fixed = (name: string, target: Target, req: () => CellRequest, extra: Partial<Variant> = {}): Variant => ({ name, target, build: async () => req(), ...extra });
const withSse = { accept: 'text/event-stream' };

/** Hand-written cases for the hub's own routes; the action catalog's run routes are generated below. */
function routeCases(): Record<string, Variant[]> {
  const A = () => f.orgA.id;
  const B = () => f.orgB.id;
  const int = () => f.integrationId;
  const victimOrg = async () => (await f.asAdmin('POST', '/api/organizations', { name: unique('victim org') })).id as string;
  const methodBody = () => ({
    method_name: unique('m'),
    api_hostname: f.emu.sets.auth.api_host,
    integration_key: f.emu.sets.auth.integration_key,
    secret_key: f.emu.sets.auth.secret_key,
    base_url: f.emu.url,
  });
  return {
    ...baselineMatrixCases({ fixed, A, B, asAdmin: f.asAdmin, unique }),
    'GET /api/integrations': [fixed('fleet', 'fleet', () => ({ path: '/api/integrations' }))],
    'POST /api/integrations': [fixed('fleet', 'fleet', () => ({ path: '/api/integrations', body: { name: unique('int'), base_url: f.emu.url, auth: f.emu.sets.auth } }))],
    'GET /api/integrations/{id}': [fixed('fleet', 'fleet', () => ({ path: `/api/integrations/${int()}` }))],
    'PATCH /api/integrations/{id}': [fixed('fleet', 'fleet', () => ({ path: `/api/integrations/${int()}`, body: { name: 'Matrix Duo' } }))],
    'DELETE /api/integrations/{id}': [
      {
        name: 'fleet (fresh integration)',
        target: 'fleet',
        build: async () => {
          const created = await f.asAdmin('POST', '/api/integrations', { name: unique('doomed'), base_url: f.emu.url, auth: f.emu.sets.auth });
          return { path: `/api/integrations/${created.id}` };
        },
      },
    ],
    'POST /api/integrations/{id}/test': [fixed('fleet', 'fleet', () => ({ path: `/api/integrations/${int()}/test` }))],
    'GET /api/integrations/{id}/accounts': [fixed('fleet', 'fleet', () => ({ path: `/api/integrations/${int()}/accounts` }))],
    'GET /api/integrations/{id}/rate-limits': [fixed('fleet', 'fleet', () => ({ path: `/api/integrations/${int()}/rate-limits` }))],
    'DELETE /api/integrations/{id}/rate-limits': [fixed('fleet', 'fleet', () => ({ path: `/api/integrations/${int()}/rate-limits` }))],
    'GET /api/integrations/{id}/mapping-suggestions': [fixed('fleet', 'fleet', () => ({ path: `/api/integrations/${int()}/mapping-suggestions` }))],
    'POST /api/integrations/{id}/mapping-suggestions/apply': [
      {
        name: 'fleet',
        target: 'fleet',
        build: async () => ({ path: `/api/integrations/${int()}/mapping-suggestions/apply`, body: { threshold: 0.99, organization_ids: [await victimOrg()] } }),
      },
    ],
    'GET /api/organizations': [fixed('list', 'fleet', () => ({ path: '/api/organizations' }))],
    'POST /api/organizations': [fixed('fleet', 'fleet', () => ({ path: '/api/organizations', body: { name: unique('new org') } }))],
    'GET /api/organizations/{id}': [fixed('own', 'own', () => ({ path: `/api/organizations/${A()}` })), fixed('other', 'other', () => ({ path: `/api/organizations/${B()}` }))],
    'PATCH /api/organizations/{id}': [
      fixed('own', 'own', () => ({ path: `/api/organizations/${A()}`, body: { email_domains: ['alpha-own.example'] } })),
      fixed('other', 'other', () => ({ path: `/api/organizations/${B()}`, body: { email_domains: ['bravo-marker.example'] } })),
      // Changing a mapping reaches another Duo account: refused to every limited token, even on its own organization.
      fixed('own, mapping', 'own', () => ({ path: `/api/organizations/${A()}`, body: { integration_id: int(), duo_account_id: f.orgA.accountId } }), { limitedForbidden: true }),
    ],
    // Creates an Auth API application in the organization's own Duo account; replace, so every cell may create one.
    'POST /api/organizations/{id}/auth-application': [
      fixed('own', 'own', () => ({ path: `/api/organizations/${A()}/auth-application`, body: { replace: true } })),
      fixed('other', 'other', () => ({ path: `/api/organizations/${B()}/auth-application`, body: { replace: true } })),
    ],
    'DELETE /api/organizations/{id}': [
      {
        name: 'own (fresh victim in the token list)',
        target: 'own',
        build: async () => {
          const id = await victimOrg();
          return { path: `/api/organizations/${id}`, alsoOwn: [id] };
        },
      },
      { name: 'other (fresh victim)', target: 'other', build: async () => ({ path: `/api/organizations/${await victimOrg()}` }) },
    ],
    'GET /api/tokens': [fixed('list', 'fleet', () => ({ path: '/api/tokens' }))],
    'POST /api/tokens': [
      fixed('own', 'own', () => ({ path: '/api/tokens', body: { name: unique('minted'), scopes: ['read'], organization_ids: [A()] } })),
      fixed('other', 'other', () => ({ path: '/api/tokens', body: { name: unique('minted'), scopes: ['read'], organization_ids: [B()] } })),
      fixed('unlimited', 'fleet', () => ({ path: '/api/tokens', body: { name: unique('minted'), scopes: ['read'], organization_ids: null } }), { limitedForbidden: true }),
    ],
    'GET /api/tokens/current': [fixed('self', 'fleet', () => ({ path: '/api/tokens/current' }))],
    'DELETE /api/tokens/{id}': [
      {
        name: 'own',
        target: 'own',
        build: async () => ({ path: `/api/tokens/${(await f.asAdmin('POST', '/api/tokens', { name: unique('victim'), scopes: ['read'], organization_ids: [A()] })).id}` }),
      },
      {
        name: 'other',
        target: 'other',
        build: async () => ({ path: `/api/tokens/${(await f.asAdmin('POST', '/api/tokens', { name: unique('victim'), scopes: ['read'], organization_ids: [B()] })).id}` }),
      },
    ],
    'GET /api/audit': [
      fixed('list', 'fleet', () => ({ path: '/api/audit?limit=1000' })),
      fixed('csv export', 'fleet', () => ({ path: '/api/audit?format=csv' })),
      fixed('own filter', 'own', () => ({ path: `/api/audit?organization_id=${A()}&limit=1000` })),
      fixed('other filter', 'other', () => ({ path: `/api/audit?organization_id=${B()}&limit=1000` }), { otherIsFiltered: true }),
      fixed('other filter, csv', 'other', () => ({ path: `/api/audit?organization_id=${B()}&format=csv` }), { otherIsFiltered: true }),
    ],
    'POST /api/reports/mfa-coverage/runs': [fixed('fleet', 'fleet', () => ({ path: '/api/reports/mfa-coverage/runs', body: { integration_id: int() } }))],
    'GET /api/reports/mfa-coverage/runs': [fixed('fleet', 'fleet', () => ({ path: '/api/reports/mfa-coverage/runs' }))],
    'GET /api/reports/mfa-coverage/runs/{id}': [fixed('fleet', 'fleet', () => ({ path: `/api/reports/mfa-coverage/runs/${f.runIds[0]}` }))],
    'POST /api/reports/mfa-coverage/runs/{id}/cancel': [fixed('fleet', 'fleet', () => ({ path: `/api/reports/mfa-coverage/runs/${f.runIds[0]}/cancel` }))],
    'GET /api/reports/mfa-coverage': [
      fixed('json', 'fleet', () => ({ path: `/api/reports/mfa-coverage?integration_id=${int()}` })),
      fixed('csv', 'fleet', () => ({ path: `/api/reports/mfa-coverage?integration_id=${int()}&format=csv` })),
      fixed('csv users without MFA', 'fleet', () => ({ path: `/api/reports/mfa-coverage?format=csv&list=users_without_mfa` })),
      fixed('one run', 'fleet', () => ({ path: `/api/reports/mfa-coverage?run=${f.runIds[0]}` })),
    ],
    'POST /api/bulk-runs': [
      fixed('own', 'own', () => ({ path: '/api/bulk-runs', body: { action_id: 'settings.get', organizations: { ids: [A()] }, dry_run: true } })),
      fixed('other', 'other', () => ({ path: '/api/bulk-runs', body: { action_id: 'settings.get', organizations: { ids: [B()] }, dry_run: true } })),
      fixed('all (a limited token plans its own)', 'own', () => ({ path: '/api/bulk-runs', body: { action_id: 'settings.get', organizations: { all: true }, dry_run: true } })),
    ],
    'GET /api/bulk-runs': [fixed('list', 'fleet', () => ({ path: '/api/bulk-runs?limit=200' }))],
    'GET /api/bulk-runs/{id}': [fixed('own', 'own', () => ({ path: `/api/bulk-runs/${runs.a!.id}` })), fixed('other', 'other', () => ({ path: `/api/bulk-runs/${runs.b!.id}` }))],
    'GET /api/bulk-runs/{id}/items': [
      fixed('own', 'own', () => ({ path: `/api/bulk-runs/${runs.a!.id}/items` })),
      fixed('other', 'other', () => ({ path: `/api/bulk-runs/${runs.b!.id}/items` })),
    ],
    'GET /api/bulk-runs/{id}/report': [
      fixed('own', 'own', () => ({ path: `/api/bulk-runs/${runs.a!.id}/report?format=csv` })),
      fixed('other', 'other', () => ({ path: `/api/bulk-runs/${runs.b!.id}/report` })),
    ],
    'POST /api/bulk-runs/{id}/approve': [
      fixed('own', 'own', () => ({ path: `/api/bulk-runs/${runs.a!.id}/approve`, body: { plan_hash: runs.a!.plan_hash } })),
      fixed('other', 'other', () => ({ path: `/api/bulk-runs/${runs.b!.id}/approve`, body: { plan_hash: runs.b!.plan_hash } })),
    ],
    'DELETE /api/bulk-runs/{id}': [
      { name: 'own (fresh plan)', target: 'own', build: async () => ({ path: `/api/bulk-runs/${(await planBulk(A())).id}` }) },
      { name: 'other (fresh plan)', target: 'other', build: async () => ({ path: `/api/bulk-runs/${(await planBulk(B())).id}` }) },
    ],
    // Each cell gets a fresh plan: running, pausing or cancelling changes it (a second call would be 409, still not 401/403).
    ...Object.fromEntries(
      (['run', 'pause', 'resume', 'cancel'] as const).map((verb) => [
        `POST /api/bulk-runs/{id}/${verb}`,
        (['own', 'other'] as const).map((target) => ({
          name: `${target} (fresh plan)`,
          target,
          build: async () => {
            const run = await planBulk(target === 'own' ? A() : B(), false);
            return { path: `/api/bulk-runs/${run.id}/${verb}`, body: verb === 'run' ? { plan_hash: run.plan_hash } : {} };
          },
        })),
      ]),
    ),
    'GET /api/reports/seats': [
      fixed('fleet', 'fleet', () => ({ path: `/api/reports/seats?integration_id=${int()}` })),
      fixed('csv', 'fleet', () => ({ path: '/api/reports/seats?format=csv' })),
      fixed('own', 'own', () => ({ path: `/api/reports/seats?organization_id=${A()}` })),
      fixed('other', 'other', () => ({ path: `/api/reports/seats?organization_id=${B()}` }), { otherIsFiltered: true }),
    ],
    'GET /api/reports/mfa-coverage/trend': [fixed('fleet', 'fleet', () => ({ path: `/api/reports/mfa-coverage/trend?integration_id=${int()}` }))],
    'GET /api/logs': [
      fixed('fleet', 'fleet', () => ({ path: '/api/logs?limit=1000' })),
      fixed('own filter', 'own', () => ({ path: `/api/logs?organization_id=${A()}&limit=1000` })),
      fixed('other filter', 'other', () => ({ path: `/api/logs?organization_id=${B()}&limit=1000` }), { otherIsFiltered: true }),
      fixed('own and other', 'own', () => ({ path: `/api/logs?organization_id=${A()}&organization_id=${B()}&limit=1000` })),
    ],
    'GET /api/logs/export': [
      fixed('jsonl', 'fleet', () => ({ path: '/api/logs/export?format=jsonl' })),
      fixed('csv', 'fleet', () => ({ path: '/api/logs/export?format=csv' })),
      fixed('other filter, csv', 'other', () => ({ path: `/api/logs/export?format=csv&organization_id=${B()}` }), { otherIsFiltered: true }),
    ],
    'GET /api/logs/dashboard': [
      fixed('fleet', 'fleet', () => ({ path: '/api/logs/dashboard' })),
      fixed('own', 'own', () => ({ path: `/api/logs/dashboard?organization_id=${A()}` })),
      fixed('other', 'other', () => ({ path: `/api/logs/dashboard?organization_id=${B()}` }), { otherIsFiltered: true }),
    ],
    // Starts a sync of every account of the integration (fleet-wide); no runner works in this fixture, so the units stay queued.
    'POST /api/logs/sync': [
      fixed('fleet', 'fleet', () => ({ path: '/api/logs/sync', body: { integration_id: int() } })),
      fixed('every integration', 'fleet', () => ({ path: '/api/logs/sync', body: {} })),
    ],
    'GET /api/logs/sync': [
      fixed('fleet', 'fleet', () => ({ path: '/api/logs/sync' })),
      fixed('own filter', 'own', () => ({ path: `/api/logs/sync?organization_id=${A()}` })),
      fixed('other filter', 'other', () => ({ path: `/api/logs/sync?organization_id=${B()}` }), { otherIsFiltered: true }),
    ],
    'GET /api/reports/mfa-coverage/diff': [
      fixed('json', 'fleet', () => ({ path: `/api/reports/mfa-coverage/diff?from=${f.runIds[0]}&to=${f.runIds[1]}` })),
      fixed('csv', 'fleet', () => ({ path: `/api/reports/mfa-coverage/diff?from=${f.runIds[0]}&to=${f.runIds[1]}&format=csv` })),
    ],
    'POST /v1/identity/mfa/method/duo': [fixed('fleet', 'fleet', () => ({ path: '/v1/identity/mfa/method/duo', body: methodBody() }))],
    'GET /v1/identity/mfa/method/duo': [fixed('list', 'fleet', () => ({ path: '/v1/identity/mfa/method/duo?list=true' }))],
    'POST /v1/identity/mfa/method/duo/{id}': [fixed('fleet', 'fleet', () => ({ path: `/v1/identity/mfa/method/duo/${f.methodId}`, body: { push_limit: 5 } }))],
    'GET /v1/identity/mfa/method/duo/{id}': [fixed('fleet', 'fleet', () => ({ path: `/v1/identity/mfa/method/duo/${f.methodId}` }))],
    'DELETE /v1/identity/mfa/method/duo/{id}': [
      {
        name: 'fleet (fresh method)',
        target: 'fleet',
        build: async () => ({ path: `/v1/identity/mfa/method/duo/${(await f.asAdmin('POST', '/v1/identity/mfa/method/duo', methodBody())).data.method_id}` }),
      },
    ],
    'POST /api/verify': [
      fixed('own', 'own', () => ({ path: '/api/verify', body: { organization_id: A(), username: 'alpha-own-marker-user', wait: false } })),
      fixed('own, event stream', 'own', () => ({ path: '/api/verify', body: { organization_id: A(), username: 'alpha-own-marker-user', timeout_seconds: 5 }, headers: withSse })),
      fixed('other', 'other', () => ({ path: '/api/verify', body: { organization_id: B(), username: 'bravo-other-marker-user', wait: false } })),
      // A method not bound to an organization reaches the parent's Duo account: unlimited tokens only.
      fixed('fleet method', 'fleet', () => ({ path: '/api/verify', body: { method_id: f.methodId, username: 'alpha-own-marker-user', wait: false } }), { limitedForbidden: true }),
    ],
    'GET /api/verify/{id}': [
      fixed('own', 'own', () => ({ path: `/api/verify/${f.verificationA}` })),
      fixed('other', 'other', () => ({ path: `/api/verify/${f.verificationB}` })),
    ],
    'GET /api/verify/{id}/events': [
      fixed('own', 'own', () => ({ path: `/api/verify/${f.verificationA}/events`, headers: withSse })),
      fixed('other', 'other', () => ({ path: `/api/verify/${f.verificationB}/events`, headers: withSse })),
    ],
    ...logForwardingCases(),
    'GET /api/actions': [fixed('catalog', 'fleet', () => ({ path: '/api/actions' }))],
    'GET /api/actions/{id}': [fixed('one action', 'fleet', () => ({ path: '/api/actions/users.list' }))],
  };
}

/** Bulk runs over A only and over B only (approval required, so approving answers 200 or 409), made in `beforeAll`. */
const runs: { a?: { id: string; plan_hash: string }; b?: { id: string; plan_hash: string } } = {};

/** A saved plan of one read-only call on one organization, made by the bootstrap admin. */
async function planBulk(organizationId: string, requiresApproval = true): Promise<{ id: string; plan_hash: string }> {
  return f.asAdmin('POST', '/api/bulk-runs', { action_id: 'settings.get', organizations: { ids: [organizationId] }, requires_approval: requiresApproval });
}

/** Alerts of A and B (B's naming B's marker user), made in `beforeAll`. */
const alerts = { a: '', b: '' };

/** Log destinations (fleet-wide, admin) and alerts (listed per organization, acknowledged per organization). */
function logForwardingCases(): Record<string, Variant[]> {
  const destination = async () => (await f.asAdmin('POST', '/api/log-destinations', { name: unique('dest'), kind: 'webhook', url: 'https://hooks.example.net/duo' })).id as string;
  let shared: Promise<string> | undefined;
  const one = () => (shared ??= destination());
  return {
    'GET /api/log-destinations': [fixed('fleet', 'fleet', () => ({ path: '/api/log-destinations' }))],
    'POST /api/log-destinations': [fixed('fleet', 'fleet', () => ({ path: '/api/log-destinations', body: { name: unique('dest'), kind: 'webhook', url: 'https://hooks.example.net/duo' } }))],
    'GET /api/log-destinations/{id}': [{ name: 'fleet', target: 'fleet', build: async () => ({ path: `/api/log-destinations/${await one()}` }) }],
    'PATCH /api/log-destinations/{id}': [{ name: 'fleet', target: 'fleet', build: async () => ({ path: `/api/log-destinations/${await one()}`, body: { name: unique('dest') } }) }],
    'DELETE /api/log-destinations/{id}': [{ name: 'fleet (fresh destination)', target: 'fleet', build: async () => ({ path: `/api/log-destinations/${await destination()}` }) }],
    'POST /api/log-destinations/{id}/test': [{ name: 'fleet', target: 'fleet', build: async () => ({ path: `/api/log-destinations/${await one()}/test` }) }],
    'GET /api/alerts': [
      fixed('list', 'fleet', () => ({ path: '/api/alerts?limit=500' })),
      fixed('own filter', 'own', () => ({ path: `/api/alerts?organization_id=${f.orgA.id}` })),
      fixed('other filter', 'other', () => ({ path: `/api/alerts?organization_id=${f.orgB.id}` }), { otherIsFiltered: true }),
    ],
    'POST /api/alerts/{id}/acknowledge': [
      fixed('own', 'own', () => ({ path: `/api/alerts/${alerts.a}/acknowledge` })),
      fixed('other', 'other', () => ({ path: `/api/alerts/${alerts.b}/acknowledge` })),
    ],
    'GET /api/alert-rules': [fixed('fleet', 'fleet', () => ({ path: '/api/alert-rules' }))],
    'PATCH /api/alert-rules/{id}': [fixed('fleet', 'fleet', () => ({ path: '/api/alert-rules/push_marked_fraud', body: { enabled: true } }))],
  };
}

/** Run routes of the catalog: own organization, other organization, and no organization (the parent account). */
function actionVariants(op: Operation): Variant[] | undefined {
  const id = actionIdOf(op.path);
  if (!id || op.method !== 'POST') return undefined;
  const api = /Duo API: (\w+)/.exec(op.description)?.[1];
  const destructive = /destructive/.test(op.description);
  // Accounts API keys reach every child account: no limited token may use them. (Admin and Auth API
  // actions run with the organization's own account and keys, so its limited tokens may.)
  const limitedForbidden = api === 'accounts';
  const input = ACTION_SAMPLE_INPUTS[id] ?? sampleFromSchema(op.body?.properties?.input, doc);
  const body = (organizationId?: string) => ({ integrationId: f.integrationId, ...(organizationId ? { organizationId } : {}), input, ...(destructive ? { dryRun: true } : {}) });
  return [
    fixed('own', 'own', () => ({ path: op.path, body: body(f.orgA.id) }), { limitedForbidden }),
    fixed('other', 'other', () => ({ path: op.path, body: body(f.orgB.id) }), { limitedForbidden }),
    fixed('parent account', 'fleet', () => ({ path: op.path, body: body() }), { limitedForbidden: true }),
  ];
}

function variantsOf(op: Operation, cases: Record<string, Variant[]>): Variant[] | undefined {
  return cases[op.key] ?? actionVariants(op);
}

/** Tokens per kind (limited ones hold A), minted once; cells with extra organizations mint their own. */
const tokens = new Map<string, string>();

async function tokenFor(kind: TokenKind, alsoOwn: string[] = []): Promise<string | null> {
  switch (kind.credential) {
    case 'none':
      return null;
    case 'malformed':
      return 'not a token!';
    case 'unknown':
      return `dh_${randomBytes(32).toString('base64url')}`;
    default:
      break;
  }
  const key = `${kind.name}|${alsoOwn.join(',')}`;
  const cached = tokens.get(key);
  if (cached) return cached;
  const scopes = [kind.credential === 'revoked' ? 'admin' : kind.scope!];
  const minted = await f.asAdmin('POST', '/api/tokens', { name: unique(kind.name), scopes, organization_ids: kind.limited ? [f.orgA.id, ...alsoOwn] : null });
  if (kind.credential === 'revoked') await f.asAdmin('DELETE', `/api/tokens/${minted.id}`);
  tokens.set(key, minted.token);
  return minted.token;
}

/** One call, read to the end (event streams end with their result), with a timeout. */
async function call(method: string, req: CellRequest, token: string | null) {
  const vault = req.path.startsWith('/v1/');
  const headers: Record<string, string> = { ...req.headers };
  if (token !== null) {
    if (vault) headers['x-vault-token'] = token;
    else headers.authorization = `Bearer ${token}`;
  }
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(f.hub.url + req.path, {
    method,
    headers,
    ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // CSV or an event stream: the text is what is searched.
  }
  return { status: res.status, text, body, headers: res.headers, contentType: res.headers.get('content-type') ?? '' };
}

/** What is wrong with one answer, or nothing. */
function judge(op: Operation, variant: Variant, kind: TokenKind, answer: Awaited<ReturnType<typeof call>>, req: CellRequest): string[] {
  const problems: string[] = [];
  const vault = op.path.startsWith('/v1/');
  const expected = expectedAccess(accessOf(op)!, kind, variant.target, { otherIsFiltered: variant.otherIsFiltered, limitedForbidden: variant.limitedForbidden });
  const code = answer.body?.error?.code;
  // Duo refusing a call (a 403 carrying Duo's code) is not the hub refusing the caller.
  const duoRefusal = answer.status === 403 && answer.body?.error?.details?.duo_code !== undefined;
  if (answer.status >= 500) problems.push(`5xx`);
  if (expected === 'unauthorized') {
    if (vault) {
      if (answer.status !== 403 || !Array.isArray(answer.body?.errors)) problems.push(`expected Vault's 403 {errors}`);
    } else if (answer.status !== 401 || code !== 'unauthorized' || answer.headers.get('www-authenticate') !== 'Bearer') {
      problems.push('expected 401 unauthorized with WWW-Authenticate: Bearer');
    }
  } else if (expected === 'forbidden') {
    if (answer.status !== 403 || duoRefusal) problems.push('expected 403');
    else if (vault ? !Array.isArray(answer.body?.errors) : code !== 'forbidden') problems.push('expected the forbidden error shape');
  } else if ((answer.status === 401 || answer.status === 403) && !duoRefusal) {
    problems.push('expected to be let through');
  }
  if (kind.limited) {
    const sent = JSON.stringify(req.body ?? '') + req.path;
    const leaked = findLeakedMarkers(answer.text, f.markersB.filter((m) => !sent.includes(m)));
    if (leaked.length > 0) problems.push(`leaked B markers ${JSON.stringify(leaked)}`);
  }
  return problems.map((p) => `${op.key} [${variant.name}] as ${kind.name}: ${p} (got ${answer.status} ${answer.text.slice(0, 200)})`);
}

beforeAll(async () => {
  f = await startTwoOrgFixture();
  // Duo log entries of both organizations, as a sync would store them (B's carry B's markers).
  const logOrg = (o: TwoOrgFixture['orgA'], userPrefix: string) => ({ id: o.id, accountId: o.accountId, userPrefix });
  await insertLogEvents(
    f.hub.store.db,
    buildLogEvents({ integrationId: f.integrationId, now: Date.now(), orgs: [logOrg(f.orgA, 'alpha-own-marker-user'), logOrg(f.orgB, 'bravo-other-marker-user')], days: 2, perDay: 6 }),
  );
  alerts.a = await storeAlert(f.hub.store.db, { integrationId: f.integrationId, accountId: f.orgA.accountId, organizationId: f.orgA.id }, 'alpha-own-marker-user');
  alerts.b = await storeAlert(f.hub.store.db, { integrationId: f.integrationId, accountId: f.orgB.accountId, organizationId: f.orgB.id }, 'bravo-other-marker-user');
  runs.a = await planBulk(f.orgA.id);
  runs.b = await planBulk(f.orgB.id);
  doc = (await (await fetch(`${f.hub.url}/api/openapi.json`)).json()) as JsonSchema;
  operations = listOperations(doc);
}, 120_000);

afterAll(async () => {
  await f?.close();
});

describe('access matrix from the OpenAPI document', () => {
  it('every operation declares its access and has a case (routes added later must be covered)', () => {
    const cases = routeCases();
    expect(operations.length).toBeGreaterThan(60);
    const undeclared = operations.filter((op) => !op.access).map((op) => op.key);
    const uncovered = operations.filter((op) => !variantsOf(op, cases)).map((op) => op.key);
    const stale = Object.keys(cases).filter((key) => !operations.some((op) => op.key === key));
    expect({ undeclared, uncovered, stale }).toEqual({ undeclared: [], uncovered: [], stale: [] });
    expect(operations.some((op) => op.path.startsWith('/v1/identity/mfa/method/duo'))).toBe(true);
  });

  it('every operation x token kind x own/other/fleet answers as declared, and nothing of B reaches A', { timeout: 300_000 }, async () => {
    const cases = routeCases();
    const problems: string[] = [];
    let cells = 0;
    const statuses: Record<string, number> = {};
    const queue = operations.flatMap((op) => (variantsOf(op, cases) ?? []).flatMap((variant) => KINDS.map((kind) => ({ op, variant, kind }))));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { op, variant, kind } = next;
        const req = await variant.build(kind);
        const token = await tokenFor(kind, kind.limited ? req.alsoOwn : []);
        const answer = await call(op.method, req, token);
        cells++;
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        problems.push(...judge(op, variant, kind, answer, req));
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    console.info(`access matrix: ${cells} cells over ${operations.length} operations; statuses ${JSON.stringify(statuses)}`);
    expect(problems).toEqual([]);
  });

  it('the leak check looks at real data: B shows to the admin, A to its own limited token', async () => {
    const limitedRead = (await tokenFor(KINDS.find((k) => k.name === 'read, limited to A')!))!;
    const admin = f.hub.adminToken;
    const texts = async (token: string) => {
      const paths = [
        '/api/organizations',
        `/api/reports/mfa-coverage?integration_id=${f.integrationId}`,
        '/api/reports/mfa-coverage?format=csv&list=users_without_mfa',
        '/api/audit?format=csv',
        '/api/logs?limit=1000',
        '/api/logs/export?format=csv',
        // Holds every account's units once the matrix has started a sync.
        '/api/logs/sync',
      ];
      const out = await Promise.all(paths.map((path) => call('GET', { path }, token)));
      out.push(await call('GET', { path: `/api/verify/${f.verificationA}/events`, headers: withSse }, token));
      return out.map((a) => a.text).join('\n');
    };
    const asAdmin = await texts(admin);
    expect(findLeakedMarkers(asAdmin, f.markersB)).toEqual(expect.arrayContaining([f.orgB.name, 'bravo-other-marker-user', f.orgB.accountId]));
    const bEvents = await call('GET', { path: `/api/verify/${f.verificationB}/events`, headers: withSse }, admin);
    expect(bEvents.text).toContain('event: result');
    const asA = await texts(limitedRead);
    expect(findLeakedMarkers(asA, f.markersA)).toEqual(expect.arrayContaining([f.orgA.name, 'alpha-own-marker-user']));
    expect(findLeakedMarkers(asA, f.markersB)).toEqual([]);
  });
});
