import { buildOpenApi, DuoAdminClient, endpoints, isDuoError } from '@duohub/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerProblems } from '../../../emulator/test/helpers/answer-problems.js';
import type { AnyAction } from '../../src/actions/define-action.js';
import { groupsAddUser } from '../../src/actions/groups/groups-add-user.js';
import { groupsCreate } from '../../src/actions/groups/groups-create.js';
import { groupsDelete } from '../../src/actions/groups/groups-delete.js';
import { groupsGet } from '../../src/actions/groups/groups-get.js';
import { groupsList } from '../../src/actions/groups/groups-list.js';
import { groupsListForUser } from '../../src/actions/groups/groups-list-for-user.js';
import { groupsListMembers } from '../../src/actions/groups/groups-list-members.js';
import { groupsRemoveUser } from '../../src/actions/groups/groups-remove-user.js';
import { groupsUpdate } from '../../src/actions/groups/groups-update.js';
import type { ContractFixture } from './contract-fixture.js';
import { describeFamilyCatalog } from './describe-family-catalog.js';
import { arrangeGroup, groupContractCases, UNKNOWN_GROUP } from './groups-contract-cases.js';

/**
 * The groups family's contract, run twice: against the emulator in process (the SDK's `fetch`
 * transport) and over a real port. Each run checks the catalog actions (valid, invalid, Duo's
 * failure, dry run), Duo's own answers through the SDK (status, envelope, fields, paging metadata,
 * error codes, permission denials, cascades), and every answer against the OpenAPI description.
 */

// The family's actions, imported directly so this suite does not depend on the rest of the catalog.
const actions: AnyAction[] = [groupsList, groupsGet, groupsListMembers, groupsListForUser, groupsCreate, groupsUpdate, groupsDelete, groupsAddUser, groupsRemoveUser];

/** An Admin API client of the parent account whose integration holds only `grants`. */
function clientWithGrants(fx: ContractFixture, grants: Partial<Record<'read_resource' | 'write_resource', boolean>>, name: string): DuoAdminClient {
  const ikey = `DI${name.toUpperCase().padEnd(18, 'X')}`.slice(0, 20);
  const skey = name.padEnd(40, 's');
  fx.parent.integrations[ikey] = {
    integration_key: ikey,
    secret_key: skey,
    name,
    type: 'admin',
    grants: { read_resource: false, write_resource: false, settings: false, info: false, read_log: false, ...grants },
  };
  const base = fx.url === 'in-process' ? { fetch: fx.emu.fetch } : { baseUrl: fx.url };
  return new DuoAdminClient({ host: fx.parent.api_hostname, ikey, skey, ...base, retry: false, pacing: false });
}

async function duoFailure(promise: Promise<unknown>): Promise<{ status: number; code: number | undefined; detail: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (isDuoError(error)) return { status: error.status ?? 0, code: error.code, detail: error.messageDetail };
    throw error;
  }
  throw new Error('the call did not fail');
}

for (const [where, transport] of [
  ['in process', 'in-process'],
  ['over a real port', 'port'],
] as const) {
  describeFamilyCatalog({
    title: `groups against the emulator ${where}`,
    cases: groupContractCases,
    actions,
    family: /^(users\.)?groups\./,
    transport,
    extra: (tools) => {
      const { run, failure: hubFailure } = tools;
      let fx: ContractFixture;
      let admin: DuoAdminClient;
      beforeAll(() => {
        fx = tools.fx();
        admin = fx.clients.admin as unknown as DuoAdminClient;
      });

      describe('group references', () => {
        it('an ambiguous name is a validation error naming group_name', async () => {
          arrangeGroup(fx.parent, 0, { name: 'Twin Team' });
          arrangeGroup(fx.parent, 0, { name: 'Twin Team' });
          const error = await hubFailure('groups.get', { group_name: 'Twin Team' });
          expect(error.code).toBe('validation_failed');
          expect((error.details as Array<{ field: string }>)[0]!.field).toBe('group_name');
        });

        it('an unknown name is not_found naming group_name', async () => {
          const error = await hubFailure('groups.delete', { group_name: 'No Such Team' });
          expect(error.code).toBe('not_found');
          expect(error.details).toMatchObject({ field: 'group_name' });
        });

        it('an exact spelling wins over a case-folded one', async () => {
          const exact = arrangeGroup(fx.parent, 0, { name: 'Case Team' });
          arrangeGroup(fx.parent, 0, { name: 'case team' });
          expect((await run('groups.get', { group_name: 'Case Team' })).group_id).toBe(exact.group_id);
        });

        it('naming no group or two ways at once is refused', async () => {
          const error = await hubFailure('groups.get', {});
          expect((error.details as Array<{ field: string }>).map((f) => f.field)).toContain('group_id');
        });
      });

      describe("Duo's answers through the SDK", () => {
        it('lists groups in pages with v1 metadata, as an async iterator', async () => {
          const total = Object.keys(fx.parent.groups).length;
          const page = await admin.request('GET', '/admin/v1/groups', { limit: 2, offset: 2 });
          expect(page.status).toBe(200);
          expect(page.metadata).toEqual({ total_objects: total, next_offset: 4, prev_offset: 0 });
          const all = [];
          for await (const g of admin.groups.list({ pageSize: 2 })) all.push(g.group_id);
          expect(all).toEqual(Object.keys(fx.parent.groups));
          const last = await admin.request('GET', '/admin/v1/groups', { limit: 500, offset: total - 1 });
          expect(last.metadata).not.toHaveProperty('next_offset');
        });

        it('creates, reads (v2 and legacy v1), modifies and deletes a group with every field Duo sends', async () => {
          const made = await admin.groups.create({ name: 'SDK Team', desc: 'from the sdk', status: 'active', push_enabled: true });
          expect(Object.keys(made).sort()).toEqual(['desc', 'group_id', 'mobile_otp_enabled', 'name', 'push_enabled', 'sms_enabled', 'status', 'voice_enabled']);
          expect(made.group_id).toMatch(/^DG[A-Z0-9]{18}$/);
          expect(await admin.groups.get(made.group_id)).toEqual(made);
          const member = Object.values(fx.parent.users)[3]!;
          await admin.groups.addUser(made.group_id, member.user_id);
          await admin.groups.addUser(made.group_id, member.user_id); // idempotent
          const v1 = await admin.groups.getV1(made.group_id);
          expect(v1.users).toEqual([{ user_id: member.user_id, username: member.username }]);
          const changed = await admin.groups.update(made.group_id, { desc: 'changed', status: 'bypass' });
          expect(changed).toMatchObject({ name: 'SDK Team', desc: 'changed', status: 'bypass' });
          await admin.groups.delete(made.group_id);
          await admin.groups.delete(made.group_id); // already gone: still 200
          expect((await duoFailure(admin.groups.get(made.group_id))).code).toBe(40401);
        });

        it("keeps a user's groups field and the member list one truth; deleting a group or user cascades", async () => {
          const g = arrangeGroup(fx.parent);
          const [a, b] = Object.values(fx.parent.users).slice(6, 8);
          await admin.groups.addUser(g.group_id, a!.user_id);
          await admin.groups.addUser(g.group_id, b!.user_id);
          expect((await admin.users.get(a!.user_id)).groups?.map((x) => x.group_id)).toContain(g.group_id);
          expect((await admin.groups.listForUser(a!.user_id).toArray()).map((x) => x.group_id)).toContain(g.group_id);
          expect((await admin.groups.listMembers(g.group_id).toArray()).map((m) => m.user_id)).toEqual([a!.user_id, b!.user_id]);

          await admin.groups.removeUser(g.group_id, b!.user_id);
          await admin.groups.removeUser(g.group_id, b!.user_id); // not a member: still 200
          expect((await admin.users.get(b!.user_id)).groups?.map((x) => x.group_id)).not.toContain(g.group_id);

          await admin.users.delete(a!.user_id);
          expect(await admin.groups.listMembers(g.group_id).toArray()).toEqual([]);

          const c = Object.values(fx.parent.users)[8]!;
          await admin.groups.addUser(g.group_id, c.user_id);
          await admin.groups.delete(g.group_id);
          expect((await admin.users.get(c.user_id)).groups?.map((x) => x.group_id)).not.toContain(g.group_id);
          expect(await admin.groups.listForUser(c.user_id).toArray()).not.toContainEqual(expect.objectContaining({ group_id: g.group_id }));
        });

        it('pages a group\'s members and a user\'s groups with offset metadata', async () => {
          const g = arrangeGroup(fx.parent, 5);
          const page = await admin.request('GET', `/admin/v2/groups/${g.group_id}/users`, { limit: 2, offset: 2 });
          expect(page.metadata).toEqual({ total_objects: 5, next_offset: 4, prev_offset: 0 });
          expect(page.response).toHaveLength(2);
          const u = Object.values(fx.parent.users)[0]!;
          const groups = await admin.request('GET', `/admin/v1/users/${u.user_id}/groups`, { limit: 1 });
          expect(groups.metadata).toMatchObject({ total_objects: u.group_ids.length });
        });

        it.each<[string, string, Record<string, unknown>, number, number, string]>([
          ['create without a name', '/admin/v1/groups', {}, 400, 40001, 'name'],
          ['create with a blank name', '/admin/v1/groups', { name: ' ' }, 400, 40002, 'name'],
          ['create with an unknown status', '/admin/v1/groups', { name: 'S', status: 'asleep' }, 400, 40002, 'status'],
          ['create with a taken name', '/admin/v1/groups', { name: 'Engineering' }, 400, 40003, 'name'],
          ['modify an unknown group', `/admin/v1/groups/${UNKNOWN_GROUP}`, { desc: 'x' }, 404, 40401, 'group_id'],
          ['add an unknown user', '/admin/v1/users/DUNOSUCHUSER00000000/groups', { group_id: UNKNOWN_GROUP }, 404, 40401, 'user_id'],
        ])('answers Duo error codes: %s', async (_name, path, params, status, code, detail) => {
          const error = await duoFailure(admin.request('POST', path, params as never));
          expect(error).toEqual({ status, code, detail });
        });

        it('answers 400/40002 for an unknown group_id and 400/40001 for a missing one on association', async () => {
          const u = Object.values(fx.parent.users)[0]!;
          expect(await duoFailure(admin.request('POST', `/admin/v1/users/${u.user_id}/groups`, { group_id: UNKNOWN_GROUP }))).toMatchObject({ status: 400, code: 40002 });
          expect(await duoFailure(admin.request('POST', `/admin/v1/users/${u.user_id}/groups`, {}))).toMatchObject({ status: 400, code: 40001 });
          expect(await duoFailure(admin.request('GET', `/admin/v2/groups/${UNKNOWN_GROUP}/users`))).toMatchObject({ status: 404, code: 40401 });
        });

        it('refuses each endpoint with 403/40301 when the integration lacks its permission', async () => {
          const g = arrangeGroup(fx.parent, 1);
          const u = Object.values(fx.parent.users)[0]!;
          const none = clientWithGrants(fx, {}, 'nogrants');
          const readOnly = clientWithGrants(fx, { read_resource: true }, 'readonly');
          const reads: Array<[DuoAdminClient, Promise<unknown>]> = [
            [none, none.request('GET', '/admin/v1/groups')],
            [none, none.request('GET', `/admin/v2/groups/${g.group_id}`)],
            [none, none.request('GET', `/admin/v1/groups/${g.group_id}`)],
            [none, none.request('GET', `/admin/v2/groups/${g.group_id}/users`)],
            [none, none.request('GET', `/admin/v1/users/${u.user_id}/groups`)],
          ];
          const writes: Array<Promise<unknown>> = [
            readOnly.request('POST', '/admin/v1/groups', { name: 'Denied' }),
            readOnly.request('POST', `/admin/v1/groups/${g.group_id}`, { desc: 'x' }),
            readOnly.request('DELETE', `/admin/v1/groups/${g.group_id}`),
            readOnly.request('POST', `/admin/v1/users/${u.user_id}/groups`, { group_id: g.group_id }),
            readOnly.request('DELETE', `/admin/v1/users/${u.user_id}/groups/${g.group_id}`),
          ];
          for (const [, call] of reads) expect(await duoFailure(call)).toMatchObject({ status: 403, code: 40301 });
          for (const call of writes) expect(await duoFailure(call)).toMatchObject({ status: 403, code: 40301 });
          // Nothing a refused call asked for happened.
          expect(fx.parent.groups[g.group_id]).toBeDefined();
          expect(u.group_ids).toContain(g.group_id);
          expect(await readOnly.groups.get(g.group_id)).toMatchObject({ group_id: g.group_id });
        });

        it('answers in Duo\'s envelope', async () => {
          const res = await fx.emu.fetch(new Request(`https://${fx.parent.api_hostname}/admin/v1/groups`));
          expect(res.status).toBe(401);
          expect(await res.json()).toMatchObject({ stat: 'FAIL', code: 40101 });
          const created = await admin.request('POST', '/admin/v1/groups', { name: 'Envelope Team' });
          expect(created.status).toBe(200);
          expect(created.metadata).toBeUndefined();
          const deleted = await admin.request('DELETE', `/admin/v1/groups/${(created.response as { group_id: string }).group_id}`);
          expect(deleted.response).toBe('');
        });
      });
    },
    // The family's ten endpoints all answered, and every other answer the suite got fits too.
    answers: (mine, all) => {
      expect(new Set(mine.map((a) => a.endpoint.id)).size).toBe(10);
      const doc = buildOpenApi(endpoints);
      expect(all.flatMap((answer) => answerProblems(doc, answer))).toEqual([]);
    },
  });
}
