import { describe, expect, it } from 'vitest';
import { createEmulator, createRandom, newUser, putUser, removeUser, usersInOrder } from '../src/index.js';

describe('usersInOrder', () => {
  it('follows inserts, replacements and removals made through putUser/removeUser', () => {
    const emu = createEmulator();
    const account = emu.state.accounts[emu.state.parent_account_id]!;
    const random = createRandom(5);
    const [a, b, c] = ['a', 'b', 'c'].map((name) => newUser(account, name, random, 0));
    putUser(account, a!);
    putUser(account, b!);
    expect(usersInOrder(account).map((u) => u.username)).toEqual(['a', 'b']);
    putUser(account, c!);
    expect(usersInOrder(account).map((u) => u.username)).toEqual(['a', 'b', 'c']);
    putUser(account, { ...b!, username: 'b2' });
    expect(usersInOrder(account).map((u) => u.username)).toEqual(['a', 'b2', 'c']);
    expect(removeUser(account, a!.user_id)).toBe(true);
    expect(removeUser(account, a!.user_id)).toBe(false);
    expect(usersInOrder(account).map((u) => u.username)).toEqual(['b2', 'c']);
  });

  it('is rebuilt for the new state after reset and importState', () => {
    const emu = createEmulator();
    const account = emu.state.accounts[emu.state.parent_account_id]!;
    putUser(account, newUser(account, 'x', createRandom(1), 0));
    expect(usersInOrder(account)).toHaveLength(1);
    emu.reset();
    expect(usersInOrder(emu.state.accounts[emu.state.parent_account_id]!)).toHaveLength(0);
  });
});
