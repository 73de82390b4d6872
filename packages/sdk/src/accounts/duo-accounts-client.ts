import { DuoAdminClient } from '../admin/duo-admin-client.js';
import { DuoClient, type RequestOptions } from '../client/duo-client.js';
import type { DuoClientOptions } from '../config/duo-client-options.js';
import { accountsCreate, accountsDelete, accountsList } from '../endpoints/accounts.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import { DuoConfigError, DuoNotFoundError } from '../errors/error-classes.js';
import { validateHost } from '../signing/signing-options.js';
import type { DuoAccount } from './types.js';

/** Duo account ids: `DA` and 18 uppercase letters or digits. */
const ACCOUNT_ID = /^DA[A-Z0-9]{18}$/;

/**
 * A client of Duo's Accounts API (parent account, Accounts API keys): list, create and delete
 * child accounts (declared in `endpoints/accounts.ts`), and `child()` for Admin API calls on one of them.
 */
export class DuoAccountsClient extends DuoClient {
  private readonly hosts = new Map<string, Promise<string>>();

  constructor(options: DuoClientOptions) {
    super(options);
  }

  /** Every child account (not paged). */
  async list(options?: RequestOptions): Promise<DuoAccount[]> {
    const res = await callEndpoint(this, accountsList, {}, options);
    // The list is fresh: remember every host it names, for child() calls by id.
    for (const account of res.response as DuoAccount[]) {
      if (typeof account?.account_id === 'string' && typeof account.api_hostname === 'string') {
        this.hosts.set(account.account_id, Promise.resolve(account.api_hostname.toLowerCase()));
      }
    }
    return res.response as DuoAccount[];
  }

  /** Creates a child account. Not idempotent: never resent after an ambiguous failure. */
  async create(name: string, options?: RequestOptions): Promise<DuoAccount> {
    return (await callEndpoint(this, accountsCreate, { name }, options)).response as DuoAccount;
  }

  /** Deletes a child account (repeatable). */
  async delete(accountId: string, options?: RequestOptions): Promise<void> {
    checkAccountId(accountId);
    await callEndpoint(this, accountsDelete, { account_id: accountId }, options);
    this.hosts.delete(accountId);
  }

  /**
   * An Admin API client for a child account: it signs with these Accounts API keys, sends to the
   * child's api_hostname and adds `account_id` to every call. Given only an id, the host is looked
   * up with account/list on first use and cached. The child shares this client's connections,
   * retry policy and pacer (budgets are kept per host and account).
   */
  child(account: string | Pick<DuoAccount, 'account_id' | 'api_hostname'>): DuoAdminClient {
    const accountId = typeof account === 'string' ? account : account?.account_id;
    checkAccountId(accountId);
    let host: string | undefined;
    if (typeof account === 'object') {
      host = validateHost(account.api_hostname, 'api_hostname');
      this.hosts.set(accountId, Promise.resolve(host));
    }
    return new DuoAdminClient(this.runtime.options, {
      runtime: this.runtime,
      host,
      accountId,
      resolveHost: () => this.hostOf(accountId),
    });
  }

  private hostOf(accountId: string): Promise<string> {
    let pending = this.hosts.get(accountId);
    if (!pending) {
      pending = this.list().then((accounts) => {
        const found = accounts.find((a) => a.account_id === accountId);
        if (!found) {
          throw new DuoNotFoundError(`account ${accountId} is not a child of this parent account (not in account/list)`, {
            status: 404,
            request: { method: 'POST', host: this.host, path: '/accounts/v1/account/list' },
          });
        }
        return validateHost(found.api_hostname, 'api_hostname');
      });
      // A failed lookup is not cached: the next call tries again.
      pending.catch(() => this.hosts.delete(accountId));
      this.hosts.set(accountId, pending);
    }
    return pending;
  }
}

function checkAccountId(accountId: unknown): asserts accountId is string {
  if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) {
    throw new DuoConfigError('accountId', 'accountId must be a Duo account id: "DA" followed by 18 uppercase letters or digits');
  }
}
