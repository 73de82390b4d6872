import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';

let hub: TestHub;

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'duohub', ...args, '--url', hub.url, '--token', hub.adminToken], {
    io: { out: (t) => void (out += t), err: (t) => void (err += t) },
    env: {},
  });
  return { code, out, err };
}

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.close();
});

describe('organization tags', () => {
  it('are trimmed, lower-cased, de-duplicated on create and returned in views', async () => {
    const res = await hub.api('POST', '/api/organizations', { body: { name: 'Tagged One', tags: [' Tier-1 ', 'eu', 'EU', 'a.b_c'] } });
    expect(res.status, res.text).toBe(201);
    expect(res.body.tags).toEqual(['a.b_c', 'eu', 'tier-1']);
    const got = await hub.api('GET', `/api/organizations/${res.body.id}`);
    expect(got.body.tags).toEqual(['a.b_c', 'eu', 'tier-1']);
    const untagged = await hub.api('POST', '/api/organizations', { body: { name: 'Untagged' } });
    expect(untagged.body.tags).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(41)],
    ['space inside', 'two words'],
    ['slash', 'a/b'],
    ['not a string', 5],
  ])('refuses a bad tag (%s) with validation_failed naming tags', async (_label, tag) => {
    const res = await hub.api('POST', '/api/organizations', { body: { name: `Bad ${String(_label)}`, tags: [tag] } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.error.details)).toContain('tags');
  });

  it('PATCH replaces tags and leaves them alone when absent', async () => {
    const made = await hub.api('POST', '/api/organizations', { body: { name: 'Patch Me', tags: ['old'] } });
    const kept = await hub.api('PATCH', `/api/organizations/${made.body.id}`, { body: { email_domains: ['patch.example'] } });
    expect(kept.body.tags).toEqual(['old']);
    const replaced = await hub.api('PATCH', `/api/organizations/${made.body.id}`, { body: { tags: ['New', 'other'] } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.tags).toEqual(['new', 'other']);
    const listed = await hub.api('GET', '/api/organizations');
    expect(listed.body.items.find((o: any) => o.id === made.body.id).tags).toEqual(['new', 'other']);
  });

  it('duohub orgs add --tag and orgs tag --add/--remove/--clear', async () => {
    const add = await cli(['orgs', 'add', '--name', 'Cli Tagged', '--tag', 'Gold', '--tag', 'eu,us', '--json']);
    expect(add.code, add.err).toBe(0);
    expect(JSON.parse(add.out).tags).toEqual(['eu', 'gold', 'us']);
    const edit = await cli(['orgs', 'tag', 'Cli Tagged', '--add', 'new', '--remove', 'eu']);
    expect(edit.code, edit.err).toBe(0);
    expect(edit.out).toBe('Cli Tagged: gold, new, us\n');
    const set = await cli(['orgs', 'tag', 'Cli Tagged', '--tag', 'only']);
    expect(set.out).toBe('Cli Tagged: only\n');
    const cleared = await cli(['orgs', 'tag', 'Cli Tagged', '--clear']);
    expect(cleared.out).toBe('Cli Tagged: no tags\n');
    const none = await cli(['orgs', 'tag', 'Cli Tagged']);
    expect(none.code).toBe(2);
    const list = await cli(['orgs', 'list']);
    expect(list.out.split('\n')[0]).toMatch(/\btags\b/);
  });
});
