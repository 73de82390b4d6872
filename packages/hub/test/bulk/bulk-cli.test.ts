import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { startBulkFleet, type BulkFleet } from './support/bulk-fleet.js';

let f: BulkFleet;
let dir: string;

async function cli(args: string[], token?: string) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'duohub', ...args, '--url', f.hub.url, '--token', token ?? f.hub.adminToken], {
    io: { out: (t) => void (out += t), err: (t) => void (err += t) },
    env: {},
  });
  return { code, out, err };
}

beforeAll(async () => {
  f = await startBulkFleet();
  dir = await mkdtemp(path.join(tmpdir(), 'duohub-bulk-cli-'));
}, 60_000);
afterAll(async () => {
  await f?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('duohub bulk', () => {
  it('plan --dry-run prints counts by organization, the notes and the calls, and saves nothing', async () => {
    const res = await cli(['bulk', 'plan', 'users.update', '--org', 'acme corp', '--org', 'Globex Industries', '--users', 'bypass', '--set', 'status=active', '--dry-run']);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('dry run (not saved)');
    expect(res.out).toContain('users.update on 3 users in 2 organizations: 3 pending');
    expect(res.out).toMatch(/^Acme Corp\s+1\s+0\s+0\s+0\s+0\s+0\s+pending$/m);
    expect(res.out).toMatch(/^Globex Industries\s+2\s+/m);
    expect(res.out).toContain("status 'bypass' read live from Duo");
    expect(res.out).toMatch(/^1\s+Acme Corp\s+users.update\s+bob\s+pending/m);
    expect(res.out).toContain('nothing saved');
    expect((await f.hub.api('GET', '/api/bulk-runs')).body.items).toEqual([]);
  });

  it('names organizations as other commands do (did you mean) and checks its flags', async () => {
    const typo = await cli(['bulk', 'plan', 'users.update', '--org', 'Acme Crop', '--users', 'all', '--dry-run']);
    expect(typo.code).toBe(1);
    expect(typo.err).toContain('no organization named "Acme Crop". Did you mean "Acme Corp"');
    const none = await cli(['bulk', 'plan', 'settings.get']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('choose organizations');
    const both = await cli(['bulk', 'plan', 'users.update', '--all-orgs', '--users', 'all', '--user', 'bob']);
    expect(both.code).toBe(2);
  });

  it('plan with --csv and --require-approval saves the run and says what to type next; show, items, report, approve', async () => {
    const file = path.join(dir, 'users.csv');
    await writeFile(file, 'email\nbob@acme.example\nfrank@labs.example\nnobody@x.example\n');
    const planned = await cli(['bulk', 'plan', 'users.update', '--all-orgs', '--csv', file, '--input-json', '{"notes":"from csv"}', '--require-approval', '--json']);
    expect(planned.code, planned.err).toBe(0);
    const view = JSON.parse(planned.out);
    expect(view.status).toBe('planned');
    expect(view.counts.total).toBe(2);
    expect(view.notes.join('\n')).toContain('nobody@x.example');

    const shown = await cli(['bulk', 'show', view.id]);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toContain(view.id);
    expect(shown.out).toContain('approval: required, not yet given');
    expect(shown.out).toContain(`next: another person approves with \`duohub bulk approve ${view.id}\``);

    const listed = await cli(['bulk', 'items', view.id, '--status', 'pending', '--org', 'Acme Labs']);
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out.trim().split('\n')).toHaveLength(2);
    expect(listed.out).toMatch(/frank/);

    const csv = await cli(['bulk', 'report', view.id, '--format', 'csv']);
    expect(csv.code, csv.err).toBe(0);
    expect(csv.out.split('\r\n')[0]).toMatch(/^seq,organization_id,organization_name,action_id,target/);
    expect(csv.out.trimEnd().split('\r\n')).toHaveLength(3);
    const table = await cli(['bulk', 'report', view.id]);
    expect(table.out).toMatch(/^seq\s+organization\s+action_id\s+target\s+status/m);

    // The admin token made the plan; approving needs another token with the approve scope.
    const self = await cli(['bulk', 'approve', view.id, '--yes']);
    expect(self.code).toBe(1);
    expect(self.err).toContain('forbidden');
    const approver = await f.asAdmin('POST', '/api/tokens', { name: 'cli approver', scopes: ['approve'] });
    const asked = await cli(['bulk', 'approve', view.id], approver.token);
    expect(asked.code).toBe(1);
    expect(asked.err).toContain('refusing without --yes');
    const ok = await cli(['bulk', 'approve', view.id, '--yes'], approver.token);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toBe(`approved ${view.id}; run it with: duohub bulk run ${view.id}\n`);
    expect((await cli(['bulk', 'list', '--json'])).out).toContain('"approved": true');
  });

  it('discard --yes removes a planned run', async () => {
    const planned = JSON.parse((await cli(['bulk', 'plan', 'settings.get', '--tag', 'us', '--json'])).out);
    const gone = await cli(['bulk', 'discard', planned.id, '--yes']);
    expect(gone.code, gone.err).toBe(0);
    expect(gone.out).toBe(`discarded ${planned.id}\n`);
    const again = await cli(['bulk', 'show', planned.id]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('not_found');
  });
});
