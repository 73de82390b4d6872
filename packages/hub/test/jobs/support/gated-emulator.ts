import { createEmulator, wrapRoute, type Emulator, type FleetSpec, type ListeningServer } from '@duohub/emulator';

/** An emulator fleet on a real port whose user listing waits, per child account, until the test opens it (the parent is never gated). */
export interface GatedEmulator {
  emu: Emulator;
  server: ListeningServer;
  url: string;
  children: string[];
  /** Accounts whose users were asked for (the scan of that account has started). */
  requested: Set<string>;
  /** Lets `accountIds` (default: all) through, now and from then on. */
  open(accountIds?: readonly string[]): void;
  /** Makes accounts wait again (default: all). */
  shut(): void;
  /** Resolves once every account in `accountIds` has asked for users. */
  waitRequested(accountIds: readonly string[]): Promise<void>;
  /** The parent's credential sets in the hub's API shape. */
  sets(): Record<'admin' | 'accounts' | 'auth', { api_host: string; integration_key: string; secret_key: string }>;
  close(): Promise<void>;
}

/**
 * Starts the emulator with `fleet` and a per-request latency, and replaces `GET /admin/v1/users`
 * with the same listing behind a gate: a scan of a gated account stays in flight until the test
 * opens it. That places a crash or a stop "mid-run" by construction instead of by timing.
 */
export async function startGatedEmulator(fleet: FleetSpec, latencyMs = 30): Promise<GatedEmulator> {
  const emu = createEmulator({ seed: { fleet }, faults: latencyMs > 0 ? [{ latencyMs }] : [] });
  let openAll = false;
  const opened = new Set<string>();
  const waiting = new Map<string, Array<() => void>>();
  const requested = new Set<string>();
  const watchers: Array<() => void> = [];
  const release = (id: string) => {
    for (const resume of waiting.get(id) ?? []) resume();
    waiting.delete(id);
  };
  emu.use(
    wrapRoute('GET', '/admin/v1/users', async (ctx, next) => {
      const id = ctx.account.account_id;
      requested.add(id);
      for (const w of watchers.splice(0)) w();
      if (!openAll && !opened.has(id)) {
        await new Promise<void>((resolve) => waiting.set(id, [...(waiting.get(id) ?? []), resolve]));
      }
      return next();
    }),
  );
  const server = await emu.listen({ port: 0, host: '127.0.0.1' });
  const parent = emu.credentials().accounts.find((a) => a.parent_id === null)!;
  // The parent is never gated: the hub's credential checks read its users.
  opened.add(parent.account_id);
  const children = emu
    .credentials()
    .accounts.filter((a) => a.parent_id !== null)
    .map((a) => a.account_id);
  return {
    emu,
    server,
    url: server.url,
    children,
    requested,
    open(ids) {
      if (!ids) {
        openAll = true;
        for (const id of [...waiting.keys()]) release(id);
        return;
      }
      for (const id of ids) {
        opened.add(id);
        release(id);
      }
    },
    shut() {
      openAll = false;
      opened.clear();
      opened.add(parent.account_id);
    },
    async waitRequested(ids) {
      while (!ids.every((id) => requested.has(id))) await new Promise<void>((r) => watchers.push(r));
    },
    sets() {
      const pick = (type: 'admin' | 'accounts' | 'auth') => {
        const i = parent.integrations.find((x) => x.type === type)!;
        return { api_host: i.api_hostname, integration_key: i.integration_key, secret_key: i.secret_key };
      };
      return { admin: pick('admin'), accounts: pick('accounts'), auth: pick('auth') };
    },
    async close() {
      openAll = true;
      for (const id of [...waiting.keys()]) release(id);
      await server.close();
      await emu.close();
    },
  };
}

/** Polls `check` until it returns a value (not undefined); no deadline of its own (the test timeout is the bound). */
export async function until<T>(check: () => Promise<T | undefined> | T | undefined, everyMs = 25): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
