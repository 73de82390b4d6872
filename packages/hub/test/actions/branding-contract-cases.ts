import { expect } from 'vitest';
import type { ContractCase, DuoCase } from './contract-cases.js';
import type { ContractFixture } from './contract-fixture.js';

/**
 * Contract cases of the custom branding and custom messaging actions, run by the catalog's
 * contract suite on one shared emulator (the parent account, which the demo seed gave a logo).
 */

const UNKNOWN_USER = 'DUNOSUCHUSER00000000';
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const notFound = (input: unknown): DuoCase => ({ input, code: 'not_found', status: 404, duoCode: 40401 });
const rejected = (input: unknown): DuoCase => ({ input, code: 'duo_rejected', status: 400, duoCode: 40002 });
const badKeys = (input: unknown = {}): DuoCase => ({ input, code: 'duo_error', status: 502, duoCode: 40103, keys: 'bad' });
const users = (fx: ContractFixture) => Object.values(fx.parent.users);
/** The account's branding state as the emulator holds it (absent until the first branding call). */
const branding = (fx: ContractFixture) => fx.parent.branding;

export const brandingContractCases: ContractCase[] = [
  {
    id: 'branding.get',
    valid: () => ({ input: {}, check: (out, fx) => {
      expect(out.logo).toBe(fx.parent.logo_png_base64);
      expect(out).toMatchObject(branding(fx)!.live);
    } }),
    invalid: { input: { draft: true }, field: 'draft' },
    duo: () => badKeys(),
  },
  {
    id: 'branding.update',
    valid: () => ({ input: { card_accent_color: '#0055AA', sso_custom_username_label: 'Staff ID' }, check: (out, fx) => {
      expect(out).toMatchObject({ card_accent_color: '#0055AA', sso_custom_username_label: 'Staff ID' });
      expect(branding(fx)!.live).toMatchObject({ card_accent_color: '#0055AA', sso_custom_username_label: 'Staff ID' });
    } }),
    invalid: { input: { card_accent_color: 'blue' }, field: 'card_accent_color' },
    // Not a PNG: the hub passes it on, Duo refuses it.
    duo: () => rejected({ logo: 'bm90IGEgcG5nIGF0IGFsbA==' }),
    dryRun: (fx) => ({
      input: { page_background_color: '#222222', logo: '' },
      snapshot: () => json([branding(fx), fx.parent.logo_png_base64]),
      check: (out) => {
        expect(out.diff.page_background_color.to).toBe('#222222');
        // Images are summarized, not copied into the report.
        expect(out.diff.logo).toEqual({ from: expect.stringMatching(/^\(PNG image, \d+ bytes\)$/), to: '(none)' });
        expect(out.changes).toContain('for every user');
      },
    }),
  },
  {
    id: 'branding.get_draft',
    valid: () => ({ input: {}, check: (out, fx) => {
      const { draft, draft_user_ids } = branding(fx)!;
      expect(out).toEqual({ ...draft, user_ids: draft_user_ids });
    } }),
    invalid: { input: { live: true }, field: 'live' },
    duo: () => badKeys(),
  },
  {
    id: 'branding.update_draft',
    valid: (fx) => {
      const u = users(fx)[0]!;
      return { input: { page_background_color: '#333333', user_ids: [u.user_id] }, check: (out, f) => {
        expect(out).toMatchObject({ page_background_color: '#333333', user_ids: [u.user_id] });
        expect(branding(f)!.draft.page_background_color).toBe('#333333');
        expect(branding(f)!.live.page_background_color).not.toBe('#333333');
      } };
    },
    invalid: { input: { card_accent_color: '#GGGGGG' }, field: 'card_accent_color' },
    duo: () => rejected({ user_ids: [UNKNOWN_USER] }),
  },
  {
    id: 'branding.add_draft_user',
    valid: (fx) => {
      const u = users(fx)[1]!;
      return { input: { user_id: u.user_id }, check: (out, f) => {
        expect(out.user_ids).toContain(u.user_id);
        expect(branding(f)!.draft_user_ids).toContain(u.user_id);
      } };
    },
    invalid: { input: { user_id: 'short' }, field: 'user_id' },
    duo: () => notFound({ user_id: UNKNOWN_USER }),
  },
  {
    id: 'branding.publish_draft',
    valid: async (_fx, run) => {
      await run('branding.update_draft', { card_accent_color: '#445566' });
      return { input: {}, check: (out, fx) => {
        expect(out.card_accent_color).toBe('#445566');
        expect(branding(fx)!.live.card_accent_color).toBe('#445566');
        expect(branding(fx)!.draft_user_ids).toEqual([]);
      } };
    },
    invalid: { input: { now: true }, field: 'now' },
    duo: () => badKeys(),
    dryRun: (fx) => ({
      input: {},
      snapshot: () => json([branding(fx), fx.parent.logo_png_base64]),
      check: (out) => {
        expect(out.target.live).toBeTypeOf('object');
        expect(out.target.becomes).not.toHaveProperty('user_ids');
        expect(out.changes).toContain('would publish the draft');
      },
    }),
  },
  {
    id: 'branding.get_custom_messaging',
    valid: () => ({ input: {}, check: (out, fx) => expect(out).toEqual(branding(fx)!.custom_messaging) }),
    invalid: { input: { locale: 'en_US' }, field: 'locale' },
    duo: () => badKeys(),
  },
  {
    id: 'branding.update_custom_messaging',
    valid: () => ({ input: { help_links: ['https://help.example.com'], help_text: 'Call the desk on 555-0100', locale: 'en_US' }, check: (out, fx) => {
      expect(out).toEqual({ help_links: ['https://help.example.com'], help_text: 'Call the desk on 555-0100', locale: 'en_US' });
      expect(branding(fx)!.custom_messaging.help_text).toBe('Call the desk on 555-0100');
    } }),
    invalid: { input: { help_text: 'x'.repeat(201) }, field: 'help_text' },
    duo: () => badKeys({ help_text: 'never sent' }),
    dryRun: (fx) => ({
      input: { help_text: 'New text', locale: 'fr_FR' },
      snapshot: () => json(branding(fx)?.custom_messaging),
      check: (out) => {
        expect(out.diff.help_text.to).toBe('New text');
        expect(out.diff.locale.to).toBe('fr_FR');
      },
    }),
  },
];
