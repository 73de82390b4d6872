import { expect } from 'vitest';
import type { ContractCase, DuoCase } from './contract-cases.js';
import type { ContractFixture } from './contract-fixture.js';

/**
 * Contract cases of the actions derived straight from endpoint declarations for endpoints the
 * catalog lacked (Auth API preauth/enroll/logo, info windows, child billing, phone and token
 * updates, the deprecated desktop tokens), run by the catalog's contract suite.
 */

const UNKNOWN_PHONE = 'DPNOSUCHPHONE0000000';
const UNKNOWN_TOKEN = 'DHNOSUCHTOKEN0000000';
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const notFound = (input: unknown, extra: Partial<DuoCase> = {}): DuoCase => ({ input, code: 'not_found', status: 404, duoCode: 40401, ...extra });
const badKeys = (input: unknown = {}): DuoCase => ({ input, code: 'duo_error', status: 502, duoCode: 40103, keys: 'bad' });
const users = (fx: ContractFixture) => Object.values(fx.parent.users);
const phones = (fx: ContractFixture) => Object.values(fx.parent.phones);
const totpToken = (fx: ContractFixture) => Object.values(fx.parent.tokens).find((t) => t.type === 't6' || t.type === 't8');

export const endpointActionContractCases: ContractCase[] = [
  {
    id: 'auth.preauth',
    valid: (fx) => {
      const u = users(fx).find((x) => x.status === 'active' && x.phone_ids.length > 0)!;
      return { input: { username: u.username }, check: (out) => {
        expect(out.result).toBe('auth');
        expect(out.devices.map((d: any) => d.device)).toEqual(expect.arrayContaining([u.phone_ids[0]]));
      } };
    },
    invalid: { input: { username: '' }, field: 'username' },
    duo: () => badKeys({ username: 'anyone' }),
  },
  {
    id: 'auth.enroll',
    valid: () => ({ input: { username: 'contract-enrolled', valid_secs: 600 }, check: (out, fx) => {
      expect(out.username).toBe('contract-enrolled');
      expect(out.activation_code).toMatch(/^duo:\/\//);
      expect(fx.parent.users[out.user_id]?.username).toBe('contract-enrolled');
    } }),
    invalid: { input: { valid_secs: 0 }, field: 'valid_secs' },
    duo: () => badKeys({}),
  },
  {
    id: 'auth.enroll_status',
    valid: async (_fx, run) => {
      const made = await run('auth.enroll', { username: 'contract-enroll-status' });
      return { input: { user_id: made.user_id, activation_code: made.activation_code }, check: (out) => expect(out).toBe('waiting') };
    },
    invalid: { input: { user_id: 'DU1' }, field: 'activation_code' },
    duo: () => badKeys({ user_id: 'DU1', activation_code: 'x' }),
  },
  {
    id: 'auth.logo',
    valid: (fx) => {
      fx.parent.logo_png_base64 = Buffer.from('\x89PNG\r\n\x1a\ncontract', 'latin1').toString('base64');
      return { input: {}, check: (out) => {
        expect(out.content_type).toBe('image/png');
        expect(Buffer.from(out.png_base64, 'base64').subarray(0, 4).toString('latin1')).toBe('\x89PNG');
      } };
    },
    invalid: { input: { size: 1 }, field: 'size' },
    duo: () => badKeys(),
  },
  {
    id: 'info.user_authentication_attempts',
    valid: () => ({ input: {}, check: (out) => expect(typeof out.user_authentication_attempts).toBe('object') }),
    invalid: { input: { mintime: 'yesterday' }, field: 'mintime' },
    duo: () => badKeys(),
  },
  {
    id: 'info.telephony_credits_used',
    valid: () => ({ input: {}, check: (out) => expect(typeof out.telephony_credits_used).toBe('number') }),
    invalid: { input: { maxtime: -1.5 }, field: 'maxtime' },
    duo: () => badKeys(),
  },
  {
    id: 'billing.get_edition',
    on: 'child',
    valid: () => ({ input: {}, check: (out, fx) => expect(out.edition).toBe(fx.child.edition) }),
    invalid: { input: { edition: 'X' }, field: 'edition' },
    duo: () => badKeys(),
  },
  {
    id: 'billing.set_edition',
    on: 'child',
    valid: () => ({ input: { edition: 'BEYOND' }, check: (out, fx) => expect(fx.child.edition).toBe('BEYOND') }),
    invalid: { input: { edition: 'GOLD' }, field: 'edition' },
    duo: () => badKeys({ edition: 'PLATFORM' }),
    dryRun: (fx) => ({ input: { edition: 'PLATFORM' }, snapshot: () => fx.child.edition, check: (out) => {
      expect(out.target.edition).toBe(fx.child.edition);
      expect(out.changes).toMatch(/would change the edition from .* to PLATFORM/);
    } }),
  },
  {
    id: 'billing.get_telephony_credits',
    on: 'child',
    valid: () => ({ input: {}, check: (out, fx) => expect(out.credits).toBe(fx.child.telephony_credits) }),
    invalid: { input: { credits: 1 }, field: 'credits' },
    duo: () => badKeys(),
  },
  {
    id: 'billing.set_telephony_credits',
    on: 'child',
    valid: (fx) => {
      const parentBefore = fx.parent.telephony_credits;
      const childBefore = fx.child.telephony_credits;
      return { input: { credits: childBefore + 25 }, check: (_out, f) => {
        expect(f.child.telephony_credits).toBe(childBefore + 25);
        expect(f.parent.telephony_credits).toBe(parentBefore - 25);
      } };
    },
    invalid: { input: { credits: -1 }, field: 'credits' },
    duo: () => badKeys({ credits: 5 }),
    dryRun: (fx) => ({ input: { credits: 1 }, snapshot: () => [fx.child.telephony_credits, fx.parent.telephony_credits], check: (out) => expect(out.target.credits).toBe(fx.child.telephony_credits) }),
  },
  {
    id: 'phones.update',
    valid: (fx) => {
      const p = phones(fx).at(-1)!;
      return { input: { phone_id: p.phone_id, name: 'Desk phone (contract)' }, check: (out, f) => {
        expect(out.name).toBe('Desk phone (contract)');
        expect(f.parent.phones[p.phone_id]!.name).toBe('Desk phone (contract)');
      } };
    },
    invalid: { input: { phone_id: 'DP1', type: 'satellite' }, field: 'type' },
    duo: () => notFound({ phone_id: UNKNOWN_PHONE, name: 'x' }),
    dryRun: (fx) => {
      const p = phones(fx)[0]!;
      return { input: { phone_id: p.phone_id, name: 'renamed by a dry run' }, snapshot: () => json(fx.parent.phones[p.phone_id]), check: (out) => {
        expect(out.diff.name).toEqual({ from: p.name, to: 'renamed by a dry run' });
      } };
    },
  },
  {
    id: 'hardware_tokens.update',
    valid: (fx) => {
      const t = totpToken(fx)!;
      const step = t.totp_step === 60 ? 30 : 60;
      return { input: { token_id: t.token_id, totp_step: step }, check: (out, f) => {
        expect(out.totp_step).toBe(step);
        expect(f.parent.tokens[t.token_id]!.totp_step).toBe(step);
      } };
    },
    invalid: { input: { token_id: 'DH1', totp_step: 'fast' }, field: 'totp_step' },
    duo: () => notFound({ token_id: UNKNOWN_TOKEN, totp_step: 30 }),
    dryRun: (fx) => {
      const t = totpToken(fx)!;
      return { input: { token_id: t.token_id, totp_step: t.totp_step === 60 ? 30 : 60 }, snapshot: () => json(fx.parent.tokens[t.token_id]), check: (out) => expect(out.diff).toHaveProperty('totp_step') };
    },
  },
  {
    id: 'desktop_tokens.get',
    valid: async (_fx, run) => {
      const made = await run('desktop_tokens.create', { platform: 'windows', name: 'contract-get' });
      return { input: { desktoptoken_id: made.desktoptoken_id }, check: (out) => expect(out).toMatchObject({ desktoptoken_id: made.desktoptoken_id, name: 'contract-get' }) };
    },
    invalid: { input: {}, field: 'desktoptoken_id' },
    duo: () => notFound({ desktoptoken_id: 'DDNOSUCHTOKEN0000000' }),
  },
  {
    id: 'desktop_tokens.create',
    valid: () => ({ input: { platform: 'mac os x', name: 'contract-create' }, check: (out, fx) => {
      expect(out).toMatchObject({ name: 'contract-create', platform: 'Mac OS X' });
      expect(fx.parent.desktop_tokens?.[out.desktoptoken_id]?.name).toBe('contract-create');
    } }),
    invalid: { input: { name: 'no platform' }, field: 'platform' },
    duo: () => badKeys({ platform: 'windows' }),
  },
  {
    id: 'desktop_tokens.update',
    valid: async (_fx, run) => {
      const made = await run('desktop_tokens.create', { platform: 'windows', name: 'before' });
      return { input: { desktoptoken_id: made.desktoptoken_id, name: 'after' }, check: (out, fx) => {
        expect(out.name).toBe('after');
        expect(fx.parent.desktop_tokens?.[made.desktoptoken_id]?.name).toBe('after');
      } };
    },
    invalid: { input: { desktoptoken_id: 'DD1', platform: '' }, field: 'platform' },
    duo: () => notFound({ desktoptoken_id: 'DDNOSUCHTOKEN0000000', name: 'x' }),
    dryRun: (fx) => {
      const token = Object.values(fx.parent.desktop_tokens ?? {})[0]!;
      return { input: { desktoptoken_id: token.desktoptoken_id, name: `${token.name} (renamed)` }, snapshot: () => json(fx.parent.desktop_tokens), check: (out) => expect(out.diff).toEqual({ name: { from: token.name, to: `${token.name} (renamed)` } }) };
    },
  },
  {
    id: 'desktop_tokens.activate',
    valid: async (_fx, run) => {
      const made = await run('desktop_tokens.create', { platform: 'windows' });
      return { input: { desktoptoken_id: made.desktoptoken_id, valid_secs: 900 }, check: (out) => {
        expect(out.valid_secs).toBe(900);
        expect(out.activation_url).toMatch(/^https?:\/\//);
      } };
    },
    invalid: { input: { desktoptoken_id: 'DD1', valid_secs: 0 }, field: 'valid_secs' },
    duo: () => notFound({ desktoptoken_id: 'DDNOSUCHTOKEN0000000' }),
  },
  {
    id: 'desktop_tokens.list_for_user',
    valid: (fx) => {
      const token = Object.values(fx.parent.desktop_tokens ?? {}).find((t) => t.user_ids.length > 0);
      const userId = token?.user_ids[0] ?? users(fx)[0]!.user_id;
      return { input: { user_id: userId }, check: (out) => {
        const expected = Object.values(fx.parent.desktop_tokens ?? {}).filter((t) => t.user_ids.includes(userId)).map((t) => t.desktoptoken_id);
        expect(out.items.map((i: any) => i.desktoptoken_id).sort()).toEqual(expected.sort());
      } };
    },
    invalid: { input: { user_id: 'DU1', limit: 0 }, field: 'limit' },
    duo: () => notFound({ user_id: 'DUNOSUCHUSER00000000' }),
  },
];
