import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import { startBulkFleet, type BulkFleet } from './support/bulk-fleet.js';

const BASE = process.env.DATABASE_URL;

describe.skipIf(!BASE)('bulk plans on Postgres', () => {
  let f: BulkFleet;
  let db: Awaited<ReturnType<typeof createTempDatabase>>;
  beforeAll(async () => {
    db = await createTempDatabase(BASE!);
    f = await startBulkFleet({ databaseUrl: db.url, coverage: false });
  }, 60_000);
  afterAll(async () => {
    await f?.close();
    await db?.drop();
  });

  it('plans, lists per organization limit, pages items, reports, approves and discards', async () => {
    const acme = f.orgs['Acme Corp']!.id;
    const limited = await f.asAdmin('POST', '/api/tokens', { name: 'acme', scopes: ['operate', 'approve'], organization_ids: [acme] });
    const fleet = await f.hub.api('POST', '/api/bulk-runs', { body: { action_id: 'users.update', organizations: { all: true }, users: { query: 'bypass' }, input: { status: 'active' }, requires_approval: true } });
    expect(fleet.status, fleet.text).toBe(201);
    expect(fleet.body.counts.total).toBe(3);
    expect(fleet.body.plan.by_organization.map((o: any) => [o.name, o.items])).toEqual([['Acme Corp', 1], ['Globex Industries', 2]]);
    const own = await f.hub.api('POST', '/api/bulk-runs', { token: limited.token, body: { action_id: 'settings.get', organizations: { all: true } } });
    expect(own.status, own.text).toBe(201);

    const listed = await f.hub.api('GET', '/api/bulk-runs', { token: limited.token });
    expect(listed.body.items.map((r: any) => r.id)).toEqual([own.body.id]);
    expect((await f.hub.api('GET', `/api/bulk-runs/${fleet.body.id}`, { token: limited.token })).status).toBe(403);

    const page = await f.hub.api('GET', `/api/bulk-runs/${fleet.body.id}/items?limit=2`);
    expect(page.body.items.map((i: any) => i.target)).toEqual(['bob', '=calc']);
    const rest = await f.hub.api('GET', `/api/bulk-runs/${fleet.body.id}/items?cursor=${page.body.next_cursor}`);
    expect(rest.body.items.map((i: any) => i.target)).toEqual(['gina']);
    const csv = await f.hub.api('GET', `/api/bulk-runs/${fleet.body.id}/report?format=csv`);
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(4);

    const approved = await f.hub.api('POST', `/api/bulk-runs/${fleet.body.id}/approve`, { token: limited.token.replace(/.$/, 'x'), body: { plan_hash: fleet.body.plan_hash } });
    expect(approved.status).toBe(401);
    const approver = await f.asAdmin('POST', '/api/tokens', { name: 'approver', scopes: ['approve'] });
    const ok = await f.hub.api('POST', `/api/bulk-runs/${fleet.body.id}/approve`, { token: approver.token, body: { plan_hash: fleet.body.plan_hash } });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.approved).toBe(true);
    expect((await f.hub.api('DELETE', `/api/bulk-runs/${own.body.id}`, { token: limited.token })).status).toBe(204);
    expect((await f.hub.api('GET', '/api/bulk-runs', { token: limited.token })).body.items).toEqual([]);
  });
});
