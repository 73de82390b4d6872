import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/index.js';
import type { Account, User } from '../../src/state/types.js';
import { call, type Answer, type CallOptions, type Keys } from './signed-call.js';

type Value = string | number | boolean | readonly string[];

/** A demo-seeded emulator with one customer account picked out and calls bound to its keys. */
export interface DemoFixture {
  emu: Emulator;
  account: Account;
  auth: Keys;
  admin: Keys;
  /** Signed call with the account's Auth API keys. */
  authCall(method: 'GET' | 'POST', path: string, params?: Record<string, Value>, opts?: CallOptions): Promise<Answer>;
  /** Signed call with the account's Admin API keys. */
  adminCall(method: 'GET' | 'POST' | 'DELETE', path: string, params?: Record<string, Value>, opts?: CallOptions): Promise<Answer>;
  /** The first user of the account matching `pred` (the test fails loudly if the seed has none). */
  user(pred: (u: User, a: Account) => boolean, what: string): User;
}

/** Builds the fixture on the demo seed's "Acme Corporation" (or the named account). */
export function demoFixture(options: EmulatorOptions = {}, accountName = 'Acme Corporation'): DemoFixture {
  const emu = createEmulator({ seed: 'demo', ...options });
  const account = Object.values(emu.state.accounts).find((a) => a.name === accountName);
  if (!account) throw new Error(`demo seed has no account ${accountName}`);
  const keyOf = (type: 'auth' | 'admin'): Keys => {
    const integration = Object.values(account.integrations).find((i) => i.type === type);
    if (!integration) throw new Error(`${accountName} has no ${type} integration`);
    return { integration_key: integration.integration_key, secret_key: integration.secret_key, api_hostname: account.api_hostname };
  };
  const auth = keyOf('auth');
  const admin = keyOf('admin');
  const fetcher = (r: Request) => emu.fetch(r);
  return {
    emu,
    account,
    auth,
    admin,
    authCall: (method, path, params = {}, opts = {}) => call(fetcher, auth, method, path, params, opts),
    adminCall: (method, path, params = {}, opts = {}) => call(fetcher, admin, method, path, params, opts),
    user(pred, what) {
      const found = Object.values(account.users).find((u) => pred(u, account));
      if (!found) throw new Error(`demo seed has no ${what} user in ${accountName}`);
      return found;
    },
  };
}

/** True when the user has an activated Duo Mobile phone (push-capable). */
export function hasPush(u: User, a: Account): boolean {
  return u.phone_ids.some((id) => a.phones[id]?.activated === true && a.phones[id]?.capabilities.includes('push'));
}

/** True when the user has neither phones nor tokens nor WebAuthn credentials. */
export function hasNoDevice(u: User): boolean {
  return u.phone_ids.length === 0 && u.token_ids.length === 0 && u.webauthn.length === 0;
}
