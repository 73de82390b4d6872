import { DuoClient, type ChildClientInit } from '../client/duo-client.js';
import type { DuoClientOptions } from '../config/duo-client-options.js';
import { BillingResource } from './billing.js';
import { BypassCodesResource } from './bypass-codes.js';
import { InfoResource } from './info.js';
import { LogsResource } from './logs.js';
import { PhonesResource } from './phones.js';
import { SettingsResource } from './settings.js';
import { UsersResource } from './users.js';

/**
 * A client of Duo's Admin API (Admin API keys), or, from `accounts.child()`, of a child account
 * through the parent's Accounts API keys with `account_id` on every call.
 */
export class DuoAdminClient extends DuoClient {
  /** Users, including lookup, enroll and directory sync. */
  readonly users: UsersResource;
  /** Phones, activation, SMS sends and user associations. */
  readonly phones: PhonesResource;
  /** Bypass codes. */
  readonly bypassCodes: BypassCodesResource;
  /** Account settings. */
  readonly settings: SettingsResource;
  /** Account information and authentication attempt counts. */
  readonly info: InfoResource;
  /** v2 logs. */
  readonly logs: LogsResource;
  /** Child-account billing (edition, telephony credits). */
  readonly billing: BillingResource;

  constructor(options: DuoClientOptions, child?: ChildClientInit) {
    super(options, child);
    this.users = new UsersResource(this);
    this.phones = new PhonesResource(this);
    this.bypassCodes = new BypassCodesResource(this);
    this.settings = new SettingsResource(this);
    this.info = new InfoResource(this);
    this.logs = new LogsResource(this, this.runtime.options.now ?? Date.now);
    this.billing = new BillingResource(this);
  }
}
