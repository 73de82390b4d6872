import type { Account } from '@duohub/emulator';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBulkJobs, type BulkJobs } from '../../src/bulk/bulk-jobs.js';
import { forwardingDb } from '../../src/logs/forwarding/forwarding-tables.js';
import { useForwardingSettings } from '../../src/logs/forwarding/forwarding-settings.js';
import { startLogForwarding, type LogForwarder } from '../../src/logs/forwarding/log-forwarder.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from '../helpers/test-hub.js';
import { FAST } from '../logs/support/fast-forwarding.js';
import { baselineMatrixCases } from './baseline-matrix-cases.js';
import { waitUntil, WebhookReceiver } from '../logs/support/webhook-receiver.js';

/**
 * The issue's show, over real ports: an emulator fleet of four child accounts behind one
 * integration, three of them selected by tag. One setting changed in one child directly in the
 * emulator is reported as exactly that field of exactly that organization, with since when; the
 * drift alert reaches a webhook once; apply plans a bulk run of one call, running it fixes the
 * account, and the check after is clean. Only the selected organizations' accounts are read.
 */
describe('baseline drift, end to end', () => {
  let emu: TestEmulator;
  let hub: TestHub;
  let forwarder: LogForwarder;
  let bulk: BulkJobs;
  const receiver = new WebhookReceiver();
  const orgs: Record<'a' | 'b' | 'c' | 'd', { id: string; account: Account }> = {} as never;
  let limitedToken: string;

  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await hub.api(method, path, body === undefined ? {} : { body });
    if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status} ${res.text}`);
    return res.body;
  };
  const accountReads = () => {
    const counts = emu.emulator.stats().accountRequests;
    return Object.fromEntries(Object.entries(counts).map(([account, byRoute]) => [account, Object.values(byRoute).reduce((n, c) => n + c, 0)]));
  };
  const driftAlerts = async () => forwardingDb(hub.store.db).selectFrom('alerts').selectAll().where('rule_id', '=', 'baseline_drift').execute();

  beforeAll(async () => {
    emu = await startTestEmulator({ seed: { fleet: { accounts: 4, usersPerAccount: 0 } } });
    hub = await startTestHub();
    useForwardingSettings(hub.hub, { allowPrivate: true });
    const integration = await ok('POST', '/api/integrations', { name: 'Fleet', base_url: emu.url, admin: emu.sets.admin, accounts: emu.sets.accounts });
    const children = Object.values(emu.emulator.state.accounts).filter((a) => a.account_id !== emu.parentId).sort((x, y) => x.name.localeCompare(y.name));
    expect(children).toHaveLength(4);
    const keys = ['a', 'b', 'c', 'd'] as const;
    for (const [i, key] of keys.entries()) {
      const account = children[i]!;
      const org = await ok('POST', '/api/organizations', {
        name: `Org ${key.toUpperCase()} ${account.name}`,
        integration_id: integration.id,
        duo_account_id: account.account_id,
        tags: key === 'd' ? ['unmanaged'] : ['managed'],
      });
      orgs[key] = { id: org.id, account };
    }
    limitedToken = (await ok('POST', '/api/tokens', { name: 'only-a', scopes: ['admin'], organization_ids: [orgs.a.id] })).token;
    await receiver.up();
    const dest = await ok('POST', '/api/log-destinations', { name: 'pager', kind: 'webhook', url: receiver.url, include_events: false, include_alerts: true });
    receiver.secret = dest.secret;
    forwarder = await startLogForwarding(hub.hub, FAST);
    bulk = await startBulkJobs(hub.hub, { pollMs: 50 });
  }, 60_000);

  afterAll(async () => {
    await bulk?.stop();
    await forwarder?.stop();
    await receiver.down();
    await hub?.close();
    await emu?.close();
  });

  const BASELINE_YAML = [
    'name: managed-fleet',
    'description: Lockout and help desk rules for managed customers',
    'selector:',
    '  tags: [managed]',
    'wanted:',
    '  settings:',
    '    lockout_threshold: 10',
    '    helpdesk_bypass: allow',
    '    password_requires_numeric: false',
    '    sms_batch: 1',
    '  policies:',
    '    global:',
    '      new_user:',
    '        new_user_behavior: enroll',
    'check_every: 6h',
    '',
  ].join('\n');
  let baselineId: string;

  it('refuses an unknown setting, naming it', async () => {
    const res = await hub.api('POST', '/api/baselines', {
      body: { name: 'typo', selector: { all: true }, wanted: { settings: { lockout_treshold: 10, sms_batch: 'many' } } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: any) => d.field).sort()).toEqual(['wanted.settings.lockout_treshold', 'wanted.settings.sms_batch']);
  });

  it('imports the YAML baseline; the first check reads only the selected accounts and finds them clean', async () => {
    const imported = await hub.api('POST', '/api/baselines/import', { rawBody: BASELINE_YAML, headers: { 'content-type': 'application/yaml' } });
    expect(imported.status, imported.text).toBe(201);
    baselineId = imported.body.id;
    expect(imported.body.selector).toEqual({ tags: ['managed'] });

    const before = accountReads();
    const report = await ok('POST', `/api/baselines/${baselineId}/check`);
    const after = accountReads();
    const touched = Object.keys(after).filter((acct) => (after[acct] ?? 0) > (before[acct] ?? 0)).sort();
    expect(touched).toEqual([orgs.a.account.account_id, orgs.b.account.account_id, orgs.c.account.account_id].sort());
    expect(report.summary).toEqual({ organizations: 3, clean: 3, drifted: 0, error: 0, new_drift: 0 });
    expect((await ok('GET', `/api/baselines/${baselineId}/drift`)).items).toEqual([]);
  });

  let driftSince: string;

  it('one setting changed in one child shows as exactly that field of exactly that organization, and alerts once', async () => {
    orgs.b.account.settings.lockout_threshold = 5;
    const report = await ok('POST', `/api/baselines/managed-fleet/check`);
    expect(report.summary).toMatchObject({ organizations: 3, clean: 2, drifted: 1, error: 0, new_drift: 1 });
    const drifted = report.organizations.filter((o: any) => o.status === 'drifted');
    expect(drifted).toHaveLength(1);
    expect(drifted[0].organization_id).toBe(orgs.b.id);
    expect(drifted[0].drift).toEqual([{ field: 'settings.lockout_threshold', wanted: 10, actual: 5, since: report.checked_at }]);
    driftSince = report.checked_at;

    const drift = await ok('GET', `/api/baselines/${baselineId}/drift`);
    expect(drift.items).toEqual([
      { organization_id: orgs.b.id, organization_name: expect.stringContaining('Org B'), field: 'settings.lockout_threshold', wanted: 10, actual: 5, since: driftSince },
    ]);

    await waitUntil('the drift alert at the webhook', () => receiver.received.size >= 1, 15_000);
    const [received] = [...receiver.received.values()];
    expect(JSON.stringify(received!.body)).toContain('baseline_drift');
    const alerts = await driftAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ organization_id: orgs.b.id, duo_account_id: orgs.b.account.account_id, severity: 'medium' });
    expect(alerts[0]!.title).toContain('settings.lockout_threshold');
    const listed = await ok('GET', `/api/alerts?rule=baseline_drift`);
    expect(listed.items.map((a: any) => a.organization_id)).toEqual([orgs.b.id]);
    const rules = await ok('GET', '/api/alert-rules');
    expect(rules.items.find((r: any) => r.id === 'baseline_drift')).toMatchObject({ kind: 'check', fleet: { enabled: true } });
  });

  it('the same drift at the next check keeps its since and raises no second alert', async () => {
    const report = await ok('POST', `/api/baselines/${baselineId}/check`);
    expect(report.summary).toMatchObject({ drifted: 1, new_drift: 0 });
    const b = report.organizations.find((o: any) => o.organization_id === orgs.b.id);
    expect(b.drift).toEqual([{ field: 'settings.lockout_threshold', wanted: 10, actual: 5, since: driftSince }]);
    expect(await driftAlerts()).toHaveLength(1);
    const deliveries = await forwardingDb(hub.store.db).selectFrom('log_deliveries').select('item_id').where('item_kind', '=', 'alert').execute();
    expect(deliveries).toHaveLength(1);

    const history = await ok('GET', `/api/baselines/${baselineId}/checks?organization_id=${orgs.b.id}&limit=2`);
    expect(history.items.map((c: any) => c.status)).toEqual(['drifted', 'drifted']);
    expect(history.next_cursor).not.toBeNull();
    const older = await ok('GET', `/api/baselines/${baselineId}/checks?organization_id=${orgs.b.id}&limit=2&cursor=${history.next_cursor}`);
    expect(older.items.map((c: any) => c.status)).toEqual(['clean']);
  });

  it('apply plans one settings.update with only the drifted field; running it fixes the account and the next check is clean', async () => {
    const run = await ok('POST', `/api/baselines/${baselineId}/apply`, {});
    expect(run).toMatchObject({ status: 'planned', source: 'baseline', baseline_id: baselineId, action_id: 'settings.update', requires_approval: false });
    expect(run.counts.total).toBe(1);
    expect(run.plan.by_organization.map((o: any) => o.organization_id)).toEqual([orgs.b.id]);
    const items = await ok('GET', `/api/bulk-runs/${run.id}/items`);
    expect(items.items.map((i: any) => [i.action_id, i.input])).toEqual([['settings.update', { lockout_threshold: 10 }]]);

    const started = await hub.api('POST', `/api/bulk-runs/${run.id}/run`, { body: { plan_hash: run.plan_hash } });
    expect(started.status, started.text).toBe(202);
    await waitUntil('the bulk run to complete', async () => (await ok('GET', `/api/bulk-runs/${run.id}`)).status === 'completed', 20_000);
    expect((await ok('GET', `/api/bulk-runs/${run.id}`)).counts).toMatchObject({ total: 1, done: 1, failed: 0 });
    expect(Number(orgs.b.account.settings.lockout_threshold)).toBe(10);

    const report = await ok('POST', `/api/baselines/${baselineId}/check`);
    expect(report.summary).toEqual({ organizations: 3, clean: 3, drifted: 0, error: 0, new_drift: 0 });
    expect((await ok('GET', `/api/baselines/${baselineId}/drift`)).items).toEqual([]);
    expect(await driftAlerts()).toHaveLength(1);
  });

  it('apply with nothing drifted is a 409', async () => {
    const res = await hub.api('POST', `/api/baselines/${baselineId}/apply`, { body: { requires_approval: true } });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ reason: 'no_drift' });
  });

  it('a policy setting drifted in the global policy is planned as a policies.update of that section only', async () => {
    const global = Object.values((orgs.c.account as any).policies as Record<string, any>).find((p) => p.is_global_policy);
    global.sections.new_user = { ...global.sections.new_user, new_user_behavior: 'deny' };
    const run = await ok('POST', `/api/baselines/${baselineId}/apply`, { requires_approval: true });
    expect(run).toMatchObject({ status: 'planned', requires_approval: true, approved: false, action_id: 'policies.update' });
    const items = await ok('GET', `/api/bulk-runs/${run.id}/items`);
    expect(items.items.map((i: any) => [i.organization_id, i.action_id, i.input])).toEqual([
      [orgs.c.id, 'policies.update', { policy_key: 'global', sections: { new_user: { new_user_behavior: 'enroll' } } }],
    ]);
    const drift = await ok('GET', `/api/baselines/${baselineId}/drift`);
    expect(drift.items.map((d: any) => [d.organization_id, d.field, d.wanted, d.actual])).toEqual([[orgs.c.id, 'policies.global.new_user.new_user_behavior', 'enroll', 'deny']]);
    expect(await driftAlerts()).toHaveLength(2);
    global.sections.new_user = { ...global.sections.new_user, new_user_behavior: 'enroll' };
    await hub.api('DELETE', `/api/bulk-runs/${run.id}`);
  });

  it('exports YAML and JSON that import back to the same baseline', async () => {
    const yaml = await hub.api('GET', `/api/baselines/${baselineId}/export?format=yaml`);
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toContain('application/yaml');
    const doc = parseYaml(yaml.text);
    expect(doc).toEqual({
      name: 'managed-fleet',
      description: 'Lockout and help desk rules for managed customers',
      selector: { tags: ['managed'] },
      wanted: { settings: { lockout_threshold: 10, helpdesk_bypass: 'allow', password_requires_numeric: false, sms_batch: 1 }, policies: { global: { new_user: { new_user_behavior: 'enroll' } } } },
      check_every: '6h',
    });
    const json = await hub.api('GET', `/api/baselines/${baselineId}/export?format=json`);
    expect(JSON.parse(json.text)).toEqual(doc);

    // Same name: replaced in place (id kept); under a new name: a second baseline.
    const again = await hub.api('POST', '/api/baselines/import', { rawBody: yaml.text, headers: { 'content-type': 'text/yaml' } });
    expect(again.status, again.text).toBe(200);
    expect(again.body.id).toBe(baselineId);
    const copy = await hub.api('POST', '/api/baselines/import', { body: { ...JSON.parse(json.text), name: 'managed-fleet-copy' } });
    expect(copy.status, copy.text).toBe(201);
    const copyYaml = await hub.api('GET', `/api/baselines/${copy.body.id}/export`);
    expect({ ...parseYaml(copyYaml.text), name: 'managed-fleet' }).toEqual(doc);
    expect((await hub.api('DELETE', `/api/baselines/${copy.body.id}`)).status).toBe(204);

    const broken = await hub.api('POST', '/api/baselines/import', { rawBody: 'name: [oops', headers: { 'content-type': 'application/yaml' } });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('validation_failed');
  });

  it('the access-matrix cases of every baseline route answer as declared for an admin and a token limited to A', async () => {
    type V = { name: string; target: 'own' | 'other' | 'fleet'; build(): Promise<{ path: string; body?: unknown }> };
    let n = 0;
    const cases = baselineMatrixCases<V>({
      fixed: (name, target, req) => ({ name, target, build: async () => req() }),
      A: () => orgs.a.id,
      B: () => orgs.b.id,
      asAdmin: ok,
      unique: (p) => `${p}-${++n}`,
    });
    const spec = (await hub.api('GET', '/api/openapi.json')).body;
    const operations = Object.entries(spec.paths as Record<string, Record<string, any>>)
      .filter(([p]) => p.startsWith('/api/baselines'))
      .flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, access: op['x-duohub-access'] })));
    expect(operations.map((o) => o.key).sort()).toEqual(Object.keys(cases).sort());
    for (const op of operations) {
      const method = op.key.split(' ')[0]!;
      for (const variant of cases[op.key]!) {
        for (const limited of [false, true]) {
          const req = await variant.build();
          const res = await hub.api(method, req.path, { ...(req.body === undefined ? {} : { body: req.body }), ...(limited ? { token: limitedToken } : {}) });
          // As the matrix's expectedAccess decides: fleet-wide routes and other organizations refuse a limited token.
          const refused = limited && (op.access.organization_limited === 'denied' || variant.target === 'other');
          expect(res.status, `${op.key} ${variant.name} limited=${limited}: ${res.text}`).toBeLessThan(500);
          if (refused) expect(res.status, `${op.key} ${variant.name} limited`).toBe(403);
          else expect([401, 403], `${op.key} ${variant.name} limited=${limited}: ${res.text}`).not.toContain(res.status);
        }
      }
    }
  });

  it('bad input is a 4xx naming the field, never a 5xx', async () => {
    const cases: Array<[string, string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, number, string | undefined]> = [
      ['GET', `/api/baselines/${'x'.repeat(101)}`, {}, 400, 'id'],
      ['GET', '/api/baselines/no-such-baseline', {}, 404, undefined],
      ['GET', `/api/baselines/${baselineId}/checks?limit=0`, {}, 400, 'limit'],
      ['GET', `/api/baselines/${baselineId}/export?format=xml`, {}, 400, 'format'],
      ['POST', '/api/baselines', { rawBody: 'name: x', headers: { 'content-type': 'application/yaml' } }, 415, undefined],
      ['POST', '/api/baselines', { body: { name: 'x', selector: { all: true, tags: ['a'] }, wanted: { settings: { sms_batch: 1 } } } }, 400, 'selector'],
      ['POST', '/api/baselines', { body: { name: 'x', selector: { organization_ids: ['org_nope'] }, wanted: { settings: { sms_batch: 1 } } } }, 400, 'selector.organization_ids.0'],
      ['POST', '/api/baselines', { body: { name: 'managed-fleet', selector: { all: true }, wanted: { settings: { sms_batch: 1 } } } }, 409, undefined],
      ['POST', '/api/baselines', { body: { name: 'x', selector: { all: true }, wanted: { settings: { sms_batch: 1 } }, check_every: '5s' } }, 400, 'check_every'],
      ['PATCH', `/api/baselines/${baselineId}`, { body: { colour: 'red' } }, 400, 'colour'],
      ['PATCH', `/api/baselines/${baselineId}`, { body: { wanted: { settings: { lockout_threshold: 'ten' } } } }, 400, 'wanted.settings.lockout_threshold'],
      ['POST', `/api/baselines/${baselineId}/apply`, { body: { requires_approval: 'yes' } }, 400, 'requires_approval'],
      ['POST', '/api/baselines/import', { rawBody: 'a,b', headers: { 'content-type': 'text/csv' } }, 415, undefined],
      ['POST', '/api/baselines/import', { rawBody: '- just\n- a list\n', headers: { 'content-type': 'application/yaml' } }, 400, ''],
    ];
    for (const [method, path, options, status, field] of cases) {
      const res = await hub.api(method, path, options);
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(status);
      if (field !== undefined) expect(res.body.error.details.map((d: any) => d.field), `${method} ${path}`).toContain(field);
    }
  });

  it('a token limited to one organization cannot read a baseline over others, and writes none', async () => {
    const own = await ok('POST', '/api/baselines', { name: 'only-a', selector: { organization_ids: [orgs.a.id] }, wanted: { settings: { sms_batch: 1 } } });
    const as = (method: string, path: string, body?: unknown) => hub.api(method, path, { token: limitedToken, ...(body === undefined ? {} : { body }) });
    const list = await as('GET', '/api/baselines');
    expect(list.status).toBe(200);
    expect(list.body.items.map((b: any) => b.name)).toContain('only-a');
    expect(list.body.items.map((b: any) => b.name)).not.toContain('managed-fleet');
    for (const b of list.body.items) expect(b.selector).toEqual({ organization_ids: [orgs.a.id] });
    for (const path of [`/api/baselines/${baselineId}`, `/api/baselines/managed-fleet`, `/api/baselines/${baselineId}/drift`, `/api/baselines/${baselineId}/checks`, `/api/baselines/${baselineId}/export`]) {
      const res = await as('GET', path);
      expect(res.status, path).toBe(403);
      expect(res.text).not.toContain('lockout_threshold');
    }
    expect((await as('GET', `/api/baselines/${own.id}/drift`)).status).toBe(200);
    expect((await as('POST', `/api/baselines/${own.id}/check`)).status).toBe(403);
    expect((await as('POST', `/api/baselines/${baselineId}/apply`, {})).status).toBe(403);
    expect((await as('POST', '/api/baselines', { name: 'x', selector: { organization_ids: [orgs.a.id] }, wanted: { settings: { sms_batch: 1 } } })).status).toBe(403);
    expect((await as('DELETE', `/api/baselines/${own.id}`)).status).toBe(403);
    expect((await hub.api('DELETE', `/api/baselines/${own.id}`)).status).toBe(204);
  });
});
