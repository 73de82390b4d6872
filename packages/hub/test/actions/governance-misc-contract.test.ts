import { buildOpenApi, DuoAdminClient, DuoAuthClient, DuoForbiddenError, endpoints } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { answerProblems } from '../../../emulator/test/helpers/answer-problems.js';
import { makePng } from '../../../emulator/test/support-governance-misc/make-png.js';
import { administrativeUnitActions } from '../../src/actions/administrative_units/administrative-units-actions.js';
import type { AnyAction } from '../../src/actions/define-action.js';
import { logoActions, logoProblem } from '../../src/actions/logo/logo-actions.js';
import { passportActions, passportDiff } from '../../src/actions/passport/passport-actions.js';
import { describeFamilyCatalog } from './describe-family-catalog.js';
import { ENDPOINT_MODES, useEndpointFixture } from './endpoint-fixture.js';
import { CONTRACT_ADMIN, ensureContractAdmin, governanceMiscContractCases } from './governance-misc-contract-cases.js';

/**
 * Administrative units, Duo Passport and the account logo: each catalog action's contract
 * (through the SDK in process), then the endpoints themselves in process and over a port:
 * envelope, fields, paging metadata, error codes, permission denials and cascades; every answer
 * checked against the generated OpenAPI description.
 */

const actions: AnyAction[] = [...administrativeUnitActions, ...passportActions, ...logoActions];
const doc = buildOpenApi(endpoints);
const MINE = /administrative_units|passport|logo/;

describeFamilyCatalog({
  cases: governanceMiscContractCases,
  actions,
  family: MINE,
  coverage: {
    title: 'has a case for every action of the family, and the destructive ones are the writes that take away',
    check() {
      expect(actions.filter((a) => a.destructive).map((a) => a.id).sort()).toEqual([
        'administrative_units.delete',
        'administrative_units.remove_admin',
        'administrative_units.remove_group',
        'administrative_units.remove_integration',
        'administrative_units.update',
        'logo.delete',
        'logo.update',
        'passport.update',
      ]);
    },
  },
  extra: ({ fx, run, failure }) => {
    it('lists only the units holding a given group, and passes Duo\'s refusal of two filters through', async () => {
      const g = Object.keys(fx().parent.groups)[1]!;
      const out = await run('administrative_units.list', { group_id: g, limit: 50 });
      const expected = Object.values(fx().parent.administrative_units!).filter((u) => u.group_ids.includes(g)).map((u) => u.admin_unit_id);
      expect(expected.length).toBeGreaterThan(0);
      expect(out.items.map((u: any) => u.admin_unit_id)).toEqual(expected);
      const two = await failure('administrative_units.list', { group_id: g, admin_id: CONTRACT_ADMIN });
      expect({ code: two.code, status: two.status }).toEqual({ code: 'duo_rejected', status: 400 });
    });

    it('sets Passport browsers per platform, and refuses an unknown platform naming it', async () => {
      const out = await run('passport.update', { enabled_status: 'enabled', custom_supported_browsers: { windows: [{ common_name: 'Contract Browser Inc.' }] } });
      expect(out.custom_supported_browsers).toEqual({ macos: [], windows: [{ common_name: 'Contract Browser Inc.' }] });
      expect(fx().parent.passport_config?.custom_supported_browsers.windows).toEqual([{ common_name: 'Contract Browser Inc.' }]);
      const error = await failure('passport.update', { enabled_status: 'enabled', custom_supported_browsers: { linux: [] } });
      expect((error.details as Array<{ field: string }>).map((f) => f.field)).toContain('custom_supported_browsers.linux');
    });

    it("names the logo field with the reason in the hub's validation", async () => {
      const wide = await failure('logo.update', { logo: makePng(600, 10).toString('base64') });
      expect(wide.details).toEqual([expect.objectContaining({ field: 'logo', message: expect.stringMatching(/500 x 500 pixels \(is 600 x 10\)/) })]);
      const notBase64 = await failure('logo.update', { logo: '@@@' });
      expect(notBase64.details).toEqual([expect.objectContaining({ field: 'logo', message: expect.stringMatching(/base64/) })]);
    });
  },
});

describe('pure helpers', () => {
  it.each<[string, string, RegExp | undefined]>([
    ['a PNG', makePng(10, 10).toString('base64'), undefined],
    ['500 x 500', makePng(500, 500).toString('base64'), undefined],
    ['text', Buffer.from('hello there, I am no image').toString('base64'), /PNG/],
    ['URL-safe base64', 'ab-_', /base64/],
    ['too tall', makePng(3, 501).toString('base64'), /is 3 x 501/],
    ['too heavy', makePng(480, 480, { noise: true }).toString('base64'), /at most 200 KB/],
  ])('logoProblem: %s', (_name, value, problem) => {
    const found = logoProblem(value);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['nothing changes', { enabled_status: 'disabled', enabled_groups: [], disabled_groups: [] }, { enabled_status: 'disabled' }, []],
    ['status and groups, read from group objects', { enabled_status: 'enabled', enabled_groups: [{ group_id: 'DG1', group_name: 'x' }] }, { enabled_status: 'enabled-for-groups', enabled_groups: ['DG1'] }, ['enabled_status']],
    ['a replaced group list', { enabled_status: 'enabled-for-groups', enabled_groups: [{ group_id: 'DG1', group_name: 'x' }] }, { enabled_status: 'enabled-for-groups', enabled_groups: ['DG2'] }, ['enabled_groups']],
    ['browsers, a missing platform read as empty', { enabled_status: 'enabled', custom_supported_browsers: { macos: [], windows: [] } }, { enabled_status: 'enabled', custom_supported_browsers: { macos: [] } }, []],
    ['browsers added', { enabled_status: 'enabled', custom_supported_browsers: { macos: [], windows: [] } }, { enabled_status: 'enabled', custom_supported_browsers: { windows: [{ common_name: 'X' }] } }, ['custom_supported_browsers']],
  ])('passportDiff: %s', (_name, target, input, changed) => {
    expect(Object.keys(passportDiff(target, input))).toEqual(changed);
  });
});

describe.each(ENDPOINT_MODES)('endpoints %s', (mode) => {
  let admin: DuoAdminClient;
  let auth: DuoAuthClient;
  const { parent, clientFor, answers } = useEndpointFixture(mode, (ep) => {
    admin = ep.clientFor();
    const authIntegration = Object.values(ep.parent().integrations).find((i) => i.type === 'auth')!;
    auth = new DuoAuthClient({ host: ep.parent().api_hostname, ikey: authIntegration.integration_key, skey: authIntegration.secret_key, retry: false, pacing: false, ...ep.transport() });
    ensureContractAdmin(ep.parent());
  });
  const groups = () => Object.keys(parent().groups);

  it('pages administrative units with Duo metadata and answers Duo fields', async () => {
    for (let i = 0; i < 4; i++) await admin.administrativeUnits.create({ name: `Paged ${mode} ${i}`, description: 'p' });
    const total = Object.keys(parent().administrative_units!).length;
    const raw = await admin.request('GET', '/admin/v1/administrative_units', { limit: 2, offset: 1 });
    expect(raw.status).toBe(200);
    expect(raw.metadata).toEqual({ total_objects: total, next_offset: 3, prev_offset: 0 });
    const all = await admin.administrativeUnits.list({}, { pageSize: 2 }).toArray();
    expect(all).toHaveLength(total);
    expect(Object.keys(all[0]!).sort()).toEqual(['admin_unit_id', 'admins', 'description', 'groups', 'integrations', 'name', 'restrict_by_groups', 'restrict_by_integrations']);
  });

  it('answers 404/40401 for unknown units and members, 40001 and 40002 for bad input', async () => {
    await expect(admin.administrativeUnits.get('DNNOSUCHUNIT00000000')).rejects.toMatchObject({ status: 404, code: 40401 });
    const unit = await admin.administrativeUnits.create({ name: `Errors ${mode}`, description: 'e' });
    await expect(admin.administrativeUnits.add(unit.admin_unit_id, { admin_id: 'DENOSUCHADMIN0000000' })).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.administrativeUnits.add(unit.admin_unit_id, { integration_key: 'DINOSUCHINTEGRATION0' })).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.request('POST', '/admin/v1/administrative_units', { name: 'No description' })).rejects.toMatchObject({ status: 400, code: 40001, messageDetail: 'description' });
    await expect(admin.request('POST', `/admin/v1/administrative_units/${unit.admin_unit_id}`, { restrict_by_groups: 'maybe' })).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'restrict_by_groups' });
    await expect(admin.request('POST', '/admin/v2/passport/config', { enabled_status: 'sometimes' })).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'enabled_status' });
  });

  it('answers 40301 for every family endpoint when the integration lacks the grant', async () => {
    const none = clientFor({ admins: false, admins_read: false, settings: false, read_resource: false, write_resource: false });
    try {
      for (const call of [
        () => none.administrativeUnits.list().toArray(),
        () => none.administrativeUnits.get('DNNOSUCHUNIT00000000'),
        () => none.administrativeUnits.create({ name: 'x', description: 'x' }),
        () => none.administrativeUnits.delete('DNNOSUCHUNIT00000000'),
        () => none.administrativeUnits.add('DNNOSUCHUNIT00000000', { group_id: groups()[0]! }),
        () => none.administrativeUnits.remove('DNNOSUCHUNIT00000000', { group_id: groups()[0]! }),
        () => none.passport.get(),
        () => none.passport.update({ enabled_status: 'enabled' }),
        () => none.logo.get(),
        () => none.logo.delete(),
      ]) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuoForbiddenError);
        expect(error).toMatchObject({ status: 403, code: 40301 });
      }
      // "Grant read administrators" is enough to read units, not to change them.
      const reader = clientFor({ admins_read: true });
      await expect(reader.administrativeUnits.list().toArray()).resolves.not.toHaveLength(0);
      await expect(reader.administrativeUnits.create({ name: 'x', description: 'x' })).rejects.toMatchObject({ status: 403, code: 40301 });
    } finally {
      clientFor({ admins: true, admins_read: true, settings: true, read_resource: true, write_resource: true });
    }
  });

  it('a deleted group leaves every unit and the Passport configuration', async () => {
    const [g0, g1] = groups();
    const unit = await admin.administrativeUnits.create({ name: `Cascade ${mode}`, description: 'c', restrict_by_groups: true, groups: [g0!, g1!] });
    await admin.passport.update({ enabled_status: 'enabled-with-exceptions', disabled_groups: [g0!, g1!] });
    await admin.groups.delete(g0!);
    expect((await admin.administrativeUnits.get(unit.admin_unit_id)).groups).toEqual([g1]);
    expect((await admin.administrativeUnits.list({ group_id: g0! }).toArray())).toEqual([]);
    expect((await admin.passport.get()).disabled_groups.map((g) => g.group_id)).toEqual([g1]);
  });

  it('restricted administrators: listed by unit, unassignable when not restricted', async () => {
    const unit = await admin.administrativeUnits.create({ name: `Admins ${mode}`, description: 'a', admins: [CONTRACT_ADMIN] });
    expect((await admin.administrativeUnits.list({ admin_id: CONTRACT_ADMIN }).toArray()).map((u) => u.admin_unit_id)).toContain(unit.admin_unit_id);
    parent().admins!['DEGLOBAL000000000001'] = { admin_id: 'DEGLOBAL000000000001', name: 'Global', email: 'g@example.com', restricted_by_admin_units: false } as never;
    await expect(admin.administrativeUnits.add(unit.admin_unit_id, { admin_id: 'DEGLOBAL000000000001' })).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'admin_id' });
    await admin.administrativeUnits.remove(unit.admin_unit_id, { admin_id: CONTRACT_ADMIN });
    expect((await admin.administrativeUnits.get(unit.admin_unit_id)).admins).toEqual([]);
  });

  it('the Auth API serves the logo the Admin API set, and neither serves a deleted one', async () => {
    const png = makePng(30, 30, { shade: 200 });
    await admin.logo.update(png);
    expect((await admin.logo.get()).data.equals(png)).toBe(true);
    const served = await auth.logo();
    expect(served.contentType).toBe('image/png');
    expect(served.data.equals(png)).toBe(true);
    await admin.logo.delete();
    await expect(admin.logo.get()).rejects.toMatchObject({ status: 400, code: 40002 });
    await expect(auth.logo()).rejects.toMatchObject({ status: 400, code: 40002 });
    await expect(admin.request('POST', '/admin/v1/logo', { logo: makePng(501, 501).toString('base64') })).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'logo' });
  });

  it('gave only answers that fit the OpenAPI description', () => {
    const mine = answers().filter((a) => MINE.test(a.endpoint.id));
    expect(mine.length).toBeGreaterThan(15);
    expect(mine.flatMap((a) => answerProblems(doc, a))).toEqual([]);
  });
});
