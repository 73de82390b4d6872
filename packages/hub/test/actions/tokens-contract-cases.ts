import type { Account, HardwareToken, User } from '@duohub/emulator';
import { expect } from 'vitest';
import { hotp } from '../../../emulator/src/tokens/hotp.js';
import type { ContractCase, DuoCase } from './contract-cases.js';
import type { ContractFixture } from './contract-fixture.js';

// Contract cases of the hardware_tokens.* and u2ftokens.* catalog actions, spread into the
// catalog-wide suite (actions-contract.test.ts), which also checks every answer against OpenAPI.

export const UNKNOWN_TOKEN = 'DHNOSUCHTOKEN0000000';
const SECRET = Buffer.from('12345678901234567890').toString('hex');

let seq = 0;
/** Puts a fresh HOTP token (and optionally its user) straight into the account, so cases never share one. */
export function arrangeToken(account: Account, user?: User, fields: Partial<HardwareToken> = {}): HardwareToken {
  seq += 1;
  const id = `DHCONTRACT${String(seq).padStart(10, '0')}`;
  const token: HardwareToken = { token_id: id, type: 'h6', serial: `contract-${seq}`, totp_step: null, user_ids: [], secret: SECRET, counter: 0, ...fields };
  account.tokens[id] = token;
  if (user) {
    token.user_ids.push(user.user_id);
    user.token_ids.push(id);
  }
  return token;
}

/** Puts a U2F registration for `user` into the account. */
export function arrangeU2f(account: Account, user: User): string {
  seq += 1;
  const id = `REGCONTRACT${seq}`;
  account.u2ftokens = { ...account.u2ftokens, [id]: { registration_id: id, date_added: 1_700_000_000, user_id: user.user_id } };
  return id;
}

const someUser = (fx: ContractFixture, skip = 0) => Object.values(fx.parent.users)[skip]!;
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const notFound = (input: unknown, dryRun = false): DuoCase => ({ input, code: 'not_found', status: 404, duoCode: 40401, ...(dryRun ? { dryRun } : {}) });
const badKeys = (input: unknown = {}): DuoCase => ({ input, code: 'duo_error', status: 502, duoCode: 40103, keys: 'bad' });
const codes = (from: number) => ({ code1: hotp(SECRET, from, 6), code2: hotp(SECRET, from + 1, 6), code3: hotp(SECRET, from + 2, 6) });

/** One case per hardware-token and U2F action. */
export const tokenContractCases: ContractCase[] = [
  {
    id: 'hardware_tokens.list',
    valid: (fx) => {
      const token = arrangeToken(fx.parent);
      return {
        input: { type: 'h6', serial: token.serial },
        check: (out) => {
          expect(out.items.map((t: any) => t.token_id)).toEqual([token.token_id]);
          expect(out.items[0]).not.toHaveProperty('secret');
        },
      };
    },
    invalid: { input: { type: 'h6' }, field: 'serial' },
    duo: () => badKeys(),
  },
  {
    id: 'hardware_tokens.get',
    valid: (fx) => {
      const user = someUser(fx);
      const token = arrangeToken(fx.parent, user);
      return { input: { serial: token.serial }, check: (out) => expect(out).toMatchObject({ token_id: token.token_id, users: [{ user_id: user.user_id }] }) };
    },
    invalid: { input: { token_id: 'nope' }, field: 'token_id' },
    duo: () => notFound({ token_id: UNKNOWN_TOKEN }),
  },
  {
    id: 'hardware_tokens.create',
    valid: () => ({
      input: { type: 'h6', serial: 'contract-created-h6', secret: SECRET, counter: 3 },
      check: (out, fx) => {
        expect(out).toMatchObject({ type: 'h6', serial: 'contract-created-h6', users: [] });
        expect(JSON.stringify(out)).not.toContain(SECRET);
        expect(fx.parent.tokens[out.token_id]).toMatchObject({ secret: SECRET, counter: 3 });
      },
    }),
    invalid: { input: { type: 'h6', serial: 'no-secret' }, field: 'secret' },
    duo: () => badKeys({ type: 'h6', serial: 'never-made', secret: SECRET }),
  },
  {
    id: 'hardware_tokens.resync',
    valid: (fx) => {
      const token = arrangeToken(fx.parent);
      return { input: { serial: token.serial, type: 'h6', ...codes(20) }, check: (out, f) => {
        expect(out).toEqual({ resynced: true, token_id: token.token_id });
        expect(f.parent.tokens[token.token_id]!.counter).toBe(23);
      } };
    },
    invalid: { input: { token_id: UNKNOWN_TOKEN, code1: 'abc', code2: '123456', code3: '123456' }, field: 'code1' },
    duo: () => notFound({ token_id: UNKNOWN_TOKEN, ...codes(0) }),
    dryRun: (fx) => {
      const token = arrangeToken(fx.parent);
      return { input: { token_id: token.token_id, ...codes(5) }, snapshot: () => json(fx.parent.tokens[token.token_id]) };
    },
  },
  {
    id: 'hardware_tokens.delete',
    valid: (fx) => {
      const user = someUser(fx, 1);
      const token = arrangeToken(fx.parent, user);
      return { input: { token_id: token.token_id }, check: (out, f) => {
        expect(out).toEqual({ deleted: true, token_id: token.token_id });
        expect(f.parent.tokens[token.token_id]).toBeUndefined();
        expect(f.parent.users[user.user_id]!.token_ids).not.toContain(token.token_id);
      } };
    },
    invalid: { input: { token_id: 'x' }, field: 'token_id' },
    duo: () => notFound({ token_id: UNKNOWN_TOKEN }, true),
    dryRun: (fx) => {
      const token = arrangeToken(fx.parent, someUser(fx, 2));
      return { input: { serial: token.serial }, snapshot: () => json(fx.parent.tokens), check: (out) => expect(out.target).not.toHaveProperty('secret') };
    },
  },
  {
    id: 'hardware_tokens.list_for_user',
    valid: (fx) => {
      const user = someUser(fx, 3);
      const token = arrangeToken(fx.parent, user);
      return { input: { username: user.username }, check: (out) => {
        expect(out.user_id).toBe(user.user_id);
        expect(out.items.map((t: any) => t.token_id)).toContain(token.token_id);
      } };
    },
    invalid: { input: { user_id: 'bad' }, field: 'user_id' },
    duo: () => notFound({ user_id: 'DUNOSUCHUSER00000000' }),
  },
  {
    id: 'hardware_tokens.assign',
    valid: (fx) => {
      const user = someUser(fx, 4);
      const token = arrangeToken(fx.parent);
      return { input: { user_id: user.user_id, serial: token.serial }, check: (out, f) => {
        expect(out).toEqual({ assigned: true, user_id: user.user_id, token_id: token.token_id });
        expect(f.parent.users[user.user_id]!.token_ids).toContain(token.token_id);
      } };
    },
    invalid: { input: { user_id: 'DUNOSUCHUSER00000000', token_id: 'x' }, field: 'token_id' },
    duo: () => notFound({ user_id: 'DUNOSUCHUSER00000000', token_id: UNKNOWN_TOKEN }),
  },
  {
    id: 'hardware_tokens.unassign',
    valid: (fx) => {
      const user = someUser(fx, 5);
      const token = arrangeToken(fx.parent, user);
      return { input: { username: user.username, token_id: token.token_id }, check: (out, f) => {
        expect(out).toEqual({ unassigned: true, user_id: user.user_id, token_id: token.token_id });
        expect(f.parent.tokens[token.token_id]!.user_ids).toEqual([]);
      } };
    },
    invalid: { input: { token_id: UNKNOWN_TOKEN }, field: 'user_id' },
    duo: () => badKeys({ user_id: 'DUNOSUCHUSER00000000', token_id: UNKNOWN_TOKEN }),
    dryRun: (fx) => {
      const user = someUser(fx, 6);
      const token = arrangeToken(fx.parent, user);
      return { input: { user_id: user.user_id, token_id: token.token_id }, snapshot: () => json([fx.parent.tokens[token.token_id], fx.parent.users[user.user_id]!.token_ids]) };
    },
  },
  {
    id: 'legacy_security_keys.list',
    valid: (fx) => {
      const id = arrangeU2f(fx.parent, someUser(fx, 7));
      return { input: { limit: 500 }, check: (out) => expect(out.items.map((u: any) => u.registration_id)).toContain(id) };
    },
    invalid: { input: { limit: 0 }, field: 'limit' },
    duo: () => badKeys(),
  },
  {
    id: 'legacy_security_keys.get',
    valid: (fx) => {
      const user = someUser(fx, 8);
      const id = arrangeU2f(fx.parent, user);
      return { input: { registration_id: id }, check: (out) => expect(out).toMatchObject({ registration_id: id, user: { user_id: user.user_id } }) };
    },
    invalid: { input: { registration_id: 'not an id!' }, field: 'registration_id' },
    duo: () => notFound({ registration_id: 'REGNOSUCH' }),
  },
  {
    id: 'legacy_security_keys.delete',
    valid: (fx) => {
      const id = arrangeU2f(fx.parent, someUser(fx, 9));
      return { input: { registration_id: id }, check: (out, f) => {
        expect(out).toEqual({ deleted: true, registration_id: id });
        expect(f.parent.u2ftokens?.[id]).toBeUndefined();
      } };
    },
    invalid: { input: { registration_id: '' }, field: 'registration_id' },
    duo: () => notFound({ registration_id: 'REGNOSUCH' }, true),
    dryRun: (fx) => {
      const id = arrangeU2f(fx.parent, someUser(fx, 10));
      return { input: { registration_id: id }, snapshot: () => json(fx.parent.u2ftokens) };
    },
  },
  {
    id: 'legacy_security_keys.list_for_user',
    valid: (fx) => {
      const user = someUser(fx, 11);
      const id = arrangeU2f(fx.parent, user);
      return { input: { user_id: user.user_id }, check: (out) => expect(out.items.map((u: any) => u.registration_id)).toEqual([id]) };
    },
    invalid: { input: { user_id: 'bad' }, field: 'user_id' },
    duo: () => notFound({ user_id: 'DUNOSUCHUSER00000000' }),
  },
];
