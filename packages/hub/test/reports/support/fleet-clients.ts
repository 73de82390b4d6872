import type { Emulator } from '@duohub/emulator';
import { DuoAccountsClient, type DuoClientOptions } from '@duohub/sdk';

/** Retries quick enough for tests: the same policy shape as Duo's clients, in milliseconds. */
export const FAST_RETRY = { initialDelayMs: 2, maxDelayMs: 20, jitterMs: 3, maxAttempts: 12, maxTotalWaitMs: 10_000 } as const;

/** An Accounts API client on the emulator's parent account, in process or through `baseUrl`. */
export function parentAccountsClient(emu: Emulator, transport: { baseUrl: string } | 'in-process', extra: Partial<DuoClientOptions> = {}): DuoAccountsClient {
  const parent = emu.credentials().accounts.find((a) => a.parent_id === null);
  const keys = parent?.integrations.find((i) => i.type === 'accounts');
  if (!keys) throw new Error('the emulator seed has no Accounts API integration on the parent');
  return new DuoAccountsClient({
    host: keys.api_hostname,
    ikey: keys.integration_key,
    skey: keys.secret_key,
    ...(transport === 'in-process' ? { fetch: (req: Request) => emu.fetch(req) } : { baseUrl: transport.baseUrl }),
    ...extra,
  });
}
