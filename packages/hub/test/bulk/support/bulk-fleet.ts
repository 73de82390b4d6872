import { DuoAccountsClient } from '@duohub/sdk';
import { newUser, type Account } from '@duohub/emulator';
import { startCoverageJobs } from '../../../src/jobs/mfa-coverage/coverage-jobs.js';
import { startTestEmulator, startTestHub, type ApiAnswer, type TestEmulator, type TestHub } from '../../helpers/test-hub.js';

/** One seeded user: who, status, email, last login (days ago, null = never), MFA (a phone), alias. */
interface SeedUser {
  username: string;
  status?: 'active' | 'bypass' | 'disabled' | 'locked out';
  email?: string;
  loginDaysAgo?: number | null;
  mfa?: boolean;
  alias?: string;
}

/** The fleet: organization name -> tags and users (Unmapped Co has no Duo account). */
const FLEET: Array<{ account: string | null; org: string; tags: string[]; users: SeedUser[] }> = [
  {
    account: 'Acme Corp',
    org: 'Acme Corp',
    tags: ['eu', 'gold'],
    users: [
      { username: 'alice', email: 'alice@acme.example', loginDaysAgo: 1, mfa: true },
      { username: 'bob', status: 'bypass', email: 'bob@acme.example', loginDaysAgo: 200 },
      { username: 'carol', status: 'locked out', email: 'carol@acme.example', loginDaysAgo: null },
      { username: 'dave', status: 'disabled', loginDaysAgo: 10 },
      { username: 'erin', email: 'erin@acme.example', loginDaysAgo: 5, alias: 'erin.alias' },
    ],
  },
  {
    account: 'Acme Labs',
    org: 'Acme Labs',
    tags: ['eu'],
    users: [
      { username: 'alice', email: 'alice@labs.example', loginDaysAgo: 100, mfa: true },
      { username: 'frank', email: 'frank@labs.example', loginDaysAgo: null },
    ],
  },
  {
    account: 'Globex',
    org: 'Globex Industries',
    tags: ['us'],
    users: [
      { username: 'gina', status: 'bypass', email: 'gina@globex.example', loginDaysAgo: 0 },
      { username: 'hank', email: 'shared@globex.example', loginDaysAgo: 3 },
      { username: 'ivan', email: 'shared@globex.example', loginDaysAgo: 3, mfa: true },
      { username: '=calc', status: 'bypass', email: 'calc@globex.example', loginDaysAgo: 400 },
    ],
  },
  { account: null, org: 'Unmapped Co', tags: ['eu'], users: [] },
];

/** The fleet behind one integration, organizations by name, and a finished coverage snapshot. */
export interface BulkFleet {
  emu: TestEmulator;
  hub: TestHub;
  integrationId: string;
  orgs: Record<string, { id: string; accountId: string | null }>;
  /** Emulator user ids by `<org>/<username>`. */
  userIds: Record<string, string>;
  /** The finished coverage run's snapshot ('' when started without coverage). */
  snapshotId: string;
  accounts: Record<string, Account>;
  asAdmin(method: string, path: string, body?: unknown): Promise<any>;
  /** Requests the emulator answered per account and route since `mark`. */
  requestsSince(mark: Record<string, Record<string, number>>): Record<string, Record<string, number>>;
  mark(): Record<string, Record<string, number>>;
  close(): Promise<void>;
}

function addPhone(account: Account, userId: string, n: number): void {
  const phoneId = `DP${String(n).padStart(18, '0')}`;
  account.phones[phoneId] = {
    phone_id: phoneId,
    number: `+1555000${String(n).padStart(4, '0')}`,
    extension: '',
    name: '',
    type: 'mobile',
    platform: 'apple ios',
    model: 'iPhone',
    activated: true,
    capabilities: ['auto', 'push', 'sms', 'phone', 'mobile_otp'],
    sms_passcodes_sent: false,
    predelay: null,
    postdelay: null,
    last_seen: '',
    user_ids: [userId],
  };
  account.users[userId]!.phone_ids.push(phoneId);
}

/** Starts the emulator and a hub on real ports and builds the fleet through the API as the admin. */
export async function startBulkFleet(options: { databaseUrl?: string; coverage?: boolean } = {}): Promise<BulkFleet> {
  const emu = await startTestEmulator();
  const hub = await startTestHub(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {});
  const jobs = options.coverage === false ? null : await startCoverageJobs(hub.hub, { pollMs: 50 });
  const asAdmin = async (method: string, path: string, body?: unknown) => {
    const res: ApiAnswer = await hub.api(method, path, body === undefined ? {} : { body });
    if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status} ${res.text}`);
    return res.body;
  };
  const accountsClient = new DuoAccountsClient({
    host: emu.sets.accounts.api_host,
    ikey: emu.sets.accounts.integration_key,
    skey: emu.sets.accounts.secret_key,
    baseUrl: emu.url,
    pacing: false,
  });
  const integration = await asAdmin('POST', '/api/integrations', { name: 'Bulk Duo', base_url: emu.url, admin: emu.sets.admin, accounts: emu.sets.accounts });
  const now = Date.now();
  const orgs: BulkFleet['orgs'] = {};
  const userIds: Record<string, string> = {};
  const accounts: Record<string, Account> = {};
  let phones = 0;
  for (const entry of FLEET) {
    let accountId: string | null = null;
    if (entry.account) {
      accountId = (await accountsClient.create(entry.account)).account_id;
      const account = emu.emulator.state.accounts[accountId]!;
      accounts[entry.org] = account;
      for (const u of entry.users) {
        const user = newUser(account, u.username, Math.random, now);
        user.status = u.status ?? 'active';
        user.email = u.email ?? '';
        user.last_login = u.loginDaysAgo === null || u.loginDaysAgo === undefined ? null : Math.floor(now / 1000) - u.loginDaysAgo * 86_400;
        if (u.alias) user.aliases = { alias1: u.alias };
        account.users[user.user_id] = user;
        userIds[`${entry.org}/${u.username}`] = user.user_id;
        if (u.mfa) addPhone(account, user.user_id, ++phones);
      }
    }
    const org = await asAdmin('POST', '/api/organizations', {
      name: entry.org,
      tags: entry.tags,
      ...(accountId ? { integration_id: integration.id, duo_account_id: accountId } : {}),
    });
    orgs[entry.org] = { id: org.id, accountId };
  }
  const started = jobs ? await asAdmin('POST', '/api/reports/mfa-coverage/runs', { integration_id: integration.id }) : { id: '' };
  const until = Date.now() + 30_000;
  for (; jobs; ) {
    const r = await asAdmin('GET', `/api/reports/mfa-coverage/runs/${started.id}`);
    if (r.status === 'done') break;
    if (r.status === 'failed' || r.status === 'cancelled' || Date.now() > until) throw new Error(`coverage run ${r.status}`);
    await new Promise((res) => setTimeout(res, 50));
  }
  const mark = () => structuredClone(emu.emulator.stats().accountRequests);
  return {
    emu,
    hub,
    integrationId: integration.id,
    orgs,
    userIds,
    snapshotId: started.id,
    accounts,
    asAdmin,
    mark,
    requestsSince(before) {
      const after = emu.emulator.stats().accountRequests;
      const out: Record<string, Record<string, number>> = {};
      for (const [account, routes] of Object.entries(after)) {
        for (const [route, n] of Object.entries(routes)) {
          const delta = n - (before[account]?.[route] ?? 0);
          if (delta > 0) (out[account] ??= {})[route] = delta;
        }
      }
      return out;
    },
    async close() {
      await jobs?.stop();
      await hub.close();
      await emu.close();
    },
  };
}
