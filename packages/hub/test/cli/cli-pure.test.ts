import { describe, expect, it } from 'vitest';
import { formatRunResult } from '../../src/actions/action-commands.js';
import { parseCliConfig, tokenHint, type CliConfig } from '../../src/cli/cli-config.js';
import { DUOHUB_VERSION } from '../../src/cli/cli-version.js';
import { describeListenError } from '../../src/cli/describe-listen-error.js';
import { describeNetworkError } from '../../src/cli/describe-network-error.js';
import { chooseColumns, formatOutputTable } from '../../src/cli/format-output-table.js';
import { parseTimeBound } from '../../src/cli/parse-since.js';
import { describeMatch, matchRef } from '../../src/cli/resolve-ref.js';
import { normalizeHubUrl, resolveConnection } from '../../src/cli/resolve-connection.js';
import { findCamelCaseKeys, snakeCase, snakeCaseKeys } from '../../src/cli/snake-case-keys.js';
import { selectCoverageRow, type CoverageRow } from '../../src/reports/coverage-drill-down.js';
import hubPackage from '../../package.json' with { type: 'json' };

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('describeNetworkError', () => {
  it.each([
    ["undici's fetch failed around ECONNREFUSED", new TypeError('fetch failed', { cause: withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9') }), /^connection refused/],
    ['a DNS failure', new TypeError('fetch failed', { cause: withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND nope.invalid') }), /^host not found$/],
    ['happy eyeballs (AggregateError of each address)', new TypeError('fetch failed', { cause: Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), { code: 'ECONNREFUSED' }) }), /^connection refused/],
    ['an AggregateError without its own code', new TypeError('fetch failed', { cause: new AggregateError([withCode('EHOSTUNREACH')]) }), /^host unreachable$/],
    ['a connect timeout', new TypeError('fetch failed', { cause: withCode('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error') }), /^the connection timed out$/],
    ['a certificate problem', new TypeError('fetch failed', { cause: withCode('DEPTH_ZERO_SELF_SIGNED_CERT') }), /self-signed/],
    ['an unknown code: the innermost message', new TypeError('fetch failed', { cause: withCode('EWEIRD', 'something odd') }), /^something odd$/],
    ['not an Error at all', 'plain text', /^plain text$/],
  ])('%s', (_name, error, expected) => {
    expect(describeNetworkError(error)).toMatch(expected);
  });
});

describe('describeListenError', () => {
  it.each([
    [withCode('EADDRINUSE'), 'the hub', 8787, '--port', 'port 8787 is already in use, so the hub cannot listen there; pick another with --port <port> (0 picks a free one)'],
    [withCode('EADDRINUSE'), 'the Duo emulator', 8780, '--emulator-port', 'port 8780 is already in use, so the Duo emulator cannot listen there; pick another with --emulator-port <port> (0 picks a free one)'],
    [withCode('EACCES'), 'the hub', 80, '--port', 'not allowed to listen on port 80 for the hub (ports below 1024 need privileges); pick another with --port <port>'],
    [withCode('ENOENT'), 'the hub', 1, '--port', undefined],
    [new Error('no code'), 'the hub', 1, '--port', undefined],
  ])('%s', (error, what, port, flag, expected) => {
    expect(describeListenError(error, what, port, flag)).toBe(expected);
  });
});

describe('snake_case JSON', () => {
  it.each([
    ['dryRun', 'dry_run'],
    ['noMfaByStatus', 'no_mfa_by_status'],
    ['toKeyId', 'to_key_id'],
    ['factorClass', 'factor_class'],
    ['mfa2Percent', 'mfa2_percent'],
    ['already_snake', 'already_snake'],
    ['id', 'id'],
    ['DA1234567890ABCDEFGH', 'DA1234567890ABCDEFGH'], // ids and other data keys are not words
    ['X-Header', 'X-Header'],
    ['$ref', '$ref'],
  ])('%s -> %s', (key, expected) => {
    expect(snakeCase(key)).toBe(expected);
  });

  it('converts every key except under input, output and inputs, which are data', () => {
    const value = {
      action: 'users.list',
      dryRun: false,
      output: { someDuoKey: 1, nested: { keepMe: true } },
      totals: { counts: { noMfa: 2, factorClass: { push_capable: 1 } } },
      items: [{ readOnly: true, input: { type: 'object', additionalProperties: false } }],
      inputs: { userId: 'x' },
    };
    const converted = snakeCaseKeys(value);
    expect(converted).toEqual({
      action: 'users.list',
      dry_run: false,
      output: { someDuoKey: 1, nested: { keepMe: true } },
      totals: { counts: { no_mfa: 2, factor_class: { push_capable: 1 } } },
      items: [{ read_only: true, input: { type: 'object', additionalProperties: false } }],
      inputs: { userId: 'x' },
    });
    expect(findCamelCaseKeys(value)).toEqual(['$.dryRun', '$.totals.counts.noMfa', '$.totals.counts.factorClass', '$.items[0].readOnly']);
    expect(findCamelCaseKeys(converted)).toEqual([]);
  });

  it('keeps what has nothing to rename as it is, builds anew only what holds a renamed key, and never changes the input', () => {
    const snake = { snapshot: { id: 'cov_1' }, organizations: [{ name: 'A', users_without_mfa: [{ user_id: 'DU1' }] }] };
    expect(snakeCaseKeys(snake)).toBe(snake);
    const value = { snapshot: { id: 'cov_1' }, organizations: [{ name: 'A', users: [{ userId: 'DU1' }] }, { name: 'B', users: [] }], output: { keepMe: 1 } };
    const before = structuredClone(value);
    const converted = snakeCaseKeys(value) as typeof value & { organizations: Array<{ users: unknown[] }> };
    expect(converted).toEqual({ snapshot: { id: 'cov_1' }, organizations: [{ name: 'A', users: [{ user_id: 'DU1' }] }, { name: 'B', users: [] }], output: { keepMe: 1 } });
    expect(value).toEqual(before);
    expect(converted).not.toBe(value);
    expect(converted.snapshot).toBe(value.snapshot);
    expect(converted.output).toBe(value.output);
    expect(converted.organizations).not.toBe(value.organizations);
    expect(converted.organizations[1]).toBe(value.organizations[1]);
    // Keys that differ only in where the change is: the first, the last, a middle one.
    for (const value of [{ aB: 1, c: 2, d: 3 }, { c: 2, d: 3, aB: 1 }, { c: 2, aB: 1, d: 3 }]) {
      const out = snakeCaseKeys(value) as Record<string, number>;
      expect(Object.keys(out).sort()).toEqual(['a_b', 'c', 'd']);
      expect(out).toEqual({ a_b: 1, c: 2, d: 3 });
    }
  });
});

const orgs = [
  { id: 'org_01', name: 'ACME Corp.' },
  { id: 'org_02', name: 'Acme Corporation' },
  { id: 'org_03', name: 'Globex Industries' },
  { id: 'org_04', name: 'initech' },
  { id: 'org_05', name: 'Initech' },
  { id: 'org_06', name: 'Umbrella Ltd' },
];

describe('matchRef (names or ids)', () => {
  it.each([
    ['an id', 'org_03', { kind: 'found', item: orgs[2] }],
    ['an exact name', 'ACME Corp.', { kind: 'found', item: orgs[0] }],
    ['an exact name beats a case-folded one', 'initech', { kind: 'found', item: orgs[3] }],
    ['a name ignoring case', 'globex industries', { kind: 'found', item: orgs[2] }],
    ['a name ignoring surrounding spaces', '  Globex Industries ', { kind: 'found', item: orgs[2] }],
    ['a normalized company name', 'Umbrella Limited', { kind: 'found', item: orgs[5] }],
    ['several names ignoring case', 'INITECH', { kind: 'ambiguous', candidates: [orgs[3], orgs[4]] }],
    ['several normalized names', 'acme', { kind: 'ambiguous', candidates: [orgs[0], orgs[1]] }],
    ['nothing close', 'Hooli', { kind: 'none', suggestions: [] }],
    ['a typo', 'Globex Indsutries', { kind: 'none', suggestions: ['Globex Industries'] }],
  ])('%s: %j', (_name, ref, expected) => {
    expect(matchRef(ref, orgs)).toEqual(expected);
  });

  it('says what to do when a reference does not resolve', () => {
    expect(() => describeMatch('organization', 'acme', matchRef('acme', orgs))).toThrow(
      '"acme" matches 2 organizations; pass the id of one:\n  org_01  ACME Corp.\n  org_02  Acme Corporation',
    );
    expect(() => describeMatch('organization', 'Globex Indsutries', matchRef('Globex Indsutries', orgs))).toThrow(
      'no organization named "Globex Indsutries". Did you mean "Globex Industries"? (see duohub orgs list)',
    );
    expect(() => describeMatch('integration', 'prod', matchRef('prod', []))).toThrow('no integration named "prod". (see duohub integrations list)');
    expect(describeMatch('organization', 'org_03', matchRef('org_03', orgs))).toBe('org_03');
  });
});

describe('selectCoverageRow (report drill-down)', () => {
  const row = (name: string, organization_id: string | null, duo_account_id: string, duo_account_name: string): CoverageRow => ({
    name, organization_id, duo_account_id, duo_account_name, status: 'ok', users: 1, no_mfa: 0, mfa_percent: 100, users_without_mfa: [],
  });
  const rows = [row('ACME Corp.', 'org_1', 'DA1', 'Acme Corporation'), row('Unmapped Duo Co', null, 'DA2', 'Unmapped Duo Co'), row('acme labs', 'org_3', 'DA3', 'Acme Labs')];
  it.each([
    ['org_1', 'DA1'],
    ['ACME Corp.', 'DA1'],
    ['Unmapped Duo Co', 'DA2'],
    ['DA2', 'DA2'],
    ['Acme Corporation', 'DA1'], // the Duo account's name of a mapped organization
    ['DA3', 'DA3'],
  ])('%s -> %s', (ref, account) => {
    expect(selectCoverageRow(rows, ref).duo_account_id).toBe(account);
  });
  it('refuses an unknown or ambiguous reference', () => {
    expect(() => selectCoverageRow(rows, 'Hooli')).toThrow('no organization named "Hooli"');
    expect(() => selectCoverageRow([...rows, row('ACME Corp.', 'org_9', 'DA9', 'Other')], 'ACME Corp.')).toThrow('matches 2 organizations');
  });
});

describe('resolveConnection (gh-like precedence)', () => {
  const config: CliConfig = {
    default_profile: 'prod',
    profiles: { prod: { url: 'https://hub.example', token: 'dh_prod' }, lab: { url: 'http://127.0.0.1:8787/', token: 'dh_lab' } },
  };
  const none: CliConfig = { default_profile: null, profiles: {} };
  it.each([
    ['nothing at all: the local store', {}, {}, none, { kind: 'local' }],
    ['the default profile', {}, {}, config, { kind: 'remote', url: 'https://hub.example', token: 'dh_prod', source: 'profile prod' }],
    ['--profile', { profile: 'lab' }, {}, config, { kind: 'remote', url: 'http://127.0.0.1:8787', token: 'dh_lab', source: '--profile lab' }],
    ['--profile with --token', { profile: 'lab', token: 'dh_other' }, {}, config, { kind: 'remote', url: 'http://127.0.0.1:8787', token: 'dh_other', source: '--profile lab' }],
    ['--url and --token', { url: 'http://h:1', token: 'dh_t' }, {}, config, { kind: 'remote', url: 'http://h:1', token: 'dh_t', source: '--url' }],
    ['--url takes DUOHUB_TOKEN', { url: 'http://h:1' }, { DUOHUB_TOKEN: 'dh_env' }, config, { kind: 'remote', url: 'http://h:1', token: 'dh_env', source: '--url' }],
    ['--url takes the token saved for that URL', { url: 'http://127.0.0.1:8787' }, {}, config, { kind: 'remote', url: 'http://127.0.0.1:8787', token: 'dh_lab', source: '--url' }],
    ['--url beats --profile', { url: 'http://h:1', token: 'dh_t', profile: 'lab' }, {}, config, { kind: 'remote', url: 'http://h:1', token: 'dh_t', source: '--url' }],
    ['--profile beats DUOHUB_URL', { profile: 'lab' }, { DUOHUB_URL: 'http://env:1', DUOHUB_TOKEN: 'dh_env' }, config, { kind: 'remote', url: 'http://127.0.0.1:8787', token: 'dh_lab', source: '--profile lab' }],
    ['DUOHUB_URL and DUOHUB_TOKEN beat the default profile', {}, { DUOHUB_URL: 'http://env:1', DUOHUB_TOKEN: 'dh_env' }, config, { kind: 'remote', url: 'http://env:1', token: 'dh_env', source: 'DUOHUB_URL' }],
    ['DUOHUB_PROFILE', {}, { DUOHUB_PROFILE: 'lab' }, config, { kind: 'remote', url: 'http://127.0.0.1:8787', token: 'dh_lab', source: 'DUOHUB_PROFILE=lab' }],
    ['DUOHUB_DATA_DIR beats the default profile: the local store', {}, { DUOHUB_DATA_DIR: '/var/lib/duohub' }, config, { kind: 'local' }],
    ['DATABASE_URL beats the default profile: the local store', {}, { DATABASE_URL: 'postgres://x' }, config, { kind: 'local' }],
    ['--token alone keeps the local store (as before profiles)', { token: 'dh_t' }, {}, none, { kind: 'local' }],
  ])('%s', (_name, flags, env, cfg, expected) => {
    expect(resolveConnection(flags, env, cfg)).toEqual(expected);
  });

  it.each([
    ['--url without any token', { url: 'http://h:1' }, {}, none, '--url needs a token: pass --token, set DUOHUB_TOKEN, or save one with `duohub login --url http://h:1`'],
    ['an unknown profile', { profile: 'prdo' }, {}, config, 'no profile named "prdo" (saved: prod, lab). Did you mean "prod"?'],
    ['a profile when none is saved', { profile: 'x' }, {}, none, 'no profile named "x": nothing is saved yet; run `duohub login --profile x`'],
    ['a URL without a scheme', { url: 'localhost:8787', token: 't' }, {}, none, '--url must be an http:// or https:// URL such as http://127.0.0.1:8787 (got "localhost:8787")'],
    ['a bad DUOHUB_URL', {}, { DUOHUB_URL: 'ftp://x', DUOHUB_TOKEN: 't' }, none, 'DUOHUB_URL must be an http:// or https:// URL'],
  ])('refuses %s', (_name, flags, env, cfg, message) => {
    expect(() => resolveConnection(flags, env, cfg)).toThrow(message);
  });

  it.each([
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    ['  https://hub.example/base/  ', 'https://hub.example/base'],
    ['http://h:1/#token=x', 'http://h:1'],
  ])('normalizeHubUrl(%j) = %j', (raw, url) => {
    expect(normalizeHubUrl(raw, '--url')).toBe(url);
  });
});

describe('the CLI config file', () => {
  it('checks its shape, naming the field and never a token', () => {
    expect(parseCliConfig({ default_profile: 'a', profiles: { a: { url: 'http://h', token: 'dh_x' } } }, 'f')).toEqual({
      default_profile: 'a',
      profiles: { a: { url: 'http://h', token: 'dh_x' } },
    });
    expect(parseCliConfig({}, 'f')).toEqual({ default_profile: null, profiles: {} });
    expect(() => parseCliConfig([], '/c.json')).toThrow('/c.json: (top level) must be a JSON object');
    expect(() => parseCliConfig({ profiles: { a: { url: 1, token: 'dh_secret' } } }, '/c.json')).toThrow('/c.json: profiles.a.url must be a string');
    expect(() => parseCliConfig({ profiles: { a: { url: 'http://h' } } }, '/c.json')).toThrow('profiles.a.token must be a string');
    expect(() => parseCliConfig({ default_profile: 3 }, '/c.json')).toThrow('default_profile must be a profile name or null');
  });
  it('shows a token only as a hint', () => {
    const token = 'dh_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    expect(tokenHint(token)).toBe('dh_ab…DEFG');
    expect(tokenHint('short')).toBe('…');
  });
});

describe('parseTimeBound', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it.each([
    ['90m', '2026-12-01T10:30:00.000Z'],
    ['24h', '2026-11-30T12:00:00.000Z'],
    ['7d', '2026-11-24T12:00:00.000Z'],
    ['2w', '2026-11-17T12:00:00.000Z'],
    ['2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'],
    ['yesterday', 'yesterday'], // passed through: the hub names the field
  ])('%s -> %s', (value, expected) => {
    expect(parseTimeBound(value, now)).toBe(expected);
  });
});

describe('action output as a table', () => {
  const users = [
    { alias1: null, created: 1, email: 'a@x.example', groups: [{ name: 'staff', group_id: 'DG1' }], phones: [{ number: '+1555', phone_id: 'DP1', capabilities: ['push'] }], realname: 'Ann', status: 'active', user_id: 'DU1', username: 'ann', notes: 'a very long note '.repeat(10), custom: { a: 1 } },
    { alias1: null, created: 2, email: null, groups: [], phones: [], realname: 'Bob', status: 'bypass', user_id: 'DU2', username: 'bob', notes: '', custom: { a: 2 } },
  ];
  it('puts ids, names and status first and leaves nested objects to --json', () => {
    const { columns, hidden } = chooseColumns(users);
    expect(columns.slice(0, 5)).toEqual(['user_id', 'username', 'realname', 'email', 'status']);
    expect(columns).not.toContain('custom');
    expect(columns).toHaveLength(7);
    expect(hidden).toBe(Object.keys(users[0]!).length - 7);
  });
  it('prints a page of users as rows, paging fields after', () => {
    const text = formatOutputTable({ items: users, next_offset: 100 });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^user_id\s+username\s+realname\s+email\s+status/);
    expect(lines[1]).toMatch(/^DU1\s+ann\s+Ann\s+a@x\.example\s+active/);
    expect(lines[2]).toMatch(/^DU2\s+bob\s+Bob\s+-\s+bypass/);
    expect(text).toContain('(2 rows; ');
    expect(text).toMatch(/^next_offset {2}100$/m);
    expect(text).not.toContain('{');
  });
  it.each([
    [{ items: [] }, '(none)\n'],
    [[], '(none)\n'],
    [null, '(no output)\n'],
    ['ok', 'ok\n'],
    [['a', 'b'], 'a\nb\n'],
    [{ user_id: 'DU1', username: 'ann', phones: [{ number: '+1555' }] }, 'user_id   DU1\nusername  ann\nphones    +1555\n'],
  ])('%j', (output, text) => {
    expect(formatOutputTable(output)).toBe(text);
  });
  it('leads a dry run with what would change', () => {
    expect(formatRunResult({ dry_run: true, output: { dry_run: true, changes: 'would delete user ann', target: { user_id: 'DU1' } } })).toBe(
      'DRY RUN: would delete user ann\ntarget  {"user_id":"DU1"}\n',
    );
  });
});

it('prints the version of packages/hub/package.json', () => {
  expect(DUOHUB_VERSION).toBe(hubPackage.version);
});
