import { createEmulator, wrapRoute, type Emulator, type FleetSpec, type ListeningServer } from '@duohub/emulator';

/** A fleet emulator on a real port whose answers to some POST routes are held after the work is done. */
export interface HeldEmulator {
  emu: Emulator;
  server: ListeningServer;
  url: string;
  /** Requests done by the emulator whose answers are being held now. */
  held(): number;
  /** Lets every held answer go, now and from then on. */
  release(): void;
  sets(): Record<'admin' | 'accounts', { api_host: string; integration_key: string; secret_key: string }>;
  close(): Promise<void>;
}

/**
 * Starts `fleet` and wraps `paths` (POST): each call is carried out, then its answer waits until the
 * test releases it. A hub killed then has made calls whose answers never came: the worst case for
 * exactness, placed by construction rather than by timing.
 */
export async function startHeldEmulator(fleet: FleetSpec, paths: readonly string[]): Promise<HeldEmulator> {
  const emu = createEmulator({ seed: { fleet } });
  let released = false;
  let count = 0;
  const waiting: Array<() => void> = [];
  for (const path of paths) {
    emu.use(
      wrapRoute('POST', path, async (_ctx, next) => {
        const result = await next();
        if (!released) {
          count++;
          await new Promise<void>((r) => waiting.push(r));
          count--;
        }
        return result;
      }),
    );
  }
  const server = await emu.listen({ port: 0, host: '127.0.0.1' });
  const parent = emu.credentials().accounts.find((a) => a.parent_id === null)!;
  const release = () => {
    released = true;
    for (const r of waiting.splice(0)) r();
  };
  return {
    emu,
    server,
    url: server.url,
    held: () => count,
    release,
    sets() {
      const pick = (type: 'admin' | 'accounts') => {
        const i = parent.integrations.find((x) => x.type === type)!;
        return { api_host: i.api_hostname, integration_key: i.integration_key, secret_key: i.secret_key };
      };
      return { admin: pick('admin'), accounts: pick('accounts') };
    },
    async close() {
      release();
      await server.close();
      await emu.close();
    },
  };
}
