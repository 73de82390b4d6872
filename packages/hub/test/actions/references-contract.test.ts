import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyAction } from '../../src/actions/define-action.js';
import { authSend } from '../../src/actions/auth/auth-send.js';
import { bypassCodesListForUser } from '../../src/actions/bypass-codes/bypass-codes-list-for-user.js';
import { phonesAssign } from '../../src/actions/phones/phones-assign.js';
import { phonesGet } from '../../src/actions/phones/phones-get.js';
import { runAction } from '../../src/actions/run-action.js';
import { usersCreate } from '../../src/actions/users/users-create.js';
import { usersDelete } from '../../src/actions/users/users-delete.js';
import { usersGet } from '../../src/actions/users/users-get.js';
import { usersUpdate } from '../../src/actions/users/users-update.js';
import { isHubError, type HubError } from '../../src/errors/hub-error.js';
import { contextFor, startContractFixture, type ContractFixture } from './contract-fixture.js';

let fx: ContractFixture;
beforeAll(async () => {
  fx = await startContractFixture();
});
afterAll(async () => {
  await fx?.close();
});

const run = async (action: AnyAction, input: unknown, dryRun = false) => (await runAction(action, contextFor(fx, { dryRun }), input)).output as any;
async function failure(action: AnyAction, input: unknown): Promise<HubError> {
  try {
    await run(action, input);
  } catch (error) {
    if (isHubError(error)) return error;
    throw error;
  }
  throw new Error(`${action.id} did not fail`);
}

describe('actions take a user by id, username, alias or email and a phone by number', () => {
  it('finds the same user every way', async () => {
    const created = await run(usersCreate, { username: 'ref.carol', email: 'carol@ref.example', alias1: 'caz' });
    for (const ref of [{ user_id: created.user_id }, { username: 'caz' }, { email: 'carol@ref.example' }, { user: 'ref.carol' }, { user: 'carol@ref.example' }, { user: created.user_id }]) {
      expect((await run(usersGet, ref)).user_id).toBe(created.user_id);
    }
    expect((await run(usersUpdate, { user: 'caz', notes: 'by alias' })).notes).toBe('by alias');
    const dry = await run(usersDelete, { email: 'carol@ref.example' }, true);
    expect(dry.target.user_id).toBe(created.user_id);
  });

  it('assigns a phone found by number to a user found by email', async () => {
    const user = await run(usersCreate, { username: 'ref.dave', email: 'dave@ref.example' });
    const phone = Object.values(fx.parent.phones)[0]!;
    const out = await run(phonesAssign, { email: 'dave@ref.example', number: phone.number });
    expect(out).toEqual({ assigned: true, user_id: user.user_id, phone_id: phone.phone_id });
    expect((await run(phonesGet, { number: phone.number })).phone_id).toBe(phone.phone_id);
  });

  it('answers reference_ambiguous with the candidates when an email is shared', async () => {
    const a = await run(usersCreate, { username: 'ref.twin.a', email: 'twins@ref.example' });
    const b = await run(usersCreate, { username: 'ref.twin.b', email: 'twins@ref.example' });
    const error = await failure(bypassCodesListForUser, { email: 'twins@ref.example' });
    expect(error.code).toBe('reference_ambiguous');
    expect(error.status).toBe(400);
    const details = error.details as { field: string; candidates: Array<{ user_id: string; username: string }> };
    expect(details.field).toBe('email');
    expect(details.candidates.map((c) => c.user_id).sort()).toEqual([a.user_id, b.user_id].sort());
  });

  it('answers not_found naming the field when nothing matches', async () => {
    const error = await failure(usersGet, { user: 'no.such.person' });
    expect(error).toMatchObject({ code: 'not_found', status: 404, details: { field: 'user', kind: 'user' } });
    expect((await failure(phonesGet, { number: '+15550000000' })).details).toMatchObject({ field: 'number', kind: 'phone' });
  });

  it('sends an Auth API push to a user named by email (resolved with the Admin API)', async () => {
    const user = Object.values(fx.parent.users).find((u) => u.phone_ids.length > 0 && u.email)!;
    const sameEmail = Object.values(fx.parent.users).filter((u) => u.email === user.email);
    if (sameEmail.length !== 1) return;
    expect((await run(authSend, { email: user.email, factor: 'push', async: true })).txid).toMatch(/\S/);
  });
});
