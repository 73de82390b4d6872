import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_SAMPLE_INPUTS, actionIdOf } from './support/action-sample-inputs.js';
import { applyBodyMutation, bodyMutations, schemaAt, type BodyMutation } from './support/body-mutations.js';
import { conformsTo, type JsonSchema } from './support/json-schema.js';
import { namesField, vaultNamesField } from './support/names-field.js';
import { listOperations, type Operation } from './support/openapi-operations.js';
import { paramMutations, type ParamMutation } from './support/param-mutations.js';
import { sampleFromSchema } from './support/sample-from-schema.js';
import { seededRandom } from './support/seeded-random.js';
import { startTwoOrgFixture, type TwoOrgFixture } from './support/two-org-fixture.js';

/**
 * Issue 12: at least 5,000 schema-driven malformed requests over every operation of the OpenAPI
 * document. Each request starts from a valid-looking sample of the operation's request and makes
 * one thing wrong. Never a 5xx, a stack trace or a secret; where exactly one field was made wrong
 * against the declared schema, the answer is a 400 naming it.
 */

const SEED = Number(process.env.DUOHUB_FUZZ_SEED ?? 12);
const TOTAL = 5_200;
const CONCURRENCY = 12;

let f: TwoOrgFixture;
let doc: JsonSchema;
let operations: Operation[];
/** A second integration and organization the fuzz may rename or break without touching the fixture's. */
let spare: { integrationId: string; orgId: string };

/** One fuzz request and what it was meant to break. */
interface FuzzCase {
  op: Operation;
  kind: string;
  /** Where the one wrong thing is (`body`, `query`, `path`) and its field path; `''` for the body itself. */
  location: 'body' | 'query' | 'path' | 'content-type' | 'raw';
  field: string;
  /** The declared schema refuses the request because of this one change: a 400 naming it is required. */
  strict: boolean;
  /** What the answer must be instead of a named 400 (content type, broken JSON). */
  expectCode?: { status: number; code: string };
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** Real values where a random one would stop the request before anything interesting runs. */
function knownValues(op: Operation): (path: string) => unknown {
  const sets = f.emu.sets;
  const action = actionIdOf(op.path);
  const destructive = /destructive/.test(op.description);
  return (path) => {
    if (action && path === 'input') return ACTION_SAMPLE_INPUTS[action];
    const key = path.split('.').pop()!;
    if (path === 'integrationId' || path === 'integration_id') return op.path.startsWith('/api/organizations') ? undefined : f.integrationId;
    // Verify takes a method or an organization, not both; the method is the one known here.
    if (path === 'organizationId' || path === 'organization_id') return op.path.startsWith('/v1/') || op.path === '/api/verify' ? undefined : f.orgA.id;
    if (path === 'method_id') return f.methodId;
    if (path === 'username') return 'alpha-own-marker-user';
    if (path === 'wait') return false;
    if (path === 'timeout_seconds') return 2;
    // Destructive actions only resolve their target; others refuse a dry run.
    if (path === 'dry_run') return destructive ? true : undefined;
    if (path === 'base_url') return f.emu.url;
    if (op.path === '/api/integrations' && (path === 'auth' || path === 'admin' || path === 'accounts')) return sets[path];
    if (op.path.startsWith('/v1/')) {
      if (key === 'api_hostname') return sets.auth.api_host;
      if (key === 'integration_key') return sets.auth.integration_key;
      if (key === 'secret_key') return sets.auth.secret_key;
    }
    return undefined;
  };
}

/** Path parameters: harmless real ids (missing ones for deletes, so nothing shared is deleted). */
function pathParams(op: Operation): Record<string, string> {
  if (!op.path.includes('{id}')) return {};
  if (op.method === 'DELETE') return { id: 'zz_fuzz_missing_id' };
  if (op.path.startsWith('/api/integrations/')) return { id: spare.integrationId };
  if (op.path.startsWith('/api/organizations/')) return { id: spare.orgId };
  if (op.path.startsWith('/api/reports/mfa-coverage/runs/')) return { id: f.runIds[0] };
  if (op.path.startsWith('/v1/')) return { id: f.methodId };
  if (op.path.startsWith('/api/verify/')) return { id: f.verificationA };
  if (op.path.startsWith('/api/actions/')) return { id: 'users.list' };
  return { id: 'zz_fuzz_id' };
}

function baseQuery(op: Operation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of op.parameters) {
    if (p.in !== 'query' || !p.required) continue;
    out[p.name] = p.name === 'from' ? f.runIds[0] : String(sampleFromSchema(p.schema, doc));
  }
  return out;
}

function buildUrl(op: Operation, path: Record<string, string>, query: Record<string, string | string[]>, raw = false): string {
  const p = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => (raw ? path[name]! : encodeURIComponent(path[name]!)));
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) for (const one of Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${one}`);
  return `${f.hub.url}${p}${parts.length ? `?${parts.join('&')}` : ''}`;
}

/** The fuzz cases of one operation for one round; rounds draw other values for the same kinds. */
function casesFor(op: Operation, round: number): FuzzCase[] {
  const r = seededRandom(SEED * 7919 + round * 104_729 + operations.indexOf(op));
  const headers = { authorization: `Bearer ${f.hub.adminToken}` };
  const known = knownValues(op);
  const params = pathParams(op);
  const encodedParams = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v)]));
  const query = Object.fromEntries(Object.entries(baseQuery(op)).map(([k, v]) => [k, encodeURIComponent(v)]));
  const base = op.body ? sampleFromSchema(op.body, doc, known) : undefined;
  const baseValid = op.body ? conformsTo(op.body, base, doc) : true;
  const jsonHeaders = { ...headers, 'content-type': 'application/json' };
  const bodyText = base === undefined ? undefined : JSON.stringify(base);
  const vault = op.path.startsWith('/v1/');
  const out: FuzzCase[] = [];
  const common = { op, url: buildUrl(op, encodedParams, query, true), headers: bodyText ? jsonHeaders : headers, body: bodyText };

  if (op.body) {
    const fill = (path: string[]) => sampleFromSchema(schemaAt(op.body, doc, path), doc, known, path);
    for (const m of bodyMutations(op.body, doc, r)) {
      const mutated = applyBodyMutation(base, m, fill);
      out.push({
        ...common,
        kind: `body.${m.kind}`,
        location: 'body',
        field: m.path.join('.'),
        strict: baseValid && !conformsTo(op.body, mutated, doc) && m.kind !== 'lone_surrogate',
        body: JSON.stringify(mutated),
      });
    }
    // Vault reads any body as JSON whatever its content type, as Vault's own curl examples need.
    if (!vault) out.push({ ...common, kind: 'wrong_content_type', location: 'content-type', field: '', strict: false, headers: { ...headers, 'content-type': r.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) }, expectCode: { status: 415, code: 'unsupported_media_type' } });
    const cut = bodyText!.slice(0, Math.max(1, r.int(bodyText!.length)));
    out.push({ ...common, kind: 'truncated_json', location: 'raw', field: '', strict: false, body: cut, expectCode: { status: 400, code: 'malformed_body' } });
  }
  for (const m of paramMutations(op.parameters, doc, r)) out.push(paramCase(op, m, common, encodedParams, query, baseValid));
  // Every operation, even one without parameters: an undeclared query parameter (loose by design)
  // and an odd Accept header.
  const extra = r.pick(['1', '%ED%A0%80', 'x'.repeat(3000), '%', '{}']);
  out.push({ ...common, kind: 'query.unknown_param', location: 'query', field: 'zz_fuzz', strict: false, url: buildUrl(op, encodedParams, { ...query, zz_fuzz: extra }, true) });
  out.push({ ...common, kind: 'header.odd_accept', location: 'raw', field: '', strict: false, headers: { ...common.headers, accept: r.pick(['text/event-stream', 'application/xml', '*/*;q=abc', 'text/csv']) } });
  return out;
}

function paramCase(op: Operation, m: ParamMutation, common: Omit<FuzzCase, 'kind' | 'location' | 'field' | 'strict'>, path: Record<string, string>, query: Record<string, string>, baseValid: boolean): FuzzCase {
  const p = { ...path };
  const q: Record<string, string | string[]> = { ...query };
  if (m.in === 'path') p[m.name] = m.raw as string;
  else if (m.raw === null) delete q[m.name];
  else q[m.name] = m.raw;
  return { ...common, kind: `${m.in}.${m.kind}`, location: m.in, field: m.name, strict: baseValid && m.violates, url: buildUrl(op, p, q, true) };
}

const STACK = /\n\s+at .+[:(]\d+:\d+|node_modules|\/work\/|file:\/\//;

/** What is wrong with one answer (empty when it is fine), and how it is recorded. */
function judge(c: FuzzCase, status: number, text: string): { problems: string[]; named: boolean | undefined } {
  const problems: string[] = [];
  const vault = c.op.path.startsWith('/v1/');
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (status >= 500) problems.push('5xx');
  if (STACK.test(text)) problems.push('stack trace or file path in the answer');
  const secrets = [f.hub.adminToken, f.emu.sets.admin.secret_key, f.emu.sets.auth.secret_key, f.emu.sets.accounts.secret_key];
  if (secrets.some((s) => text.includes(s))) problems.push('a secret in the answer');
  let named: boolean | undefined;
  if (status === 400) named = vault ? vaultNamesField(body?.errors, c.field) : body?.error?.code === 'validation_failed' && namesField(body.error.details, c.location, c.field);
  if (c.expectCode && !vault) {
    if (status !== c.expectCode.status || body?.error?.code !== c.expectCode.code) problems.push(`expected ${c.expectCode.status} ${c.expectCode.code}`);
  } else if (c.expectCode && vault && status !== c.expectCode.status) {
    problems.push(`expected ${c.expectCode.status}`);
  } else if (c.strict) {
    if (status !== 400) problems.push(`expected 400 for ${c.location} ${c.field || '(body)'}`);
    else if (!named) problems.push(`400 does not name ${c.location} ${c.field || '(body)'}`);
  }
  return { problems, named };
}

beforeAll(async () => {
  f = await startTwoOrgFixture();
  doc = (await (await fetch(`${f.hub.url}/api/openapi.json`)).json()) as JsonSchema;
  operations = listOperations(doc);
  const integration = await f.asAdmin('POST', '/api/integrations', { name: 'Fuzz spare', base_url: f.emu.url, admin: f.emu.sets.admin, auth: f.emu.sets.auth });
  const org = await f.asAdmin('POST', '/api/organizations', { name: 'Fuzz spare org' });
  spare = { integrationId: integration.id, orgId: org.id };
}, 120_000);

afterAll(async () => {
  await f?.close();
});

describe('schema-driven fuzz over every route', () => {
  it(`${TOTAL}+ malformed requests: no 5xx, no stack traces or secrets, every one-field 400 names its field`, { timeout: 300_000 }, async () => {
    const quota = Math.ceil(TOTAL / operations.length);
    const cases: FuzzCase[] = [];
    for (const op of operations) {
      const mine: FuzzCase[] = [];
      for (let round = 0; mine.length < quota && round < 50; round++) mine.push(...casesFor(op, round));
      // Wide bodies (integrations) yield hundreds of cases a round: keep every kind, cap the rest.
      const kept = new Map<string, FuzzCase>();
      for (const c of mine) if (!kept.has(c.kind)) kept.set(c.kind, c);
      const rest = mine.filter((c) => kept.get(c.kind) !== c);
      cases.push(...kept.values(), ...rest.slice(0, Math.max(0, quota + 10 - kept.size)));
    }
    expect(cases.length).toBeGreaterThanOrEqual(5_000);
    expect(new Set(cases.map((c) => c.op.key)).size).toBe(operations.length);

    const problems: string[] = [];
    const statuses: Record<string, number> = {};
    const byKind: Record<string, Record<string, number>> = {};
    const unnamed: Record<string, string> = {};
    let strict = 0;
    let strictNamed = 0;
    let next = 0;
    const started = Date.now();
    const send = (c: FuzzCase) => fetch(c.url, { method: c.op.method, headers: c.headers, ...(c.body !== undefined ? { body: c.body } : {}), signal: AbortSignal.timeout(30_000) });
    // A kept-alive connection the server closed as idle just as the client reused it is reset: the
    // request never reached the hub (seen with the test worker's event loop busy for seconds on a
    // loaded machine). Sent again once, on a fresh connection; a reset twice fails the test.
    let resets = 0;
    const sendOnce = async (c: FuzzCase) => {
      try {
        return await send(c);
      } catch (error) {
        if (!isConnectionReset(error)) throw error;
        resets += 1;
        return await send(c);
      }
    };
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++]!;
        const res = await sendOnce(c);
        const text = await res.text();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const tally = (byKind[c.kind] ??= {});
        tally[res.status] = (tally[res.status] ?? 0) + 1;
        const { problems: found, named } = judge(c, res.status, text);
        if (c.strict) strict++;
        if (c.strict && named) strictNamed++;
        if (res.status === 400 && !named && !c.expectCode && c.field) unnamed[`${c.op.key} ${c.kind} ${c.location}:${c.field}`] = text.slice(0, 160);
        for (const p of found) problems.push(`${c.op.key} ${c.kind} ${c.location}:${c.field} -> ${res.status} ${p}: ${text.slice(0, 240)} [sent ${(c.body ?? '').slice(0, 160)} to ${c.url.slice(f.hub.url.length, f.hub.url.length + 160)}]`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;
    console.info(`fuzz: ${cases.length} requests over ${operations.length} operations in ${seconds.toFixed(1)} s (seed ${SEED}); statuses ${JSON.stringify(statuses)}; connections reset and sent again ${resets}`);
    console.info(`fuzz: ${strict} requests broke exactly one field against the declared schema; ${strictNamed} answered 400 naming it`);
    console.info(`fuzz by kind: ${JSON.stringify(byKind)}`);
    const unnamedKeys = Object.keys(unnamed);
    if (unnamedKeys.length > 0) console.info(`400s not naming a non-strict field (recorded): ${unnamedKeys.length}\n${unnamedKeys.slice(0, 40).map((k) => `${k} => ${unnamed[k]}`).join('\n')}`);
    expect(problems.slice(0, 60)).toEqual([]);
  });
});

/** fetch's failure when the connection was reset under it (undici wraps the socket error as `cause`). */
function isConnectionReset(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return error instanceof TypeError && ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(cause?.code ?? '');
}
