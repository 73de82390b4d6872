import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { logExportStream } from '../../src/logs/search/export-log-events.js';
import type { HubContext } from '../../src/hub-context.js';
import { dayLabel } from '../../src/logs/search/log-dashboard.js';
import { csvCell, LOG_CSV_COLUMNS, logCsvHeader, logCsvRow } from '../../src/logs/search/log-csv.js';
import { decodeLogCursor, encodeLogCursor } from '../../src/logs/search/log-cursor.js';
import { afterLogCursor, containsPattern, logFilterWhere, visibleOrganizations, type LogFilters, type LogSearchDatabase } from '../../src/logs/search/log-filters.js';
import { parseLogTime } from '../../src/logs/search/parse-log-time.js';
import { toLogItem } from '../../src/logs/search/to-log-item.js';
import type { LogEventsTable } from '../../src/logs/log-tables.js';

/** Kysely handles that only compile: the SQL each filter set becomes, in each dialect. */
const compilers = {
  sqlite: new Kysely<LogSearchDatabase>({
    dialect: { createAdapter: () => new SqliteAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db) => new SqliteIntrospector(db), createQueryCompiler: () => new SqliteQueryCompiler() },
  }),
  postgres: new Kysely<LogSearchDatabase>({
    dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db) => new PostgresIntrospector(db), createQueryCompiler: () => new PostgresQueryCompiler() },
  }),
};

function whereOf(dialect: keyof typeof compilers, filters: LogFilters, limit: string[] | null) {
  const compiled = compilers[dialect].selectFrom('log_events').select('id').where(logFilterWhere(filters, limit)).compile();
  return { sql: compiled.sql.replace(/^select "id" from "log_events" where /, ''), parameters: compiled.parameters };
}

describe('logFilterWhere: filters and the organization limit become one WHERE clause', () => {
  const cases: Array<{ name: string; filters: LogFilters; limit: string[] | null; sqlite: string; postgres: string; parameters: unknown[] }> = [
    { name: 'nothing: every row', filters: {}, limit: null, sqlite: '1 = 1', postgres: '1 = 1', parameters: [] },
    { name: 'a limited token without a filter: its organizations', filters: {}, limit: ['org_a', 'org_c'], sqlite: '"organization_id" in (?, ?)', postgres: '"organization_id" in ($1, $2)', parameters: ['org_a', 'org_c'] },
    { name: 'a limited token with no organizations: nothing', filters: {}, limit: [], sqlite: '1 = 0', postgres: '1 = 0', parameters: [] },
    {
      name: "a limited token asking for another organization: nothing (never the other's rows)",
      filters: { organizationIds: ['org_b'] },
      limit: ['org_a'],
      sqlite: '1 = 0',
      postgres: '1 = 0',
      parameters: [],
    },
    {
      name: 'a limited token asking for its own and another: its own only',
      filters: { organizationIds: ['org_b', 'org_a', 'org_a'] },
      limit: ['org_a'],
      sqlite: '"organization_id" in (?)',
      postgres: '"organization_id" in ($1)',
      parameters: ['org_a'],
    },
    {
      name: 'organizations repeated, deduplicated',
      filters: { organizationIds: ['org_a', 'org_b', 'org_a'] },
      limit: null,
      sqlite: '"organization_id" in (?, ?)',
      postgres: '"organization_id" in ($1, $2)',
      parameters: ['org_a', 'org_b'],
    },
    {
      name: 'exact fields, in a fixed order',
      filters: { username: 'alice', result: 'denied', factor: 'duo_push', duoAccountId: 'DA1', application: 'VPN', reason: 'user_denied', eventType: 'authentication' },
      limit: null,
      sqlite: '("duo_account_id" = ? and "username" = ? and "application" = ? and "factor" = ? and "result" = ? and "reason" = ? and "event_type" = ?)',
      postgres: '("duo_account_id" = $1 and "username" = $2 and "application" = $3 and "factor" = $4 and "result" = $5 and "reason" = $6 and "event_type" = $7)',
      parameters: ['DA1', 'alice', 'VPN', 'duo_push', 'denied', 'user_denied', 'authentication'],
    },
    {
      name: 'log types and a time range (since inclusive, until exclusive)',
      filters: { logTypes: ['authentication', 'telephony', 'authentication'], since: 1000, until: 2000 },
      limit: null,
      sqlite: '("log_type" in (?, ?) and "occurred_at" >= ? and "occurred_at" < ?)',
      postgres: '("log_type" in ($1, $2) and "occurred_at" >= $3 and "occurred_at" < $4)',
      parameters: ['authentication', 'telephony', 1000, 2000],
    },
    {
      name: 'free text: username or event type, ignoring case, wildcards literal',
      filters: { q: 'Al_1%' },
      limit: null,
      sqlite: `(lower("username") like ? escape '!' or lower("event_type") like ? escape '!')`,
      postgres: `(lower("username") like $1 escape '!' or lower("event_type") like $2 escape '!')`,
      parameters: ['%al!_1!%%', '%al!_1!%%'],
    },
    { name: 'empty free text is no filter', filters: { q: '' }, limit: null, sqlite: '1 = 1', postgres: '1 = 1', parameters: [] },
    {
      name: 'a limit and filters together',
      filters: { username: 'bob', since: 5 },
      limit: ['org_a'],
      sqlite: '("organization_id" in (?) and "username" = ? and "occurred_at" >= ?)',
      postgres: '("organization_id" in ($1) and "username" = $2 and "occurred_at" >= $3)',
      parameters: ['org_a', 'bob', 5],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(whereOf('sqlite', c.filters, c.limit)).toEqual({ sql: c.sqlite, parameters: c.parameters });
      expect(whereOf('postgres', c.filters, c.limit)).toEqual({ sql: c.postgres, parameters: c.parameters });
    });
  }

  it('the cursor continues after (occurred_at, id), newest first', () => {
    const q = compilers.postgres.selectFrom('log_events').select('id').where(afterLogCursor({ occurredAt: 1700000000123, id: 'lev_X' })).compile();
    expect(q.sql).toBe('select "id" from "log_events" where ("occurred_at" < $1 or ("occurred_at" = $2 and "id" < $3))');
    expect(q.parameters).toEqual([1700000000123, 1700000000123, 'lev_X']);
  });
});

describe('visibleOrganizations', () => {
  it.each([
    [undefined, null, null],
    [[], null, null],
    [['a', 'b', 'a'], null, ['a', 'b']],
    [undefined, ['a'], ['a']],
    [['b'], ['a'], []],
    [['a', 'b'], ['a', 'c'], ['a']],
    [undefined, [], []],
  ] as const)('requested %j within %j -> %j', (requested, limit, expected) => {
    expect(visibleOrganizations(requested, limit)).toEqual(expected);
  });
});

describe('containsPattern', () => {
  it.each([
    ['alice', '%alice%'],
    ['ALICE', '%alice%'],
    ['50%', '%50!%%'],
    ['a_b', '%a!_b%'],
    ['wow!', '%wow!!%'],
  ])('%j -> %j', (text, pattern) => expect(containsPattern(text)).toBe(pattern));
});

describe('parseLogTime', () => {
  it.each([
    ['0', 0],
    ['1767225600000', 1_767_225_600_000],
    ['2026-01-01', 1_767_225_600_000],
    ['2026-01-01T00:00:00Z', 1_767_225_600_000],
    ['2026-01-01T01:00:00+01:00', 1_767_225_600_000],
    ['2026-01-01T00:00Z', 1_767_225_600_000],
    ['2026-01-01T00:00:00.250Z', 1_767_225_600_250],
    [' 2026-01-01 ', 1_767_225_600_000],
    ['2024-02-29', 1_709_164_800_000],
    ['2026-02-29', undefined],
    ['2026-02-30T00:00:00Z', undefined],
    ['2026-13-01T00:00:00Z', undefined],
    ['2026-01-01T00:00:00', undefined],
    ['yesterday', undefined],
    ['7d', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['', undefined],
    ['99999999999999999', undefined],
  ])('%j -> %j', (text, expected) => expect(parseLogTime(text)).toBe(expected));
});

describe('log cursors', () => {
  it.each([
    [{ occurredAt: 0, id: 'lev_0' }],
    [{ occurredAt: 1_767_225_600_123, id: 'lev_01JD3Q8W4Y0000000000000000' }],
    [{ occurredAt: 1_767_225_600_123.5, id: 'a-b_C' }],
  ])('round-trips %j', (cursor) => {
    const text = encodeLogCursor(cursor);
    expect(text).toMatch(/^l1\.[A-Za-z0-9_-]+$/);
    expect(decodeLogCursor(text)).toEqual(cursor);
  });

  const b64 = (value: unknown) => `l1.${Buffer.from(JSON.stringify(value)).toString('base64url')}`;
  it.each([
    ['', 'empty'],
    ['lev_01JD3Q8W4Y0000000000000000', 'an id (the audit cursor shape)'],
    ['l1.', 'no body'],
    ['l1.!!!', 'not base64url'],
    ['l2.' + Buffer.from('[1,"a"]').toString('base64url'), 'another version'],
    [b64({ t: 1, i: 'a' }), 'an object'],
    [b64([1]), 'one element'],
    [b64(['1', 'a']), 'time as text'],
    [b64([-1, 'a']), 'negative time'],
    [b64([1, '']), 'empty id'],
    [b64([1, "a' or 1=1 --"]), 'an id with SQL in it'],
    [b64([1, 'a'.repeat(101)]), 'an id too long'],
    ['l1.' + 'A'.repeat(400), 'too long'],
  ])('refuses %j (%s)', (text) => expect(decodeLogCursor(text)).toBeUndefined());
});

const stored: LogEventsTable = {
  id: 'lev_1',
  integration_id: 'int_1',
  duo_account_id: 'DA1',
  organization_id: 'org_a',
  log_type: 'authentication',
  event_key: 'tx1',
  occurred_at: 1_767_225_600_250,
  username: 'alice',
  application: 'VPN',
  factor: 'duo_push',
  result: 'success',
  reason: 'user_approved',
  event_type: 'authentication',
  ip: '198.51.100.7',
  raw: '{"txid":"tx1","result":"success"}',
  ingested_at: '2026-01-01T00:01:00.000Z',
};

describe('CSV rendering', () => {
  it.each([
    [null, ''],
    ['', ''],
    ['alice', 'alice'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['a=b', 'a=b'],
    ["'quoted", "'quoted"],
  ])('cell %j -> %j', (value, cell) => expect(csvCell(value)).toBe(cell));

  it('has a fixed header: the search fields, then raw', () => {
    expect(logCsvHeader()).toBe('id,occurred_at,log_type,organization_id,duo_account_id,integration_id,username,application,factor,result,reason,event_type,ip,raw\r\n');
    expect(LOG_CSV_COLUMNS.at(-1)).toBe('raw');
  });

  it('renders a row in header order, the time in ISO-8601 and raw JSON quoted', () => {
    expect(logCsvRow(stored)).toBe(
      'lev_1,2026-01-01T00:00:00.250Z,authentication,org_a,DA1,int_1,alice,VPN,duo_push,success,user_approved,authentication,198.51.100.7,"{""txid"":""tx1"",""result"":""success""}"\r\n',
    );
  });

  it('renders nulls as empty cells and guards an attacker-chosen username', () => {
    const row = logCsvRow({ ...stored, organization_id: null, factor: null, username: '=cmd|" /C calc"!A0', raw: '{}' });
    expect(row).toBe(`lev_1,2026-01-01T00:00:00.250Z,authentication,,DA1,int_1,"'=cmd|"" /C calc""!A0",VPN,,success,user_approved,authentication,198.51.100.7,{}\r\n`);
  });
});

describe('toLogItem', () => {
  it('parses raw into event and writes the time in ISO-8601', () => {
    const { raw: _raw, ...rest } = stored;
    expect(toLogItem(stored)).toEqual({ ...rest, occurred_at: '2026-01-01T00:00:00.250Z', event: { txid: 'tx1', result: 'success' } });
  });
  it('gives null for raw text that is not JSON, and reads a time Postgres returned as text', () => {
    const item = toLogItem({ ...stored, raw: 'not json', occurred_at: '1767225600250' as unknown as number });
    expect(item.event).toBeNull();
    expect(item.occurred_at).toBe('2026-01-01T00:00:00.250Z');
  });
});

describe('dayLabel', () => {
  it.each([
    [0, '1970-01-01'],
    [20454, '2026-01-01'],
  ])('day %i -> %s', (day, label) => expect(dayLabel(day)).toBe(label));
});

describe('logExportStream', () => {
  const hubLogging = (errors: unknown[]) => ({ logger: { error: (...args: unknown[]) => void errors.push(args) } }) as unknown as HubContext;
  const text = (value: Uint8Array | undefined) => new TextDecoder().decode(value);

  it('reads the source one chunk per pull, only when asked', async () => {
    const pulled: string[] = [];
    async function* source() {
      for (const c of ['a', 'b', 'c']) {
        pulled.push(c);
        yield c;
      }
    }
    const reader = logExportStream(hubLogging([]), source()).getReader();
    expect(pulled).toEqual([]);
    expect(text((await reader.read()).value)).toBe('a');
    expect(pulled).toEqual(['a']);
    expect(text((await reader.read()).value)).toBe('b');
    expect(text((await reader.read()).value)).toBe('c');
    expect((await reader.read()).done).toBe(true);
  });

  it('a client leaving during a read ends quietly and closes the source', async () => {
    const errors: unknown[] = [];
    let release!: () => void;
    let finalized = false;
    async function* source() {
      try {
        yield 'a';
        await new Promise<void>((r) => (release = r));
        yield 'b';
        yield 'c';
      } finally {
        finalized = true;
      }
    }
    const reader = logExportStream(hubLogging(errors), source()).getReader();
    expect(text((await reader.read()).value)).toBe('a');
    const pending = reader.read();
    await new Promise((r) => setTimeout(r, 0));
    const cancelled = reader.cancel();
    release();
    await cancelled;
    expect((await pending).done).toBe(true);
    expect(finalized).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a failure mid-way errors the stream and is logged once', async () => {
    const errors: unknown[] = [];
    async function* source() {
      yield 'a';
      throw new Error('store went away');
    }
    const reader = logExportStream(hubLogging(errors), source()).getReader();
    await reader.read();
    await expect(reader.read()).rejects.toThrow('store went away');
    expect(errors).toHaveLength(1);
  });
});
