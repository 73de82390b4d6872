import { describe, expect, it } from 'vitest';
import { parseStoredCoverage, storedUsersWithoutMfa } from '../../src/reports/mfa-coverage-history/stored-coverage.js';

const bo = { user_id: 'DU2', username: 'bo', email: null, status: 'active', last_login: null, riskyBypass: false };
const al = { user_id: 'DU3', username: 'al', email: 'al@example.com', status: 'active', last_login: 1_700_000_000, riskyBypass: true };
const figures = { counts: { users: 3 }, percentages: { mfa: 33.3 }, scan: { userPages: 1 } };

describe('storedUsersWithoutMfa: a snapshot row written by any version', () => {
  it.each([
    ['since migration 0015: the list column', { coverage: JSON.stringify(figures), users_without_mfa: JSON.stringify([bo, al]) }, [bo, al]],
    ['since 0015, an account with everyone on MFA', { coverage: JSON.stringify(figures), users_without_mfa: '[]' }, []],
    ['the list column wins over a list inside the figures', { coverage: JSON.stringify({ ...figures, usersWithoutMfa: [al] }), users_without_mfa: JSON.stringify([bo]) }, [bo]],
    ['between 0013 and 0015: the list inside `coverage`', { coverage: JSON.stringify({ ...figures, usersWithoutMfa: [bo] }), users_without_mfa: null }, [bo]],
    ['the first snapshots: snake-case inside `coverage`', { coverage: JSON.stringify({ ...figures, users_without_mfa: [al] }), users_without_mfa: null }, [al]],
    ['figures without any list (nothing stored)', { coverage: JSON.stringify(figures), users_without_mfa: null }, []],
    ['a failed account', { coverage: null, users_without_mfa: null }, []],
  ])('%s', (_name, row, expected) => {
    expect(storedUsersWithoutMfa(row)).toEqual(expected);
  });

  it('reads an older list from the figures the caller parsed already, not the text again', () => {
    const row = { coverage: '{"not":"parsed again"}', users_without_mfa: null };
    expect(storedUsersWithoutMfa(row, { ...figures, usersWithoutMfa: [bo] } as never)).toEqual([bo]);
    expect(storedUsersWithoutMfa({ ...row, users_without_mfa: JSON.stringify([al]) }, { ...figures, usersWithoutMfa: [bo] } as never)).toEqual([al]);
  });

  it('parseStoredCoverage reads the figures, and null for a failed account', () => {
    expect(parseStoredCoverage(JSON.stringify(figures))).toEqual(figures);
    expect(parseStoredCoverage(null)).toBeNull();
  });
});
