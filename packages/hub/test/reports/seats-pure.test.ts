import { describe, expect, it } from 'vitest';
import { countSeatsUser, emptySeatsCounts, isBillable, isEnrolled, type SeatsUser } from '../../src/reports/seats/seats-counts.js';
import { seatsReportCsv } from '../../src/reports/seats/seats-csv.js';
import { formatSeatsTable } from '../../src/reports/seats/format-seats-table.js';
import { SeatsTally } from '../../src/reports/seats/seats-tally.js';
import { seatsTotals } from '../../src/reports/seats/seats-totals.js';
import { SEATS_BILLABLE_BASIS, SEATS_BILLABLE_RULE, type AccountSeats, type SeatsCounts, type SeatsReport } from '../../src/reports/seats/seats-types.js';

describe('isEnrolled', () => {
  it.each<[string, SeatsUser, boolean]>([
    ['is_enrolled true, nothing listed', { is_enrolled: true }, true],
    ['a phone', { is_enrolled: false, phones: [{}] }, true],
    ['a hardware token', { tokens: [{}] }, true],
    ['a WebAuthn credential', { webauthncredentials: [{}] }, true],
    ['a U2F token (Duo counts it)', { u2ftokens: [{}] }, true],
    ['empty lists', { is_enrolled: false, phones: [], tokens: [], webauthncredentials: [], u2ftokens: [] }, false],
    ['nothing at all', {}, false],
    ['is_enrolled not a boolean', { is_enrolled: 'true' as unknown as boolean }, false],
  ])('%s -> %s', (_name, user, expected) => {
    expect(isEnrolled(user)).toBe(expected);
  });
});

describe('isBillable (derived rule)', () => {
  it.each<[string | undefined, boolean]>([
    ['active', true],
    ['bypass', true],
    ['locked out', true],
    ['Locked Out', true],
    ['locked_out', true],
    ['disabled', true],
    ['pending deletion', false],
    ['pending_deletion', false],
    ['something new', true],
    [undefined, true],
  ])('status %s -> %s', (status, expected) => {
    expect(isBillable({ status })).toBe(expected);
  });
});

describe('countSeatsUser', () => {
  it.each<[string, SeatsUser, Partial<SeatsCounts>]>([
    ['active enrolled', { status: 'active', is_enrolled: true }, { users: 1, active: 1, enrolled: 1, billable: 1 }],
    ['bypass not enrolled', { status: 'bypass', is_enrolled: false }, { users: 1, bypass: 1, not_enrolled: 1, billable: 1 }],
    ['disabled with a phone (still holds a license)', { status: 'disabled', phones: [{}] }, { users: 1, disabled: 1, enrolled: 1, billable: 1 }],
    ['locked out', { status: 'locked out' }, { users: 1, locked_out: 1, not_enrolled: 1, billable: 1 }],
    ['pending deletion enrolled', { status: 'pending deletion', is_enrolled: true }, { users: 1, pending_deletion: 1, enrolled: 1 }],
    ['unknown status (an existing user is billed)', { status: 'archived' }, { users: 1, other_status: 1, not_enrolled: 1, billable: 1 }],
  ])('%s', (_name, user, expected) => {
    const counts = emptySeatsCounts();
    countSeatsUser(counts, user);
    expect(counts).toEqual({ ...emptySeatsCounts(), ...expected });
  });

  it('every user lands in exactly one status and one enrollment bucket', () => {
    const counts = emptySeatsCounts();
    const statuses = ['active', 'bypass', 'disabled', 'locked out', 'pending deletion', 'other'];
    for (let i = 0; i < 60; i++) countSeatsUser(counts, { status: statuses[i % 6], is_enrolled: i % 4 === 0 });
    const byStatus = counts.active + counts.bypass + counts.disabled + counts.locked_out + counts.pending_deletion + counts.other_status;
    expect(byStatus).toBe(60);
    expect(counts.enrolled + counts.not_enrolled).toBe(60);
    expect(counts.billable).toBe(counts.users - counts.pending_deletion);
  });
});

describe('SeatsTally', () => {
  const page = (ids: string[], status = 'active') => ids.map((user_id) => ({ user_id, status }));

  it('drops a user repeated in the next page (the list shifted under the read)', () => {
    const t = new SeatsTally();
    expect(t.addPage(page(['a', 'b', 'c']))).toBe(3);
    expect(t.addPage(page(['c', 'd']))).toBe(2 - 1);
    expect(t.counts.users).toBe(4);
    expect(t.duplicates).toBe(1);
    expect(t.pages).toBe(2);
  });

  it('forgets ids older than its window, holding only recent pages', () => {
    const t = new SeatsTally(1);
    t.addPage(page(['a']));
    t.addPage(page(['b']));
    // 'a' fell out of the one-page window: counted again (the window is the memory bound).
    expect(t.addPage(page(['a']))).toBe(1);
    expect(t.counts.users).toBe(3);
  });

  it('counts users without an id rather than dropping them', () => {
    const t = new SeatsTally();
    t.addPage([{ status: 'active' }, { status: 'active' }]);
    expect(t.counts.users).toBe(2);
  });
});

function line(overrides: Partial<AccountSeats>): AccountSeats {
  return {
    integration_id: 'int_1',
    integration_name: 'Duo',
    duo_account_id: 'DA1',
    duo_account_name: 'Acme',
    organization_id: 'org_1',
    organization_name: 'Acme Org',
    status: 'ok',
    counts: { ...emptySeatsCounts(), users: 3, active: 2, disabled: 1, enrolled: 2, not_enrolled: 1, billable: 3 },
    edition: 'PLATFORM',
    telephony_credits: 100,
    duo_total_users: 3,
    error: null,
    ...overrides,
  };
}

function report(accounts: AccountSeats[]): SeatsReport {
  return { generated_at: '2026-12-01T00:00:00.000Z', billable_basis: SEATS_BILLABLE_BASIS, billable_rule: SEATS_BILLABLE_RULE, accounts, totals: seatsTotals(accounts) };
}

describe('seatsTotals', () => {
  it('sums read accounts and leaves failed ones out of the figures', () => {
    const t = seatsTotals([
      line({}),
      line({ duo_account_id: 'DA2', counts: { ...emptySeatsCounts(), users: 5, bypass: 5, not_enrolled: 5, billable: 5 }, telephony_credits: 50 }),
      line({ duo_account_id: 'DA3', status: 'failed', counts: null, telephony_credits: null, error: { kind: 'DuoForbiddenError', message: 'no' } }),
    ]);
    expect(t).toEqual({
      accounts: 3,
      accounts_ok: 2,
      accounts_failed: 1,
      counts: { ...emptySeatsCounts(), users: 8, active: 2, bypass: 5, disabled: 1, enrolled: 2, not_enrolled: 6, billable: 8 },
      telephony_credits: 150,
    });
  });

  it('of nothing is zero', () => {
    expect(seatsTotals([])).toEqual({ accounts: 0, accounts_ok: 0, accounts_failed: 0, counts: emptySeatsCounts(), telephony_credits: 0 });
  });
});

describe('seatsReportCsv', () => {
  const rows = (csv: string) => csv.split('\r\n').filter(Boolean);

  it('has a header, one line per account and a totals line', () => {
    const csv = seatsReportCsv(report([line({}), line({ duo_account_id: 'parent', edition: null, organization_id: null, organization_name: null })]));
    const lines = rows(csv);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      'row,organization,organization_id,duo_account_name,duo_account_id,integration,integration_id,status,users,active,bypass,disabled,locked_out,pending_deletion,other_status,enrolled,not_enrolled,billable,billable_basis,edition,telephony_credits,generated_at,error',
    );
    expect(lines[1]).toBe('account,Acme Org,org_1,Acme,DA1,Duo,int_1,ok,3,2,0,1,0,0,0,2,1,3,derived,PLATFORM,100,2026-12-01T00:00:00.000Z,');
    expect(lines[2]).toBe('account,,,Acme,parent,Duo,int_1,ok,3,2,0,1,0,0,0,2,1,3,derived,,100,2026-12-01T00:00:00.000Z,');
    expect(lines[3]).toBe('total,,,2 accounts,,,,ok,6,4,0,2,0,0,0,4,2,6,derived,,200,2026-12-01T00:00:00.000Z,');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('guards cells against formula injection and quotes commas', () => {
    const csv = seatsReportCsv(report([line({ duo_account_name: '=HYPERLINK("http://x","y")', organization_name: '+1,2', integration_name: '@SUM(A1)' })]));
    const first = rows(csv)[1]!;
    expect(first.startsWith(`account,"'+1,2",org_1,"'=HYPERLINK(""http://x"",""y"")",DA1,'@SUM(A1),`)).toBe(true);
  });

  it('shows a failed account with its error and no figures, and says so on the totals line', () => {
    const csv = seatsReportCsv(report([line({}), line({ status: 'failed', counts: null, edition: null, telephony_credits: null, error: { kind: 'DuoForbiddenError', message: 'Access forbidden' } })]));
    const lines = rows(csv);
    expect(lines[2]).toBe('account,Acme Org,org_1,Acme,DA1,Duo,int_1,failed,,,,,,,,,,,derived,,,2026-12-01T00:00:00.000Z,Access forbidden');
    expect(lines[3]).toMatch(/^total,,,2 accounts,,,,"?1 ok, 1 failed"?,3,/);
  });
});

describe('formatSeatsTable', () => {
  it('prints one row per account, the failed one with its error, then the totals and the billable rule', () => {
    const text = formatSeatsTable(report([line({}), line({ duo_account_name: 'Broken', status: 'failed', counts: null, error: { kind: 'x', message: 'Access forbidden' } })]));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Seats and billing as of 2026-12-01T00:00:00.000Z');
    expect(lines[1]).toMatch(/^organization\s+duo account\s+users\s+active\s+bypass\s+disabled\s+locked\s+pending del\s+enrolled\s+not enrolled\s+billable\s+edition\s+credits$/);
    expect(lines[2]).toMatch(/^Acme Org\s+Acme\s+3\s+2\s+0\s+1\s+0\s+0\s+2\s+1\s+3\s+PLATFORM\s+100$/);
    expect(lines[3]).toMatch(/^Acme Org\s+Broken\s+failed: Access forbidden/);
    expect(lines[4]).toMatch(/^TOTAL\s+2 accounts \(1 failed, not summed\)\s+3\s+2\s+0\s+1\s+0\s+0\s+2\s+1\s+3\s+100$/);
    expect(text).toContain('billable (derived): every user in the account');
  });
});
