import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBulkFleet, type BulkFleet } from './support/bulk-fleet.js';

let f: BulkFleet;

beforeAll(async () => {
  f = await startBulkFleet();
}, 60_000);
afterAll(async () => {
  await f?.close();
});

const plan = (body: Record<string, unknown>, token?: string) => f.hub.api('POST', '/api/bulk-runs', { body, ...(token ? { token } : {}) });
const targets = (items: any[]) => items.map((i) => `${i.organization_name}/${i.target}`);
const token = async (name: string, scopes: string[], orgs: string[] | null = null) =>
  (await f.asAdmin('POST', '/api/tokens', { name, scopes, organization_ids: orgs })) as { id: string; token: string; scopes: string[] };

describe('planning over REST against an emulator fleet', () => {
  it('without_mfa by tag: users from the coverage snapshot, unmapped organizations skipped, invalid fills left out, no Duo calls', async () => {
    const before = f.mark();
    const res = await plan({ action_id: 'users.enroll', organizations: { tags: ['eu'] }, users: { query: 'without_mfa' }, dry_run: true });
    expect(res.status, res.text).toBe(200);
    const d = res.body;
    expect(d.id).toBeNull();
    expect(d.status).toBe('draft');
    expect(d.source).toBe('coverage');
    // dave has no email, which users.enroll requires: left out and said so.
    expect(targets(d.items)).toEqual(['Acme Corp/bob', 'Acme Corp/carol', 'Acme Corp/erin', 'Acme Labs/frank']);
    expect(d.items[0].input).toEqual({ username: 'bob', email: 'bob@acme.example' });
    expect(d.items[0].target_id).toBe(f.userIds['Acme Corp/bob']);
    expect(d.counts).toMatchObject({ total: 4, pending: 4, done: 0 });
    expect(d.plan.by_organization.map((o: any) => [o.name, o.items])).toEqual([['Acme Corp', 3], ['Acme Labs', 1]]);
    expect(d.plan.by_action).toEqual([{ action_id: 'users.enroll', items: 4 }]);
    const notes = d.notes.join('\n');
    expect(notes).toContain(`snapshot ${f.snapshotId}`);
    expect(notes).toContain('not read live');
    expect(notes).toMatch(/Skipped 1 unmapped organization.*Unmapped Co/);
    expect(notes).toMatch(/Left out 1 user.*dave \(Acme Corp\)/);
    expect(d.summary).toBe('users.enroll on 4 users in 2 organizations: 4 pending');
    expect(f.requestsSince(before)).toEqual({});
  });

  it('live status query on one organization reads only that account, with reads only', async () => {
    const before = f.mark();
    const res = await plan({ action_id: 'users.update', organizations: { ids: ['acme corp'] }, users: { query: 'locked_out' }, input: { status: 'active' }, dry_run: true });
    expect(res.status, res.text).toBe(200);
    expect(targets(res.body.items)).toEqual(['Acme Corp/carol']);
    expect(res.body.items[0].input).toEqual({ user_id: f.userIds['Acme Corp/carol'], status: 'active' });
    expect(res.body.notes[0]).toMatch(/status 'locked out' read live from Duo/);
    const calls = f.requestsSince(before);
    expect(Object.keys(calls)).toEqual([f.orgs['Acme Corp']!.accountId]);
    expect(Object.keys(calls[f.orgs['Acme Corp']!.accountId!]!).every((route) => route.startsWith('GET '))).toBe(true);
  });

  it.each([
    ['bypass', {}, ['Acme Corp/bob', 'Globex Industries/=calc', 'Globex Industries/gina']],
    ['disabled', {}, ['Acme Corp/dave']],
    ['inactive', { inactive_days: 50 }, ['Acme Corp/bob', 'Acme Corp/carol', 'Acme Labs/alice', 'Acme Labs/frank', 'Globex Industries/=calc']],
    ['inactive', {}, ['Acme Corp/bob', 'Acme Corp/carol', 'Acme Labs/alice', 'Acme Labs/frank', 'Globex Industries/=calc']],
  ])('query %s %j over all organizations', async (query, extra, expected) => {
    const res = await plan({ action_id: 'users.update', organizations: { all: true }, users: { query, ...extra }, input: { notes: 'x' }, dry_run: true });
    expect(res.status, res.text).toBe(200);
    expect(targets(res.body.items)).toEqual(expected);
  });

  it('names: usernames, aliases and emails (any case) per organization; unknown ones and ambiguous emails in the notes', async () => {
    const res = await plan({
      action_id: 'users.update',
      organizations: { name_pattern: '*' },
      users: { usernames: ['alice', 'erin.alias', 'FRANK@labs.example', 'shared@globex.example', 'nobody', 'ghost@x.example'] },
      input: { notes: 'named' },
      dry_run: true,
    });
    expect(res.status, res.text).toBe(200);
    expect(targets(res.body.items)).toEqual(['Acme Corp/alice', 'Acme Corp/erin', 'Acme Labs/alice', 'Acme Labs/frank']);
    const notes = res.body.notes.join('\n');
    expect(notes).toContain('Not found in any selected organization (2): nobody, ghost@x.example');
    expect(notes).toContain('Globex Industries: "shared@globex.example" matches 2 users');
  });

  it('CSV with a header naming the username column', async () => {
    const csv = 'Department,Username\r\nSales,bob\r\nOps,"gina"\r\nX,zed\r\n';
    const res = await plan({ action_id: 'users.update', organizations: { all: true }, users: { csv }, input: { notes: 'csv' }, dry_run: true });
    expect(res.status, res.text).toBe(200);
    expect(targets(res.body.items)).toEqual(['Acme Corp/bob', 'Globex Industries/gina']);
    expect(res.body.notes.join('\n')).toContain('Not found in any selected organization (1): zed');
  });

  it('an organization-level action plans one call per mapped organization', async () => {
    const res = await plan({ action_id: 'settings.get', organizations: { name_pattern: 'ACME*' }, dry_run: true });
    expect(res.status, res.text).toBe(200);
    expect(targets(res.body.items)).toEqual(['Acme Corp/Acme Corp', 'Acme Labs/Acme Labs']);
    expect(res.body.summary).toBe('settings.get: 2 calls in 2 organizations: 2 pending');
  });

  it.each([
    [{ action_id: 'users.enrol', organizations: { all: true }, users: { query: 'all' } }, 'action_id'],
    [{ action_id: 'users.update', organizations: { all: true } }, 'users'],
    [{ action_id: 'settings.get', organizations: { all: true }, users: { query: 'all' } }, 'users'],
    [{ action_id: 'users.update', organizations: {}, users: { query: 'all' } }, 'organizations'],
    [{ action_id: 'users.update', organizations: { all: true }, users: { query: 'all', usernames: ['a'] } }, 'users.query'],
    [{ action_id: 'users.update', organizations: { all: true }, users: { query: 'bypass', inactive_days: 3 } }, 'users.inactive_days'],
    [{ action_id: 'users.update', organizations: { ids: ['Acme Crop'] }, users: { query: 'all' } }, 'organizations.ids'],
    [{ action_id: 'users.update', organizations: { all: true }, users: { query: 'all' }, input: { nonsense: 1 } }, 'input.nonsense'],
    [{ action_id: 'users.update', organizations: { all: true }, users: { csv: 'a,b\nc,d' } }, 'users.csv'],
  ])('refuses %j with validation_failed naming %s', async (body, field) => {
    const res = await plan(body);
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: any) => d.field)).toContain(field);
  });

  it('an organization whose users cannot be read is noted, and a plan with no calls is not saved', async () => {
    const ghost = await f.hub.api('POST', '/api/organizations?force=true', {
      body: { name: 'Ghost Org', tags: ['ghost'], integration_id: f.integrationId, duo_account_id: 'DAGHOSTGHOSTGHOST001' },
    });
    expect(ghost.status, ghost.text).toBe(201);
    const body = { action_id: 'users.update', organizations: { tags: ['ghost'] }, users: { query: 'all' }, input: { notes: 'x' } };
    const dry = await plan({ ...body, dry_run: true });
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body.items).toEqual([]);
    expect(dry.body.notes.join('\n')).toMatch(/Ghost Org: could not read its users \(/);
    const saved = await plan(body);
    expect(saved.status).toBe(400);
    expect(saved.body.error.details[0].field).toBe('items');
    await f.hub.api('DELETE', `/api/organizations/${ghost.body.id}`);
  });

  it('declares every route in OpenAPI with its access', async () => {
    const doc = (await f.hub.api('GET', '/api/openapi.json')).body;
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/bulk-runs'))).toEqual(
      expect.arrayContaining(['/api/bulk-runs', '/api/bulk-runs/{id}', '/api/bulk-runs/{id}/items', '/api/bulk-runs/{id}/report', '/api/bulk-runs/{id}/approve']),
    );
    expect(doc.paths['/api/bulk-runs/{id}/approve'].post['x-duohub-access']).toEqual({ scope: 'approve', organization_limited: 'allowed' });
    expect(doc.paths['/api/bulk-runs'].post['x-duohub-access']).toEqual({ scope: 'operate', organization_limited: 'allowed' });
    expect(doc.paths['/api/bulk-runs/{id}'].delete['x-duohub-access'].scope).toBe('operate');
  });

  it.each([
    ['POST', '/api/bulk-runs', { action_id: 'users.update', organizations: { all: true }, users: { query: 'all' }, input: [1] }],
    ['POST', '/api/bulk-runs', { action_id: 'users.update', organizations: { all: true }, users: { csv: 5 } }],
    ['POST', '/api/bulk-runs', { action_id: 'users.update', organizations: { all: false } }],
    ['POST', '/api/bulk-runs', { action_id: 'users.update', organizations: { tags: ['Bad Tag!'] } }],
    ['POST', '/api/bulk-runs', { action_id: 'users.update', organizations: { all: true }, users: { query: 'inactive', inactive_days: 0 } }],
    ['GET', '/api/bulk-runs?limit=abc', undefined],
    ['GET', '/api/bulk-runs?status=weird', undefined],
    ['GET', '/api/bulk-runs?cursor=b1.!!', undefined],
    ['GET', '/api/bulk-runs/blk_x/report?format=xml', undefined],
    ['POST', '/api/bulk-runs/blk_x/approve', { plan_hash: 'short' }],
  ])('%s %s with bad input is 400', async (method, p, body) => {
    const res = await f.hub.api(method, p, body === undefined ? {} : { body });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('unknown runs are 404', async () => {
    for (const [method, p] of [['GET', '/api/bulk-runs/blk_nope'], ['GET', '/api/bulk-runs/blk_nope/items'], ['GET', '/api/bulk-runs/blk_nope/report'], ['DELETE', '/api/bulk-runs/blk_nope']] as const) {
      expect((await f.hub.api(method, p)).status, `${method} ${p}`).toBe(404);
    }
  });

  it('suggests a close organization name', async () => {
    const res = await plan({ action_id: 'users.update', organizations: { ids: ['Acme Crop'] }, users: { query: 'all' } });
    expect(JSON.stringify(res.body.error.details)).toContain('Did you mean');
  });
});

describe('saved plans', () => {
  it('saves exactly the dry run: same plan_hash, items, counts; paged items; secrets sealed and never shown', async () => {
    const body = {
      action_id: 'bypass_codes.create_for_user',
      organizations: { ids: ['Acme Corp', 'Acme Labs'] },
      users: { usernames: ['alice', 'frank'] },
      input: { codes: ['SEKRETCODE4711'], reuse_count: 1 },
    };
    const dry = await plan({ ...body, dry_run: true });
    expect(dry.status, dry.text).toBe(200);
    const saved = await plan(body);
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body.status).toBe('planned');
    expect(saved.body.id).toMatch(/^blk_/);
    expect(saved.body.plan_hash).toBe(dry.body.plan_hash);
    expect(saved.body.plan_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(saved.body.counts.total).toBe(3);
    expect(saved.text).not.toContain('SEKRETCODE4711');
    expect(dry.text).not.toContain('SEKRETCODE4711');
    const again = await f.hub.api('GET', `/api/bulk-runs/${saved.body.id}`);
    expect(again.body.plan_hash).toBe(saved.body.plan_hash);
    expect(again.body.notes.join('\n')).toContain('matched against users read live');

    const page1 = await f.hub.api('GET', `/api/bulk-runs/${saved.body.id}/items?limit=2`);
    expect(page1.body.items.map((i: any) => i.seq)).toEqual([1, 2]);
    expect(page1.body.items[0].input).toEqual({ user_id: f.userIds['Acme Corp/alice'], codes: '[redacted]', reuse_count: 1 });
    const page2 = await f.hub.api('GET', `/api/bulk-runs/${saved.body.id}/items?limit=2&cursor=${page1.body.next_cursor}`);
    expect(page2.body.items.map((i: any) => `${i.seq} ${i.organization_name}/${i.target}`)).toEqual(['3 Acme Labs/frank']);
    expect(page2.body.next_cursor).toBeNull();
    const bad = await f.hub.api('GET', `/api/bulk-runs/${saved.body.id}/items?cursor=nope`);
    expect(bad.status).toBe(400);

    // Nowhere in the store in plain text: database files, audit entries, logs.
    for (const name of await readdir(f.hub.dataDir, { recursive: true })) {
      const file = path.join(f.hub.dataDir, String(name));
      const bytes = await readFile(file).catch(() => Buffer.alloc(0));
      expect(bytes.includes(Buffer.from('SEKRETCODE4711')), file).toBe(false);
    }
    const rows = await f.hub.store.db.selectFrom('audit_log').select(['action', 'inputs']).where('target_id', '=', saved.body.id).execute();
    expect(rows.map((r) => r.action)).toEqual(['bulk.plan']);
    expect(rows[0]!.inputs).not.toContain('SEKRETCODE4711');
    expect(f.hub.logs.join('\n')).not.toContain('SEKRETCODE4711');
  });

  it('report as JSON and CSV (formula cells guarded)', async () => {
    const saved = await plan({ action_id: 'users.update', organizations: { all: true }, users: { query: 'bypass' }, input: { status: 'active' } });
    expect(saved.status, saved.text).toBe(201);
    const json = await f.hub.api('GET', `/api/bulk-runs/${saved.body.id}/report?format=json`);
    expect(json.status).toBe(200);
    expect(json.body.map((i: any) => i.target)).toEqual(['bob', '=calc', 'gina']);
    const csv = await f.hub.api('GET', `/api/bulk-runs/${saved.body.id}/report?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,organization_id,organization_name,action_id,target,target_id,status,attempts,code,message,duo_code,http_status,summary,started_at,finished_at,input');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain(`,'=calc,${f.userIds['Globex Industries/=calc']},pending,0,`);
    expect(lines[1]).toContain('"{""user_id"":');
  });

  it('lists newest first with a cursor and a status filter; discards only planned runs', async () => {
    const a = await plan({ action_id: 'settings.get', organizations: { ids: ['Globex Industries'] } });
    const b = await plan({ action_id: 'settings.get', organizations: { ids: ['Acme Labs'] } });
    const first = await f.hub.api('GET', '/api/bulk-runs?limit=1');
    expect(first.body.items[0].id).toBe(b.body.id);
    const second = await f.hub.api('GET', `/api/bulk-runs?limit=1&cursor=${first.body.next_cursor}`);
    expect(second.body.items[0].id).toBe(a.body.id);
    const planned = await f.hub.api('GET', '/api/bulk-runs?status=planned&limit=200');
    expect(planned.body.items.every((r: any) => r.status === 'planned')).toBe(true);
    expect((await f.hub.api('GET', '/api/bulk-runs?status=completed')).body.items).toEqual([]);

    expect((await f.hub.api('DELETE', `/api/bulk-runs/${a.body.id}`)).status).toBe(204);
    expect((await f.hub.api('GET', `/api/bulk-runs/${a.body.id}`)).status).toBe(404);
    expect((await f.hub.api('DELETE', `/api/bulk-runs/${a.body.id}`)).status).toBe(404);
    await f.hub.store.db.updateTable('bulk_runs' as never).set({ status: 'running' } as never).where('id' as never, '=', b.body.id).execute();
    const refused = await f.hub.api('DELETE', `/api/bulk-runs/${b.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    const audit = await f.hub.store.db.selectFrom('audit_log').select(['action', 'outcome']).where('target_id', '=', a.body.id).orderBy('id').execute();
    expect(audit.map((r) => `${r.action} ${r.outcome}`)).toEqual(['bulk.plan success', 'bulk.discard success', 'bulk.discard failure']);
  });
});

describe('approval', () => {
  it('needs the approve scope, a token other than the creator, and the plan_hash as read', async () => {
    const planner = await token('planner', ['operate', 'approve']);
    expect(planner.scopes).toEqual(['read', 'operate', 'approve']);
    const approver = await token('approver', ['approve']);
    expect(approver.scopes).toEqual(['read', 'approve']);
    const operator = await token('operator', ['operate']);
    const saved = await plan({ action_id: 'settings.get', organizations: { all: true }, requires_approval: true }, planner.token);
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body).toMatchObject({ requires_approval: true, approved: false, created_by: planner.id });
    const id = saved.body.id;
    const approve = (t: string, hash = saved.body.plan_hash) => f.hub.api('POST', `/api/bulk-runs/${id}/approve`, { token: t, body: { plan_hash: hash } });

    const self = await approve(planner.token);
    expect(self.status).toBe(403);
    expect(self.body.error.details.reason).toBe('approver_is_creator');
    expect((await approve(operator.token)).status).toBe(403);
    const wrong = await approve(approver.token, 'a'.repeat(64));
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('conflict');
    const ok = await approve(approver.token);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ approved: true, approved_by: approver.id, status: 'planned' });
    expect((await approve(approver.token)).status).toBe(409);
    // The approver can read what it approved.
    expect((await f.hub.api('GET', `/api/bulk-runs/${id}`, { token: approver.token })).status).toBe(200);

    const audit = await f.hub.store.db.selectFrom('audit_log').select(['action', 'outcome', 'token_id']).where('target_id', '=', id).where('action', '=', 'bulk.approve').orderBy('id').execute();
    expect(audit.map((r) => r.outcome)).toEqual(['denied', 'denied', 'failure', 'success', 'failure']);

    // Admin implies approve; a run that needs no approval cannot be approved.
    const other = await plan({ action_id: 'settings.get', organizations: { all: true }, requires_approval: true }, planner.token);
    const byAdmin = await f.hub.api('POST', `/api/bulk-runs/${other.body.id}/approve`, { body: { plan_hash: other.body.plan_hash } });
    expect(byAdmin.status, byAdmin.text).toBe(200);
    const plain = await plan({ action_id: 'settings.get', organizations: { all: true } });
    const needless = await f.hub.api('POST', `/api/bulk-runs/${plain.body.id}/approve`, { token: approver.token, body: { plan_hash: plain.body.plan_hash } });
    expect(needless.status).toBe(409);
    expect(needless.body.error.message).toContain('does not require approval');
  });
});

describe('a token limited to one organization', () => {
  it('plans only within it and never sees, reads, approves or discards a run touching another', async () => {
    const acme = f.orgs['Acme Corp']!.id;
    const limited = await token('acme-only', ['operate', 'approve'], [acme]);
    const fleetRun = await plan({ action_id: 'settings.get', organizations: { all: true }, requires_approval: true });
    expect(fleetRun.status).toBe(201);

    const onB = await plan({ action_id: 'settings.get', organizations: { ids: [f.orgs['Globex Industries']!.id] } }, limited.token);
    expect(onB.status).toBe(403);
    const byName = await plan({ action_id: 'settings.get', organizations: { ids: ['Globex Industries'] } }, limited.token);
    expect(byName.status).toBe(403);
    const unknown = await plan({ action_id: 'settings.get', organizations: { ids: ['No Such Org'] } }, limited.token);
    expect(unknown.status).toBe(403);
    const accounts = await plan({ action_id: 'accounts.list', organizations: { all: true } }, limited.token);
    expect(accounts.status).toBe(403);
    const denied = await f.hub.store.db.selectFrom('audit_log').select(['action', 'outcome']).where('token_id', '=', limited.id).where('action', '=', 'bulk.plan').execute();
    expect(denied.map((r) => r.outcome)).toEqual(['denied', 'denied', 'denied', 'denied']);

    const own = await plan({ action_id: 'users.update', organizations: { all: true }, users: { query: 'bypass' }, input: { status: 'active' } }, limited.token);
    expect(own.status, own.text).toBe(201);
    expect(own.body.plan.by_organization.map((o: any) => o.name)).toEqual(['Acme Corp']);
    expect(own.text).not.toContain('Globex');

    const list = await f.hub.api('GET', '/api/bulk-runs?limit=200', { token: limited.token });
    expect(list.status).toBe(200);
    const ids = list.body.items.map((r: any) => r.id);
    expect(ids).toContain(own.body.id);
    expect(ids).not.toContain(fleetRun.body.id);
    expect(list.text).not.toContain('Globex');
    for (const [method, p, body] of [
      ['GET', `/api/bulk-runs/${fleetRun.body.id}`],
      ['GET', `/api/bulk-runs/${fleetRun.body.id}/items`],
      ['GET', `/api/bulk-runs/${fleetRun.body.id}/report?format=csv`],
      ['POST', `/api/bulk-runs/${fleetRun.body.id}/approve`, { plan_hash: fleetRun.body.plan_hash }],
      ['DELETE', `/api/bulk-runs/${fleetRun.body.id}`],
    ] as const) {
      const res = await f.hub.api(method, p, body ? { token: limited.token, body } : { token: limited.token });
      expect(res.status, `${method} ${p}`).toBe(403);
      expect(res.text).not.toContain('Globex');
    }
    expect((await f.hub.api('GET', `/api/bulk-runs/${fleetRun.body.id}`)).body.approved).toBe(false);
  });
});
