import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog, findAction } from '../../src/actions/catalog.js';
import { contractCases } from './contract-cases.js';
import { startHubFixture, type HubFixture } from './hub-fixture.js';

let h: HubFixture;
beforeAll(async () => {
  h = await startHubFixture();
});
afterAll(async () => {
  await h?.close();
});

const body = (c: { on?: string }, input: unknown, extra: Record<string, unknown> = {}) => ({
  integration_id: h.integrationId,
  ...(c.on === 'child' ? { organization_id: h.childOrgId } : {}),
  input,
  ...extra,
});

describe.each(contractCases)('REST $id', (c) => {
  it('runs with valid input', async () => {
    const valid = await c.valid(h.fx, async (id, input) => {
      const res = await h.api('POST', `/api/actions/${id}/run`, body(c, input));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.output;
    });
    const res = await h.api('POST', `/api/actions/${c.id}/run`, body(c, valid.input));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ action: c.id, dry_run: false });
    valid.check(res.body.output, h.fx);
  });

  it('rejects invalid input with 400 naming the field', async () => {
    const res = await h.api('POST', `/api/actions/${c.id}/run`, body(c, c.invalid.input));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(`input.${c.invalid.field}`);
  });

  if (findAction(c.id)?.destructive) {
    it('dry run changes nothing', async () => {
      const d = c.dryRun!(h.fx);
      const before = d.snapshot();
      const res = await h.api('POST', `/api/actions/${c.id}/run`, body(c, d.input, { dry_run: true }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.output.dry_run).toBe(true);
      expect(d.snapshot()).toEqual(before);
    });
  }
});

describe('REST errors and access', () => {
  it('passes a Duo 40401 through as 404 with duo_code', async () => {
    const res = await h.api('POST', '/api/actions/users.get/run', { integration_id: h.integrationId, input: { user_id: 'DUNOSUCHUSER00000000' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found', details: { duo_code: 40401 } });
  });

  it('answers unknown actions, integrations and bodies with registry codes', async () => {
    expect((await h.api('POST', '/api/actions/users.nope/run', { integration_id: h.integrationId, input: {} })).status).toBe(404);
    expect((await h.api('POST', '/api/actions/users.list/run', { integration_id: 'int_nope', input: {} })).status).toBe(404);
    const bad = await h.api('POST', '/api/actions/users.list/run', '{not json');
    expect(bad.status).toBe(400);
    const missing = await h.api('POST', '/api/actions/users.list/run', { input: {} });
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toContain('integration_id');
  });

  it('needs operate scope and honours organization limits', async () => {
    const run = { integration_id: h.integrationId, input: { limit: 1 } };
    expect((await h.api('POST', '/api/actions/users.list/run', run, h.tokens.read)).status).toBe(403);
    expect((await h.api('POST', '/api/actions/users.list/run', run, 'dh_wrong')).status).toBe(401);
    expect((await h.api('POST', '/api/actions/users.list/run', run, h.tokens.limited)).status).toBe(403);
    expect((await h.api('POST', '/api/actions/users.list/run', { ...run, organization_id: h.otherOrgId }, h.tokens.limited)).status).toBe(403);
    expect((await h.api('POST', '/api/actions/accounts.list/run', { ...run, input: {}, organization_id: h.childOrgId }, h.tokens.limited)).status).toBe(403);
    const ok = await h.api('POST', '/api/actions/users.list/run', { ...run, organization_id: h.childOrgId }, h.tokens.limited);
    expect(ok.status).toBe(200);
    expect(ok.body.output.items[0].user_id).toBeDefined();
    expect(Object.keys(h.fx.child.users)).toContain(ok.body.output.items[0].user_id);
  });

  it('audits every run without codes or passcodes', async () => {
    const user = Object.values(h.fx.parent.users)[6]!;
    const res = await h.api('POST', '/api/actions/bypass_codes.create_for_user/run', {
      integrationId: h.integrationId,
      input: { user_id: user.user_id, codes: ['73914286', '55501234'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.output.codes.sort()).toEqual(['55501234', '73914286']);
    const rows = await h.hub.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'actions.bypass_codes.create_for_user').execute();
    expect(rows.length).toBeGreaterThan(0);
    const all = JSON.stringify(await h.hub.store.db.selectFrom('audit_log').selectAll().execute());
    expect(all).not.toContain('73914286');
    expect(all).toContain(user.user_id);
  });

  it('lists every action with JSON Schemas, and documents each in /api/openapi.json with its input schema', async () => {
    const list = await h.api('GET', '/api/actions', undefined, h.tokens.read);
    expect(list.body.items.map((a: { id: string }) => a.id).sort()).toEqual(catalog.map((a) => a.id).sort());
    const doc = (await (await fetch(`${h.url}/api/openapi.json`)).json()) as any;
    for (const action of catalog) {
      const op = doc.paths[`/api/actions/${action.id}/run`]?.post;
      expect(op, action.id).toBeDefined();
      const schema = op.requestBody.content['application/json'].schema;
      const input = schema.properties?.input ?? doc.components?.schemas?.[schema.$ref?.split('/').pop()]?.properties?.input;
      const expected = list.body.items.find((a: { id: string }) => a.id === action.id).input;
      expect(Object.keys(input.properties ?? {}).sort(), action.id).toEqual(Object.keys(expected.properties ?? {}).sort());
    }
    expect(doc.paths['/api/actions/{id}/run']).toBeUndefined();
  });
});
