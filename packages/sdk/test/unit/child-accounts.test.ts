import { describe, expect, it } from 'vitest';
import { DuoAccountsClient, DuoNotFoundError, Pacer } from '../../src/index.js';
import { CREDS, fakeDuo, ok, type Seen } from '../support/fake-duo.js';

const CHILD = { account_id: 'DA0000000000000000C1', name: 'Acme', api_hostname: 'api-c1c1c1c1.duosecurity.com' };

function parent(extra: (seen: Seen) => Response | undefined = () => undefined) {
  const duo = fakeDuo((seen) => {
    const custom = extra(seen);
    if (custom) return custom;
    if (seen.url.pathname === '/accounts/v1/account/list') return ok([CHILD]);
    if (seen.method === 'GET' && seen.url.pathname === '/admin/v1/users') return ok([], { total_objects: 0 });
    return ok({});
  });
  return { duo, accounts: new DuoAccountsClient({ ...CREDS, fetch: duo.fetch, pacing: false }) };
}

describe('accounts.child', () => {
  it('looks the host up once, then signs for the child host with account_id on every call', async () => {
    const { duo, accounts } = parent();
    const child = accounts.child(CHILD.account_id);
    expect(child.host).toBe('');
    await child.users.list().toArray();
    await child.users.create({ username: 'new' });
    await child.users.delete('DU1');
    expect(await child.getHost()).toBe(CHILD.api_hostname);
    const [list, get, post, del] = duo.seen;
    expect(list!.url.pathname).toBe('/accounts/v1/account/list');
    expect(list!.url.host).toBe(CREDS.host);
    for (const s of [get!, post!, del!]) {
      expect(s.url.host).toBe(CHILD.api_hostname);
      expect(s.signatureValid).toBe(true);
    }
    expect(get!.url.searchParams.get('account_id')).toBe(CHILD.account_id);
    expect(post!.json).toEqual({ username: 'new', account_id: CHILD.account_id });
    expect(del!.url.searchParams.get('account_id')).toBe(CHILD.account_id);
    expect(duo.seen.filter((s) => s.url.pathname === '/accounts/v1/account/list')).toHaveLength(1);
  });

  it('needs no lookup when given the account object, and reuses hosts from list()', async () => {
    const { duo, accounts } = parent();
    await accounts.child(CHILD).settings.get();
    expect(duo.seen.map((s) => s.url.pathname)).toEqual(['/admin/v1/settings']);
    const other = parent();
    await other.accounts.list();
    await other.accounts.child(CHILD.account_id).settings.get();
    expect(other.duo.seen.map((s) => s.url.pathname)).toEqual(['/accounts/v1/account/list', '/admin/v1/settings']);
  });

  it('shares one lookup between concurrent first calls', async () => {
    const { duo, accounts } = parent();
    const child = accounts.child(CHILD.account_id);
    await Promise.all([child.settings.get(), child.info.summary(), child.billing.getEdition()]);
    expect(duo.seen.filter((s) => s.url.pathname === '/accounts/v1/account/list')).toHaveLength(1);
  });

  it('an unknown child fails with DuoNotFoundError and is looked up again next time', async () => {
    let lists = 0;
    const { accounts } = parent((seen) => {
      if (seen.url.pathname !== '/accounts/v1/account/list') return undefined;
      lists++;
      return ok([]);
    });
    const child = accounts.child('DA00000000000000000X');
    await expect(child.settings.get()).rejects.toBeInstanceOf(DuoNotFoundError);
    await expect(child.settings.get()).rejects.toBeInstanceOf(DuoNotFoundError);
    expect(lists).toBe(2);
  });

  it('replaces an account_id the caller passed', async () => {
    const { duo, accounts } = parent();
    await accounts.child(CHILD).request('GET', '/admin/v1/info/summary', { account_id: 'DA_SOMEONE_ELSE', x: '1' });
    expect(duo.seen[0]!.url.searchParams.getAll('account_id')).toEqual([CHILD.account_id]);
  });

  it('children share the parent pacer, keyed by child host and account', async () => {
    const pacer = new Pacer();
    const duo = fakeDuo(() => ok({}));
    const accounts = new DuoAccountsClient({ ...CREDS, fetch: duo.fetch, pacing: pacer });
    await accounts.child(CHILD).settings.get();
    const snap = pacer.snapshot({ host: CHILD.api_hostname, accountId: CHILD.account_id, endpointClass: 'admin_get_one' });
    expect(snap!.tokens).toBeLessThan(snap!.burst);
    const parentSnap = pacer.snapshot({ host: CREDS.host, endpointClass: 'admin_get_one' });
    expect(parentSnap!.tokens).toBe(parentSnap!.burst);
  });
});
