import { describe, expect, it } from 'vitest';
import { DuoFailure } from '../src/duo-result.js';
import { maskSecret } from '../src/serialize/serialize-integration.js';
import { isNetworkSpec, readStringList } from '../src/state/integration-networks.js';
import { buildSso, ssoHostOf } from '../src/state/integration-sso.js';
import { apiKindOf, creatableThrough } from '../src/state/integration-types.js';

describe('isNetworkSpec', () => {
  it.each<[string, boolean]>([
    ['192.0.2.1', true],
    ['192.0.2.0/24', true],
    ['0.0.0.0/0', true],
    ['192.0.2.0/33', false],
    ['198.51.100.1-198.51.100.9', true],
    ['198.51.100.9-198.51.100.1', false],
    ['256.1.1.1', false],
    ['1.2.3', false],
    ['01.2.3.4', false],
    [' 10.0.0.1 ', true],
    ['2001:db8::1', true],
    ['2001:db8::/32', true],
    ['2001:db8::/129', false],
    ['::1', true],
    ['1:2:3:4:5:6:7:8', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['2001:db8:::1', false],
    ['example.com', false],
    ['', false],
  ])('%s -> %s', (text, ok) => {
    expect(isNetworkSpec(text)).toBe(ok);
  });
});

describe('readStringList', () => {
  it.each<[string, unknown, string[], string[] | undefined]>([
    ['native JSON array', ['a', 'b'], [], ['a', 'b']],
    ['empty JSON array clears', [], [], []],
    ['one comma-separated string (python)', undefined, ['a, b,,c'], ['a', 'b', 'c']],
    ['empty string clears', undefined, [''], []],
    ['one JSON-array string', undefined, ['["a","b"]'], ['a', 'b']],
    ['repeated keys', undefined, ['a', 'b'], ['a', 'b']],
    ['duplicates once', undefined, ['a,a'], ['a']],
    ['broken JSON', undefined, ['["a"'], undefined],
    ['JSON non-strings', [1, 2], [], undefined],
    ['JSON object text', undefined, ['[{"a":1}]'], undefined],
  ])('%s', (_name, native, values, expected) => {
    expect(readStringList(native, values)).toEqual(expected);
  });
});

describe('maskSecret', () => {
  it.each<[string, string]>([
    ['abcdefghij', '******ghij'],
    ['abcd', '****'],
    ['', ''],
  ])('%s -> %s', (secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });

  it('never contains more than the last four characters of a 40-character key', () => {
    const key = 'K'.repeat(20) + 'abcdefghijklmnopqrst';
    expect(maskSecret(key)).toBe('*'.repeat(36) + 'qrst');
  });
});

describe('integration types', () => {
  it.each<[1 | 2 | 3, string, boolean]>([
    [1, 'authapi', true],
    [1, 'sso-generic', false],
    [2, 'sso-generic', true],
    [3, 'sso-oauth-client-credentials', true],
    [2, 'azure-ca', false],
    [3, 'accountsapi', false],
    [3, 'no-such-type', false],
  ])('v%s creates %s: %s', (version, type, ok) => {
    expect(creatableThrough(version, type)).toBe(ok);
  });

  it.each<[string, string]>([
    ['adminapi', 'admin'],
    ['accountsapi', 'accounts'],
    ['authapi', 'auth'],
    ['unix', 'auth'],
    ['websdk', 'auth'],
  ])('%s keys sign for the %s API', (type, kind) => {
    expect(apiKindOf(type)).toBe(kind);
  });
});

describe('buildSso', () => {
  const random = () => 0.5;
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof DuoFailure) return [e.result.code, e.result.message_detail];
      throw e;
    }
    return undefined;
  };

  it.each<[string, string, Record<string, unknown> | undefined, [number, string] | undefined]>([
    ['SSO type without sso', 'sso-generic', undefined, [40001, 'sso']],
    ['SSO type without its config', 'sso-generic', { idp_metadata: null }, [40001, 'sso']],
    ['another kind of config', 'sso-generic', { saml_config: {}, oidc_config: {} }, [40002, 'sso']],
    ['sso on a non-SSO type', 'authapi', { saml_config: {} }, [40002, 'sso']],
    ['config not an object', 'sso-oidc-generic', { oidc_config: [] }, [40002, 'sso']],
    ['redirect_uris not strings', 'sso-oidc-generic', { oidc_config: { redirect_uris: [1] } }, [40002, 'sso']],
    ['acs_urls without url', 'sso-generic', { saml_config: { acs_urls: [{}] } }, [40002, 'sso']],
    ['client with an unknown scope', 'sso-oauth-client-credentials', { oauth_config: { clients: [{ name: 'c', assigned_scopes_ids: ['X'] }] } }, [40002, 'sso']],
    ['client naming an id Duo did not issue', 'sso-oauth-client-credentials', { oauth_config: { clients: [{ name: 'c', client_id: 'MINE' }] } }, [40002, 'sso']],
    ['a valid SAML config', 'sso-generic', { saml_config: { entity_id: 'sp', acs_urls: [{ url: 'https://sp/acs' }] } }, undefined],
    ['a non-SSO type without sso', 'authapi', undefined, undefined],
  ])('%s', (_name, type, given, expected) => {
    expect(code(() => buildSso(type, given, undefined, random))).toEqual(expected);
  });

  it('issues client ids and secrets, keeps them for clients that stay, and merges partial configs', () => {
    const first = buildSso('sso-oauth-client-credentials', { oauth_config: { scopes: [{ name: 'read' }], clients: [{ name: 'job' }] } }, undefined, Math.random)!;
    const client = first.oauth_config!.clients[0]!;
    expect(client.client_secret).toHaveLength(40);
    const scope = first.oauth_config!.scopes[0]!;
    const second = buildSso(
      'sso-oauth-client-credentials',
      { oauth_config: { clients: [{ client_id: client.client_id, name: 'job renamed', assigned_scopes_ids: [scope.id] }, { name: 'new' }] } },
      first,
      Math.random,
    )!;
    expect(second.oauth_config!.clients[0]).toMatchObject({ client_id: client.client_id, client_secret: client.client_secret, name: 'job renamed' });
    expect(second.oauth_config!.clients[1]!.client_secret).not.toBe(client.client_secret);
    expect(second.oauth_config!.scopes).toEqual(first.oauth_config!.scopes);
    const saml = buildSso('sso-generic', { saml_config: { entity_id: 'a', nameid_format: 'x' } }, undefined, Math.random)!;
    expect(buildSso('sso-generic', { saml_config: { nameid_format: 'y' } }, saml, Math.random)!.saml_config).toEqual({ entity_id: 'a', nameid_format: 'y' });
  });

  it("derives Duo SSO's host from the API hostname", () => {
    expect(ssoHostOf('api-1a2b3c4d.duosecurity.com')).toBe('sso-1a2b3c4d.sso.duosecurity.com');
  });
});
