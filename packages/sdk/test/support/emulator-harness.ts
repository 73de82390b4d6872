import { createEmulator, type Emulator, type EmulatorOptions, type ListeningServer } from '@duohub/emulator';
import { DuoAccountsClient, DuoAdminClient, DuoAuthClient, type DuoClientOptions } from '../../src/index.js';

/** The two transports every contract test runs over. */
export const TRANSPORTS = ['in-process', 'over a port'] as const;
export type TransportMode = (typeof TRANSPORTS)[number];

/** A running emulator and clients for its integrations, over one transport. */
export interface Harness {
  emu: Emulator;
  server: ListeningServer | undefined;
  /** Client options for an integration of an account (the parent when no account is named). */
  options(type: 'admin' | 'auth' | 'accounts', accountName?: string, extra?: Partial<DuoClientOptions>): DuoClientOptions;
  admin(accountName?: string, extra?: Partial<DuoClientOptions>): DuoAdminClient;
  auth(accountName?: string, extra?: Partial<DuoClientOptions>): DuoAuthClient;
  accounts(extra?: Partial<DuoClientOptions>): DuoAccountsClient;
  parent(): { account_id: string; name: string; api_hostname: string };
  children(): Array<{ account_id: string; name: string; api_hostname: string }>;
  close(): Promise<void>;
}

/** Retries without real waiting, so fault and 429 tests run fast. */
export const FAST_RETRY = { initialDelayMs: 1, maxDelayMs: 4, jitterMs: 1, maxAttempts: 12 };

/** Starts an emulator; over a port, clients connect to it with `baseUrl` and keep-alive. */
export async function startHarness(mode: TransportMode, emuOptions: EmulatorOptions = {}): Promise<Harness> {
  const emu = createEmulator(emuOptions);
  const server = mode === 'over a port' ? await emu.listen({ port: 0, host: '127.0.0.1' }) : undefined;
  const clients: Array<{ close(): void }> = [];
  const accountOf = (name?: string) => {
    const accounts = emu.credentials().accounts;
    const found = name === undefined ? accounts.find((a) => a.parent_id === null) : accounts.find((a) => a.name === name);
    if (!found) throw new Error(`no account ${name ?? '(parent)'} in the seed`);
    return found;
  };
  const options: Harness['options'] = (type, accountName, extra = {}) => {
    const integration = accountOf(accountName).integrations.find((i) => i.type === type);
    if (!integration) throw new Error(`no ${type} integration on ${accountName ?? 'the parent'}`);
    const transport = server ? { baseUrl: server.url } : { fetch: emu.fetch };
    return {
      host: integration.api_hostname,
      ikey: integration.integration_key,
      skey: integration.secret_key,
      retry: FAST_RETRY,
      ...transport,
      ...extra,
    };
  };
  const track = <T extends { close(): void }>(client: T): T => {
    clients.push(client);
    return client;
  };
  return {
    emu,
    server,
    options,
    admin: (name, extra) => track(new DuoAdminClient(options('admin', name, extra))),
    auth: (name, extra) => track(new DuoAuthClient(options('auth', name, extra))),
    accounts: (extra) => track(new DuoAccountsClient(options('accounts', undefined, extra))),
    parent: () => accountOf(),
    children: () => emu.credentials().accounts.filter((a) => a.parent_id !== null),
    async close() {
      for (const client of clients) client.close();
      await emu.close();
    },
  };
}
