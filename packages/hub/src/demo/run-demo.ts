import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmulator } from '@duohub/emulator';
import { pino } from 'pino';
import { issueSignInToken, SIGN_IN_TTL_MS } from '../access/sign-in-links.js';
import { ensureBootstrapToken } from '../access/token-service.js';
import type { ApiRouteModule } from '../api/define-api-route.js';
import type { CliIo } from '../cli/define-command.js';
import { listenOrExplain, ListenError } from '../cli/describe-listen-error.js';
import { remoteHubClient, type HubClient } from '../cli/hub-client.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../log/create-logger.js';
import { SecretScrubber } from '../log/secret-scrubber.js';
import { startCoverageJobs } from '../jobs/mfa-coverage/coverage-jobs.js';
import { PacerRegistry } from '../integrations/duo-connect-options.js';
import { duoLogRateFromEnv } from '../jobs/log-sync/log-sync-job-options.js';
import { startLogSyncJobs } from '../jobs/log-sync/log-sync-jobs.js';
import { startLogForwarding } from '../logs/forwarding/log-forwarder.js';
import { formatReport } from '../reports/report-command.js';
import { runCoverageToEnd } from '../reports/run-coverage-to-end.js';
import { openHub } from '../server/open-hub.js';
import { untilSignal } from '../server/run-serve.js';
import { startServer } from '../server/start-server.js';
import { emulatorConnectTo } from './emulator-connect-to.js';
import { varyOrgName } from './vary-org-name.js';

/** Options of `runDemo` (`duohub demo`). */
export interface RunDemoOptions {
  io: CliIo;
  env: Record<string, string | undefined>;
  /** Hub port; default DUOHUB_PORT or 8787; 0 picks a free one. */
  port?: number;
  /** Emulator port; default 0 (a free one). */
  emulatorPort?: number;
  /** Built web UI to serve (tests build their own); default packages/web/dist. */
  webDist?: string | null;
  /** Stop after setting everything up (for tests and CI). */
  exitAfterSetup?: boolean;
  /** Print the summary as JSON instead of prose. */
  json?: boolean;
  routeModules?: readonly ApiRouteModule[];
  /** Resolves when the demo should stop; default SIGINT/SIGTERM. */
  until?: Promise<unknown>;
}

/** What the demo set up. */
export interface DemoSummary {
  hub_url: string;
  docs_url: string;
  ui_url: string;
  /** The UI with a one-time sign-in token in the fragment: opening it signs the browser in once. */
  sign_in_url: string;
  sign_in_expires_at: string;
  emulator_url: string;
  data_dir: string;
  admin_token: string;
  integration: { id: string; name: string; checks: Array<{ kind: string; status: string }> };
  organizations: Array<{
    id: string;
    name: string;
    duo_account_name: string | null;
    duo_account_id: string | null;
    confidence: number | null;
    reason: string | null;
  }>;
  /** The first fleet MFA coverage snapshot, so the UI's dashboard has data from the start. */
  coverage: { run_id: string; users: number; mfa_percent: number; organizations: Array<{ name: string; users: number; mfa_percent: number }> };
  /** Duo's logs: synced now and every `sync_every_seconds`; alerts evaluated; no forwarding destination yet. */
  logs: { sync_every_seconds: number; accounts: number; units_requested: number; destinations: number };
}

/** How often the demo syncs the emulator's logs (the shortest schedule `duohub serve` accepts). */
export const DEMO_LOG_SYNC_MS = 60_000;
/**
 * The demo's log reads per minute and account: its emulator enforces no limit, and Duo's published 2
 * a minute would make the first sync of 4 accounts x 6 log types take minutes. DUOHUB_DUO_LOG_RATE_PER_MINUTE overrides.
 */
const DEMO_LOG_RATE_PER_MINUTE = 120;
/** The emulator logs an entry as it happens, so the demo waits only a moment for Duo's late entries (2 min against Duo). */
const DEMO_LOG_LAG_MS = 5000;

/**
 * The newcomer's first command: the emulator with the demo seed, a hub on a fresh SQLite store in
 * a temp dir, the integration created from the emulator's parent credentials through the real API
 * (checks pass), three organizations named a little differently from the Duo child accounts,
 * the mapping suggestions applied, a first MFA coverage run, and Duo's logs synced now and every
 * minute (alerts evaluated; no forwarding destination until one is added). Prints what it did and
 * keeps serving until interrupted.
 */
export async function runDemo(options: RunDemoOptions): Promise<{ code: number; summary?: DemoSummary }> {
  const { io } = options;
  const say = (text: string) => {
    if (!options.json) io.out(text);
  };
  const emulator = createEmulator({ seed: 'demo' });
  const cleanups: Array<() => Promise<unknown>> = [() => emulator.close()];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
  };
  try {
    const emulatorPort = options.emulatorPort ?? 0;
    const emulatorServer = await listenOrExplain(() => emulator.listen({ port: emulatorPort, host: '127.0.0.1' }), 'the Duo emulator', emulatorPort, '--emulator-port');
    const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-demo-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    say(`duohub demo\n  emulator (demo seed) at ${emulatorServer.url}\n  data dir ${dataDir}\n`);
    const config = { ...loadConfig({ ...options.env, DUOHUB_DATA_DIR: dataDir, DATABASE_URL: '', DUOHUB_MASTER_KEY: '' }) };
    const scrubber = new SecretScrubber();
    const logger = createLogger({ level: 'warn', scrubber, destination: pino.destination({ dest: 2, sync: true }) });
    // The demo's own emulator is the one custom origin it needs: its account hostnames are routed
    // there (so pasted emulator keys work without a base URL), and a base URL pointing at it is allowed.
    const opened = await openHub({
      config,
      logger,
      duo: {
        allowCustomOrigins: true,
        connectTo: emulatorConnectTo(() => emulator.credentials(), emulatorServer.url),
        pacers: new PacerRegistry({ rates: { admin_logs: duoLogRateFromEnv(options.env) ?? DEMO_LOG_RATE_PER_MINUTE } }),
      },
    });
    cleanups.push(() => opened.close());
    const bootstrap = await ensureBootstrapToken(opened.hub, undefined);
    const token = bootstrap.token!;
    // Coverage runs started from the demo (and from its UI) execute in this process, as under `duohub serve`.
    const coverageJobs = await startCoverageJobs(opened.hub, { retry: {} });
    cleanups.push(() => coverageJobs.stop());
    // Log sync on a short schedule, and the forwarder and alert worker, as under `duohub serve`. The demo
    // is a local sandbox: a destination may be a receiver on this machine (loopback, private addresses).
    const logSync = await startLogSyncJobs(opened.hub, { retry: {}, scheduleMs: DEMO_LOG_SYNC_MS, lagMs: DEMO_LOG_LAG_MS });
    cleanups.push(() => logSync.stop());
    const forwarding = await startLogForwarding(opened.hub, { allowPrivate: true });
    cleanups.push(() => forwarding.stop());
    const hubPort = options.port ?? config.port;
    const server = await listenOrExplain(
      () =>
        startServer({
          hub: opened.hub,
          port: hubPort,
          host: config.host,
          ...(options.routeModules ? { routeModules: options.routeModules } : {}),
          ...(options.webDist !== undefined ? { webDist: options.webDist } : {}),
        }),
      'the hub',
      hubPort,
      '--port',
      options.env.DUOHUB_PORT && options.port === undefined ? 'DUOHUB_PORT' : undefined,
    );
    cleanups.push(() => server.close(1000));
    say(`  hub at ${server.url}\n\n`);

    const client = remoteHubClient(server.url, token);
    const summary = await setUp(client, emulator, emulatorServer.url, say);
    const coverage = await firstCoverageRun(client, summary.integration.id, say);
    const logs = await firstLogSync(client, summary.integration.id, say);
    // The newcomer's one click into the UI: a one-time token in the fragment (never sent in a request
    // line, so no access log sees it), which the UI trades for an API token and removes from the address.
    const signIn = issueSignInToken(opened.hub, { name: 'demo sign-in link' });
    const result: DemoSummary = {
      hub_url: server.url,
      docs_url: `${server.url}/api/docs`,
      ui_url: `${server.url}/`,
      sign_in_url: `${server.url}/#token=${signIn.token}`,
      sign_in_expires_at: signIn.expires_at,
      emulator_url: emulatorServer.url,
      data_dir: dataDir,
      admin_token: token,
      ...summary,
      coverage,
      logs,
    };
    if (options.json) io.out(JSON.stringify(result, null, 2) + '\n');
    say(
      `\nReady.\n  Open the UI (signs you in; the link works once, for ${SIGN_IN_TTL_MS / 60_000} minutes):\n    ${result.sign_in_url}\n` +
        `  UI:          ${result.ui_url}\n  API docs:    ${result.docs_url}\n  OpenAPI:     ${server.url}/api/openapi.json\n` +
        `  Admin token: ${token}  (paste it in the UI's sign-in form once the link is used)\n\n` +
        `  try: curl -H "Authorization: Bearer ${token}" ${server.url}/api/organizations\n` +
        `       npx duohub orgs list --url ${server.url} --token ${token}\n\n` +
        `  Duo's logs are synced every ${DEMO_LOG_SYNC_MS / 1000} s (see the Logs page); alert rules are evaluated as they arrive.\n` +
        `  No forwarding destination is configured. To forward events (and alerts) to a webhook or syslog receiver:\n` +
        `       npx duohub logs destinations add --name SIEM --webhook https://hooks.example.net/duo --alerts --backfill --url ${server.url} --token ${token}\n` +
        `       npx duohub logs destinations add --name Syslog --syslog 127.0.0.1:6514 --transport tcp --url ${server.url} --token ${token}\n\n`,
    );
    if (options.exitAfterSetup) {
      await cleanup();
      return { code: 0, summary: result };
    }
    say('Serving until interrupted (Ctrl-C); the temp data dir is removed on exit.\n');
    await (options.until ?? untilSignal());
    await cleanup();
    return { code: 0, summary: result };
  } catch (error) {
    await cleanup();
    if (error instanceof DemoSetupError) {
      io.err(`demo setup failed: ${error.message}\n`);
      return { code: 1 };
    }
    if (error instanceof ListenError) {
      io.err(`error: ${error.message}\n`);
      return { code: 1 };
    }
    throw error;
  }
}

class DemoSetupError extends Error {}

async function setUp(
  client: HubClient,
  emulator: ReturnType<typeof createEmulator>,
  emulatorUrl: string,
  say: (text: string) => void,
): Promise<Pick<DemoSummary, 'integration' | 'organizations'>> {
  const { accounts } = emulator.credentials();
  const parent = accounts.find((a) => a.parent_id === null);
  if (!parent) throw new DemoSetupError('the emulator has no parent account');
  const set = (type: 'admin' | 'accounts' | 'auth') => {
    const integration = parent.integrations.find((i) => i.type === type);
    if (!integration) throw new DemoSetupError(`the parent account has no ${type} integration`);
    return { api_host: integration.api_hostname, integration_key: integration.integration_key, secret_key: integration.secret_key };
  };

  const created = await client.request('POST', '/api/integrations', {
    name: `${parent.name} (emulator)`,
    base_url: emulatorUrl,
    admin: set('admin'),
    accounts: set('accounts'),
    auth: set('auth'),
  });
  if (created.status !== 201) throw new DemoSetupError(`creating the integration answered ${created.status}: ${JSON.stringify(created.body)}`);
  const integration = created.body as { id: string; name: string; last_check: { sets: Array<{ kind: string; status: string; message: string }> } };
  say(`Created integration "${integration.name}" (${integration.id}); checks:\n`);
  for (const s of integration.last_check.sets) say(`  ${s.kind.padEnd(8)} ${s.status.padEnd(8)} ${s.message}\n`);

  const children = accounts.filter((a) => a.parent_id === parent.account_id).slice(0, 3);
  say(`\nCreated ${children.length} organizations named a little differently from the Duo accounts:\n`);
  for (const [i, child] of children.entries()) {
    const name = varyOrgName(child.name, i);
    const domain = emailDomainOf(emulator, child.account_id);
    const res = await client.request('POST', '/api/organizations', { name, email_domains: domain ? [domain] : [] });
    if (res.status !== 201) throw new DemoSetupError(`creating organization "${name}" answered ${res.status}: ${JSON.stringify(res.body)}`);
    say(`  "${name}"${domain ? ` (${domain})` : ''}   Duo account: "${child.name}"\n`);
  }

  const applied = await client.request('POST', `/api/integrations/${integration.id}/mapping-suggestions/apply`, { threshold: 0.8 });
  if (applied.status !== 200) throw new DemoSetupError(`applying suggestions answered ${applied.status}: ${JSON.stringify(applied.body)}`);
  const result = applied.body as {
    applied: Array<{ organization_name: string; duo_account_name: string; confidence: number; reason: string }>;
    skipped: Array<{ organization_name: string; skip_reason: string }>;
  };
  say(`\nApplied ${result.applied.length} mapping suggestion(s) (threshold 0.8):\n`);
  for (const s of result.applied) say(`  ${s.organization_name} -> ${s.duo_account_name}  (confidence ${s.confidence}: ${s.reason})\n`);
  for (const s of result.skipped) say(`  skipped ${s.organization_name}: ${s.skip_reason}\n`);

  const orgs = await client.request('GET', '/api/organizations');
  const items = (orgs.body as { items: Array<Record<string, any>> }).items;
  // Verify and Auth API actions for an organization use its own account's Auth API application,
  // never the parent's; an operator pastes those keys, the demo takes them from its emulator.
  let withAuth = 0;
  for (const org of items) {
    const child = accounts.find((a) => a.account_id === org.duo_account_id);
    const auth = child?.integrations.find((i) => i.type === 'auth');
    if (!auth) continue;
    const res = await client.request('PATCH', `/api/organizations/${org.id}`, {
      auth: { api_host: auth.api_hostname, integration_key: auth.integration_key, secret_key: auth.secret_key },
    });
    if (res.status !== 200) throw new DemoSetupError(`storing the Auth API keys of "${org.name}" answered ${res.status}: ${JSON.stringify(res.body)}`);
    withAuth += 1;
  }
  say(`\nStored the Auth API keys of ${withAuth} organization(s) (each child account's own Auth API application).\n`);
  return {
    integration: { id: integration.id, name: integration.name, checks: integration.last_check.sets.map((s) => ({ kind: s.kind, status: s.status })) },
    organizations: items.map((o) => ({
      id: o.id,
      name: o.name,
      duo_account_name: o.duo_account_name,
      duo_account_id: o.duo_account_id,
      confidence: o.mapping_confidence,
      reason: o.mapping_reason,
    })),
  };
}

/** Runs fleet MFA coverage once through the API (a job, as the UI would start it) and prints the report. */
async function firstCoverageRun(client: HubClient, integrationId: string, say: (text: string) => void): Promise<DemoSummary['coverage']> {
  const end = await runCoverageToEnd(client, integrationId, { pollMs: 100, includeUsers: false });
  if (end.kind === 'refused') throw new DemoSetupError(`the MFA coverage run answered ${end.res.status}: ${JSON.stringify(end.res.body)}`);
  if (end.kind === 'not_done') throw new DemoSetupError(`the MFA coverage run ended ${end.run.status}`);
  if (end.report.status >= 400) throw new DemoSetupError(`the MFA coverage report answered ${end.report.status}: ${JSON.stringify(end.report.body)}`);
  const body = end.report.body as Parameters<typeof formatReport>[0] & {
    totals: { counts: { users: number }; percentages: { mfa: number } };
    organizations: Array<{ name: string; users: number; mfa_percent: number }>;
  };
  say(`\n${formatReport(body)}`);
  return {
    run_id: end.runId,
    users: body.totals.counts.users,
    mfa_percent: body.totals.percentages.mfa,
    organizations: body.organizations.map((o) => ({ name: o.name, users: o.users, mfa_percent: o.mfa_percent })),
  };
}

/** Starts the first log sync through the API (as the UI's "Sync now" does); the schedule takes over from there. */
async function firstLogSync(client: HubClient, integrationId: string, say: (text: string) => void): Promise<DemoSummary['logs']> {
  const res = await client.request('POST', '/api/logs/sync', { integration_id: integrationId });
  if (res.status !== 202) throw new DemoSetupError(`starting the log sync answered ${res.status}: ${JSON.stringify(res.body)}`);
  const started = (res.body as { integrations: Array<{ accounts: number; units: number; error: { message: string } | null }> }).integrations[0];
  if (!started || started.error) throw new DemoSetupError(`the log sync could not start: ${started?.error?.message ?? 'no integration'}`);
  say(`\nStarted syncing Duo's logs: ${started.units} log(s) of ${started.accounts} account(s), then every ${DEMO_LOG_SYNC_MS / 1000} s.\n`);
  return { sync_every_seconds: DEMO_LOG_SYNC_MS / 1000, accounts: started.accounts, units_requested: started.units, destinations: 0 };
}

/** The most common email domain among a child account's users, from the emulator's state. */
function emailDomainOf(emulator: ReturnType<typeof createEmulator>, accountId: string): string | undefined {
  const users = Object.values(emulator.state.accounts[accountId]?.users ?? {});
  const counts = new Map<string, number>();
  for (const u of users) {
    const domain = u.email.split('@')[1]?.toLowerCase();
    if (domain) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
