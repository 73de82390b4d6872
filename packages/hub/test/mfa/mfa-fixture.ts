import { newUser, putUser, type EmulatorOptions, type Phone, type PushScript, type User } from '@duohub/emulator';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from '../helpers/test-hub.js';

/** The emulator and a hub on real ports, a clock the tests can move, and helpers to arrange Duo users. */
export interface MfaFixture {
  emu: TestEmulator;
  hub: TestHub;
  /** Milliseconds added to the hub's clock (the emulator keeps real time). */
  clock: { offsetMs: number };
  /** Creates a user in the parent account (or `account`), with one activated smartphone unless `enrolled: false`. */
  addUser(
    username: string,
    options?: { status?: User['status']; enrolled?: boolean; push?: PushScript; account?: string },
  ): { user: User; phoneId: string | null };
  /** Pasted-keys method body pointing at the emulator's Auth API keys. */
  methodBody(extra?: Record<string, unknown>): Record<string, unknown>;
  /** Calls a `/v1` route with X-Vault-Token (or no token with `token: null`). */
  vault(method: string, path: string, body?: unknown, token?: string | null): ReturnType<TestHub['api']>;
  close(): Promise<void>;
}

/** Starts everything; `authLongPollMs` bounds how long the emulator holds an auth_status call. */
export async function startMfaFixture(emulatorOptions: EmulatorOptions = {}): Promise<MfaFixture> {
  const emu = await startTestEmulator({ authLongPollMs: 2_000, ...emulatorOptions });
  const clock = { offsetMs: 0 };
  const hub = await startTestHub({ now: () => new Date(Date.now() + clock.offsetMs) });
  let phones = 0;

  return {
    emu,
    hub,
    clock,
    addUser(username, options = {}) {
      const account = emu.emulator.state.accounts[options.account ?? emu.parentId]!;
      const user = newUser(account, username, Math.random, Date.now());
      user.status = options.status ?? 'active';
      if (options.push) user.push_script = options.push;
      let phoneId: string | null = null;
      if (options.enrolled !== false) {
        phones += 1;
        phoneId = `DP${String(phones).padStart(18, '0')}`;
        const phone: Phone = {
          phone_id: phoneId,
          number: `+1415555${String(1000 + phones).slice(-4)}`,
          extension: '',
          name: `${username}'s phone`,
          type: 'mobile',
          platform: 'apple ios',
          model: 'iPhone 15',
          activated: true,
          capabilities: ['auto', 'push', 'phone', 'sms', 'mobile_otp'],
          sms_passcodes_sent: false,
          predelay: null,
          postdelay: null,
          last_seen: '',
          user_ids: [user.user_id],
        };
        account.phones[phoneId] = phone;
        user.phone_ids.push(phoneId);
      }
      putUser(account, user);
      return { user, phoneId };
    },
    methodBody(extra = {}) {
      return {
        api_hostname: emu.sets.auth.api_host,
        integration_key: emu.sets.auth.integration_key,
        secret_key: emu.sets.auth.secret_key,
        base_url: emu.url,
        ...extra,
      };
    },
    vault(method, path, body, token) {
      const t = token === undefined ? hub.adminToken : token;
      return hub.api(method, path, { token: null, ...(body !== undefined ? { body } : {}), headers: t ? { 'x-vault-token': t } : {} });
    },
    async close() {
      await hub.close();
      await emu.close();
    },
  };
}

/** Parses an SSE body into its events (type and JSON data). */
export function parseSse(text: string): Array<{ id: number; type: string; data: any }> {
  return text
    .split('\n\n')
    .map((block) => block.split('\n').filter((l) => l && !l.startsWith(':')))
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
      return { id: Number(field('id')), type: field('event'), data: JSON.parse(field('data') || 'null') };
    });
}
