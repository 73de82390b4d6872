import { buildOpenApi, DuoAdminClient, DuoConfigError, endpoints } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { answerProblems } from '../../../emulator/test/helpers/answer-problems.js';
import { brandingActions } from '../../src/actions/branding/branding-actions.js';
import type { AnyAction } from '../../src/actions/define-action.js';
import { brandingContractCases } from './branding-contract-cases.js';
import { describeFamilyCatalog } from './describe-family-catalog.js';
import { ENDPOINT_MODES, useEndpointFixture } from './endpoint-fixture.js';

/**
 * Issue 16, custom branding and custom messaging: each catalog action's contract (through the SDK
 * in process), then the endpoints themselves in process and over a port: the draft kept
 * apart from live until published, the users who see it, image and color checks, custom messaging
 * live at once, permission denials; every answer checked against the generated OpenAPI description.
 */

const actions: AnyAction[] = [...brandingActions];
const doc = buildOpenApi(endpoints);
const FAMILY = /^branding\./;

/** A PNG header declaring `side` x `side` pixels, base64 (Duo checks the format and the size). */
function png(side: number): string {
  const bytes = Buffer.alloc(48);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(side, 16);
  bytes.writeUInt32BE(side, 20);
  return bytes.toString('base64');
}

describeFamilyCatalog({
  cases: brandingContractCases,
  actions,
  family: FAMILY,
  coverage: {
    title: 'has a case for every action of the family; changes everyone sees are destructive',
    check() {
      expect(actions.filter((a) => a.destructive).map((a) => a.id).sort()).toEqual(['branding.publish_draft', 'branding.update', 'branding.update_custom_messaging']);
      expect(actions.every((a) => a.resource === 'branding')).toBe(true);
    },
  },
  extra: ({ run }) => {
    it("a publish dry run shows what the live branding would become", async () => {
      await run('branding.update_draft', { page_background_color: '#0A0B0C', powered_by_duo: false });
      const live = await run('branding.get', {});
      const report = await run('branding.publish_draft', {}, { dryRun: true });
      expect(report.diff).toEqual({ page_background_color: { from: live.page_background_color, to: '#0A0B0C' }, powered_by_duo: { from: live.powered_by_duo, to: false } });
      expect(report.target.becomes).toMatchObject({ page_background_color: '#0A0B0C', powered_by_duo: false });
      expect((await run('branding.get', {})).page_background_color).toBe(live.page_background_color);
    });
  },
});

describe.each(ENDPOINT_MODES)('endpoints %s', (mode) => {
  let admin: DuoAdminClient;
  const { parent, adminIntegration: integration, answers } = useEndpointFixture(mode, (ep) => {
    admin = ep.clientFor();
  });

  it('keeps the draft apart from live, shows it only to its users, and publishes it', async () => {
    const live = await admin.branding.get();
    expect(live.logo).toBe(parent().logo_png_base64);
    const [alice, bob] = Object.values(parent().users);
    const draft = await admin.branding.updateDraft({ card_accent_color: '#ABCDEF', user_ids: [alice!.user_id] });
    expect(draft).toMatchObject({ card_accent_color: '#ABCDEF', user_ids: [alice!.user_id] });
    expect(await admin.branding.addDraftUser(bob!.user_id)).toMatchObject({ user_ids: [alice!.user_id, bob!.user_id] });
    expect(await admin.branding.get()).toEqual(live);
    const published = await admin.branding.publishDraft();
    expect(published).toEqual({ ...live, card_accent_color: '#ABCDEF' });
    expect(await admin.branding.get()).toEqual(published);
    expect(await admin.branding.getDraft()).toEqual({ ...published, user_ids: [] });
  });

  it('changes live branding at once and serves the new logo from the Auth API logo too', async () => {
    const logo = png(100);
    expect(await admin.branding.update({ logo, powered_by_duo: false })).toMatchObject({ logo, powered_by_duo: false });
    expect(parent().logo_png_base64).toBe(logo);
    expect((await admin.branding.getDraft()).logo).not.toBe(logo);
  });

  it("refuses what Duo refuses with 40002 naming the field, 404 for an unknown user", async () => {
    await expect(admin.branding.update({ logo: png(501) })).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'logo' });
    await expect(admin.branding.update({ background_img: png(5000) })).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'background_img' });
    await expect(admin.request('POST', '/admin/v1/branding', { page_background_color: 'white' })).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'page_background_color' });
    await expect(admin.branding.update({ card_accent_color: 'white' })).rejects.toBeInstanceOf(DuoConfigError);
    await expect(admin.branding.updateDraft({ user_ids: ['DUNOSUCHUSER00000000'] })).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'user_ids' });
    await expect(admin.branding.addDraftUser('DUNOSUCHUSER00000000')).rejects.toMatchObject({ status: 404, code: 40401 });
    await expect(admin.request('POST', '/admin/v1/branding/custom_messaging', { help_links: ['https://a.example', 'https://b.example', 'https://c.example'] })).rejects.toMatchObject({ status: 400, code: 40002, messageDetail: 'help_links' });
  });

  it('changes custom messaging at once; it has no draft', async () => {
    const messaging = await admin.branding.updateCustomMessaging({ help_links: ['https://help.example.com', 'https://status.example.com'], help_text: 'Call the desk', locale: 'de_DE' });
    expect(messaging).toEqual({ help_links: ['https://help.example.com', 'https://status.example.com'], help_text: 'Call the desk', locale: 'de_DE' });
    expect(await admin.branding.getCustomMessaging()).toEqual(messaging);
    expect(await admin.branding.updateCustomMessaging({ help_text: 'Call IT' })).toEqual({ ...messaging, help_text: 'Call IT' });
  });

  it('answers 40301 for every family endpoint without the settings grant', async () => {
    integration().grants = { ...integration().grants!, settings: false };
    try {
      for (const call of [
        () => admin.branding.get(),
        () => admin.branding.update({ powered_by_duo: true }),
        () => admin.branding.getDraft(),
        () => admin.branding.updateDraft({ powered_by_duo: true }),
        () => admin.branding.addDraftUser(Object.keys(parent().users)[0]!),
        () => admin.branding.publishDraft(),
        () => admin.branding.getCustomMessaging(),
        () => admin.branding.updateCustomMessaging({ help_text: 'x' }),
      ]) {
        await expect(call()).rejects.toMatchObject({ status: 403, code: 40301 });
      }
    } finally {
      integration().grants = { ...integration().grants!, settings: true };
    }
  });

  it('gave only answers that fit the OpenAPI description', () => {
    const mine = answers().filter((a) => FAMILY.test(a.endpoint.id));
    expect(mine.length).toBeGreaterThan(15);
    expect(mine.flatMap((a) => answerProblems(doc, a))).toEqual([]);
  });
});
