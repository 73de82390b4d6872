import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuoReferenceError, type DuoAdminClient } from '../../src/index.js';
import { startHarness, type Harness } from '../support/emulator-harness.js';

describe('users.resolve and phones.resolve against the emulator', () => {
  let h: Harness;
  let admin: DuoAdminClient;
  beforeAll(async () => {
    h = await startHarness('in-process', { seed: 'demo' });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.emu.reset();
    admin = h.admin();
  });

  it('finds one user by id, username, alias or email', async () => {
    const user = await admin.users.create({ username: 'ref.alice', email: 'ref.alice@example.com', alias1: 'ali' });
    for (const reference of [user.user_id, 'ref.alice', 'ali', 'ref.alice@example.com', { email: 'ref.alice@example.com' }, { username: 'ali' }, { user_id: user.user_id }]) {
      expect((await admin.users.resolve(reference)).user_id).toBe(user.user_id);
    }
  });

  it('names the field and lists the candidates when several users match', async () => {
    const one = await admin.users.create({ username: 'ref.one', email: 'shared@example.com' });
    const two = await admin.users.create({ username: 'ref.two', email: 'shared@example.com' });
    const error = await admin.users.resolve('shared@example.com', { field: 'owner' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuoReferenceError);
    expect(error).toMatchObject({ field: 'owner', problem: 'several' });
    expect((error as DuoReferenceError).candidates.map((c) => c['user_id']).sort()).toEqual([one.user_id, two.user_id].sort());
  });

  it('says none matched, naming the field', async () => {
    await expect(admin.users.resolve('nobody.here')).rejects.toMatchObject({ name: 'DuoReferenceError', field: 'user', problem: 'none' });
    await expect(admin.users.resolve({ user_id: 'DUNOSUCHUSER00000000' })).rejects.toMatchObject({ field: 'user_id', problem: 'none' });
    // A username must not be searched as an email and vice versa.
    await expect(admin.users.resolve({ email: 'ref.nobody' })).rejects.toMatchObject({ field: 'email', problem: 'none' });
  });

  it('finds a phone by id or number', async () => {
    const phone = await admin.phones.create({ number: '+15555550177', type: 'mobile' });
    expect((await admin.phones.resolve(phone.phone_id)).phone_id).toBe(phone.phone_id);
    expect((await admin.phones.resolve('+1 555-555-0177')).phone_id).toBe(phone.phone_id);
    await expect(admin.phones.resolve({ number: '+15555550999' })).rejects.toMatchObject({ field: 'number', problem: 'none' });
  });
});
