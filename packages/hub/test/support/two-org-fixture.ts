import { newUser, type Account } from '@duohub/emulator';
import { TokenThrottle, useTokenThrottle } from '../../src/access/token-throttle.js';
import { startCoverageJobs } from '../../src/jobs/mfa-coverage/coverage-jobs.js';
import { startTestEmulator, startTestHub, type ApiAnswer, type TestEmulator, type TestHub } from '../helpers/test-hub.js';

/** The emulator's demo fleet behind one integration, with two organizations mapped to two child accounts. */
export interface TwoOrgFixture {
  emu: TestEmulator;
  hub: TestHub;
  integrationId: string;
  /** Organization A (the limited tokens' own) -> Acme Corporation; B (the other) -> Globex Industries. */
  orgA: { id: string; name: string; accountId: string };
  orgB: { id: string; name: string; accountId: string };
  /** A Vault method with pasted parent Auth keys (fleet-wide). */
  methodId: string;
  /** A finished verification of each organization. */
  verificationA: string;
  verificationB: string;
  /** Two finished coverage runs (for diff). */
  runIds: [string, string];
  /** A token limited to B (its id must never reach A). */
  tokenB: { id: string; token: string };
  /** Strings only B's data contains; no answer to a token limited to A may hold one. */
  markersB: string[];
  /** Strings of A's data, to show the leak check looks at real content. */
  markersA: string[];
  /** Calls the hub as the bootstrap admin and throws on anything but 2xx. */
  asAdmin(method: string, path: string, body?: unknown): Promise<any>;
  close(): Promise<void>;
}

const ACME = 'Acme Corporation';
const GLOBEX = 'Globex Industries';

function authSet(account: Account) {
  const i = Object.values(account.integrations).find((x) => x.type === 'auth')!;
  return { api_host: account.api_hostname, integration_key: i.integration_key, secret_key: i.secret_key };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Builds everything through the API as the admin: the integration, organizations A and B (mapped,
 * with their accounts' own Auth keys), a user unique to each account, a Vault method, a finished
 * verification per organization, two coverage runs and a token limited to B.
 */
export async function startTwoOrgFixture(): Promise<TwoOrgFixture> {
  const emu = await startTestEmulator({ seed: 'demo', authLongPollMs: 500 });
  const hub = await startTestHub();
  // The matrix sends hundreds of bad tokens from one address on purpose; the throttle has its own tests.
  useTokenThrottle(hub.hub, new TokenThrottle({ budget: 1_000_000 }));
  // Coverage runs execute in this process, as `duohub serve` does on SQLite.
  const jobs = await startCoverageJobs(hub.hub, { pollMs: 50 });
  const asAdmin = async (method: string, path: string, body?: unknown) => {
    const res: ApiAnswer = await hub.api(method, path, body === undefined ? {} : { body });
    if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status} ${res.text}`);
    return res.body;
  };
  const accounts = Object.values(emu.emulator.state.accounts);
  const acme = accounts.find((a) => a.name === ACME)!;
  const globex = accounts.find((a) => a.name === GLOBEX)!;
  const now = Date.now();
  for (const [account, username] of [
    [acme, 'alpha-own-marker-user'],
    [globex, 'bravo-other-marker-user'],
  ] as const) {
    const user = newUser(account, username, Math.random, now);
    user.email = `${username}@example.net`;
    account.users[user.user_id] = user;
  }

  const integration = await asAdmin('POST', '/api/integrations', {
    name: 'Matrix Duo',
    base_url: emu.url,
    admin: emu.sets.admin,
    accounts: emu.sets.accounts,
    auth: emu.sets.auth,
  });
  const org = (name: string, domain: string, account: Account) =>
    asAdmin('POST', '/api/organizations', {
      name,
      email_domains: [domain],
      integration_id: integration.id,
      duo_account_id: account.account_id,
      auth: authSet(account),
    });
  const a = await org('Alpha Own Organization', 'alpha-own.example', acme);
  const b = await org('Bravo Other Marker Organization', 'bravo-marker.example', globex);

  const method = await asAdmin('POST', '/v1/identity/mfa/method/duo', {
    method_name: 'matrix-parent',
    api_hostname: emu.sets.auth.api_host,
    integration_key: emu.sets.auth.integration_key,
    secret_key: emu.sets.auth.secret_key,
    base_url: emu.url,
  });
  const verify = async (orgId: string, username: string) =>
    (await asAdmin('POST', '/api/verify', { organization_id: orgId, username, timeout_seconds: 5 })).id as string;
  const verificationA = await verify(a.id, 'alpha-own-marker-user');
  const verificationB = await verify(b.id, 'bravo-other-marker-user');

  const run = async () => {
    const started = await asAdmin('POST', '/api/reports/mfa-coverage/runs', { integration_id: integration.id });
    return waitFor(`coverage run ${started.id}`, async () => {
      const r = await asAdmin('GET', `/api/reports/mfa-coverage/runs/${started.id}`);
      if (r.status === 'failed' || r.status === 'cancelled') throw new Error(`coverage run ${r.status}: ${JSON.stringify(r.error)}`);
      return r.status === 'done' ? (r.id as string) : undefined;
    });
  };
  const runIds: [string, string] = [await run(), await run()];
  const tokenB = await asAdmin('POST', '/api/tokens', { name: 'bravo-only-token', scopes: ['admin'], organization_ids: [b.id] });

  const globexUsers = Object.values(globex.users);
  const markersB = [
    b.id,
    b.name,
    'bravo-marker.example',
    'bravo-other-marker-user',
    globex.account_id,
    'Globex',
    verificationB,
    tokenB.id,
    ...globexUsers.map((u) => u.user_id),
  ];
  return {
    emu,
    hub,
    integrationId: integration.id,
    orgA: { id: a.id, name: a.name, accountId: acme.account_id },
    orgB: { id: b.id, name: b.name, accountId: globex.account_id },
    methodId: method.data.method_id,
    verificationA,
    verificationB,
    runIds,
    tokenB: { id: tokenB.id, token: tokenB.token },
    markersB,
    markersA: [a.id, a.name, 'alpha-own-marker-user', acme.account_id],
    asAdmin,
    async close() {
      await jobs.stop();
      await hub.close();
      await emu.close();
    },
  };
}
