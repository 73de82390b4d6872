import { DuoAccountsClient, DuoAdminClient, DuoAuthClient, type DuoClientOptions } from '@duohub/sdk';
import type { CheckReport, CredentialSetInput, SetCheck } from './integration-schemas.js';
import type { HubContext } from '../hub-context.js';
import type { CredentialKind } from '../store/database.js';
import { duoOrigin } from './duo-origin.js';
import { isDuoApiHost } from './is-duo-api-host.js';
import { diagnoseCredentialSet, type SetProbes } from './diagnose-credential-set.js';
import { toProbeOutcome, type ProbeOutcome } from './probe-outcome.js';

/** What to check: the connection settings and the sets to probe. */
export interface CheckTarget {
  base_url: string | null;
  sig_version: 2 | 5;
  sets: Partial<Record<CredentialKind, CredentialSetInput>>;
}

/**
 * Checks each credential set against Duo with side-effect-free calls only (ping, check,
 * info/summary, one-item reads per grant, account list) and diagnoses each one. Callers run
 * `checkDuoTarget` first: this function connects wherever the target says.
 */
export async function checkCredentialSets(hub: HubContext, target: CheckTarget): Promise<CheckReport> {
  const kinds = (['admin', 'accounts', 'auth'] as const).filter((k) => target.sets[k]);
  const sets = await Promise.all(kinds.map((kind) => checkOne(hub, target, kind, target.sets[kind]!)));
  return { ok: sets.every((s) => s.ok), checked_at: hub.now().toISOString(), sets };
}

async function checkOne(hub: HubContext, target: CheckTarget, kind: CredentialKind, set: CredentialSetInput): Promise<SetCheck> {
  const origin = duoOrigin(hub.duo, set.api_host, target.base_url);
  const options: DuoClientOptions = {
    host: set.api_host,
    ikey: set.integration_key,
    skey: set.secret_key,
    sigVersion: target.sig_version,
    timeoutMs: hub.duo.checkTimeoutMs,
    // A check must answer fast and honestly: no retries hiding a 429, no pacing delays.
    retry: false,
    pacing: false,
    userAgent: 'duohub-check',
    // The SDK signs with the hub's clock, so the skew measured below is the skew Duo sees.
    now: () => hub.now().getTime(),
    ...(origin ? { baseUrl: origin } : {}),
    ...(hub.duo.fetch ? { fetch: hub.duo.fetch } : {}),
  };

  const [skewSeconds, probes] = await Promise.all([measureSkew(hub, options), runProbes(hub, kind, options)]);
  // Only a Duo host reached directly is Duo's own answer; anything else gets no detail reflected.
  const custom = Boolean(target.base_url) || !isDuoApiHost(set.api_host);
  const input: SetProbes = { kind, api_host: set.api_host, skewSeconds, primary: probes.primary, custom };
  if (probes.grantProbes) input.grantProbes = probes.grantProbes;
  return diagnoseCredentialSet(input, { skewWindowSec: hub.duo.clockSkewWindowSec });
}

/** Duo's clock minus ours (seconds) from the unsigned ping, or null when the ping failed. */
async function measureSkew(hub: HubContext, options: DuoClientOptions): Promise<number | null> {
  try {
    const answer: unknown = await new DuoAuthClient(options).ping();
    const time = typeof answer === 'number' ? answer : (answer as { time?: unknown })?.time;
    if (typeof time !== 'number') return null;
    return Math.round(time - hub.now().getTime() / 1000);
  } catch {
    return null;
  }
}

async function probe(call: () => Promise<unknown>): Promise<ProbeOutcome> {
  try {
    const answer = await call();
    // A 2xx that is not JSON is bytes from something that is not Duo's API (Duo answers JSON to these calls).
    if (isBytesAnswer(answer)) return { kind: 'not_duo', status: 200 };
    return { kind: 'ok', response: answer };
  } catch (error) {
    return toProbeOutcome(error);
  }
}

function isBytesAnswer(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && typeof (answer as { contentType?: unknown }).contentType === 'string';
}

async function runProbes(
  hub: HubContext,
  kind: CredentialKind,
  options: DuoClientOptions,
): Promise<Pick<SetProbes, 'primary' | 'grantProbes'>> {
  if (kind === 'auth') {
    const auth = new DuoAuthClient(options);
    return { primary: await probe(() => auth.request('GET', '/auth/v2/check')) };
  }
  if (kind === 'accounts') {
    const accounts = new DuoAccountsClient(options);
    return { primary: await probe(() => accounts.request('POST', '/accounts/v1/account/list')) };
  }
  const admin = new DuoAdminClient(options);
  const primary = await probe(() => admin.request('GET', '/admin/v1/info/summary'));
  // Grant probes only mean something once the keys authenticate (200, or a 403 after auth).
  if (primary.kind !== 'ok' && !(primary.kind === 'duo_error' && primary.status === 403)) return { primary };
  const maxtime = hub.now().getTime();
  const [read_resource, settings, read_log] = await Promise.all([
    probe(() => admin.request('GET', '/admin/v1/users', { limit: '1' })),
    probe(() => admin.request('GET', '/admin/v1/settings')),
    probe(() =>
      admin.request('GET', '/admin/v2/logs/authentication', {
        mintime: String(maxtime - 10 * 60_000),
        maxtime: String(maxtime),
        limit: '10',
      }),
    ),
  ]);
  return { primary, grantProbes: { read_resource, settings, read_log } };
}
