import type { CheckStatus, GrantState, SetCheck } from './integration-schemas.js';
import type { CredentialKind } from '../store/database.js';
import type { ProbeOutcome } from './probe-outcome.js';

/** Everything the checks learned about one credential set. */
export interface SetProbes {
  kind: CredentialKind;
  api_host: string;
  /** Duo's time minus ours, in seconds, from the unsigned `/auth/v2/ping`; null when ping failed. */
  skewSeconds: number | null;
  /** Auth: `/auth/v2/check`; Admin: `/admin/v1/info/summary`; Accounts: `/accounts/v1/account/list`. */
  primary: ProbeOutcome;
  /** True when the target is not a Duo host reached directly (a base URL, or a non-Duo host): nothing about how it failed is reflected. */
  custom?: boolean;
  /** Admin only: the read probes per grant (`info` is the primary call). */
  grantProbes?: { read_resource: ProbeOutcome; settings: ProbeOutcome; read_log: ProbeOutcome };
}

/** Diagnosis options. */
export interface DiagnoseOptions {
  /** Skew beyond this explains a 40103 as clock skew rather than a wrong secret. */
  skewWindowSec: number;
}

type Grants = NonNullable<SetCheck['grants']>;

const WRONG_TYPE = /integration type/i;

/**
 * Turns what the calls returned into one verdict per credential set: ok, wrong_host,
 * wrong_integration_key, wrong_secret_key, clock_skew, wrong_application_type, missing_grant,
 * unreachable (or unexpected_error for answers none of those explain). Pure: no I/O.
 */
export function diagnoseCredentialSet(probes: SetProbes, options: DiagnoseOptions): SetCheck {
  const base = { kind: probes.kind, api_host: probes.api_host, skew_seconds: probes.skewSeconds };
  const verdict = (status: CheckStatus, message: string, extra: Partial<SetCheck> = {}): SetCheck => ({
    ...base,
    status,
    ok: status === 'ok',
    message,
    ...extra,
  });
  const p = probes.primary;
  const host = probes.api_host;

  switch (p.kind) {
    case 'connection_failed':
      // A DNS miss on a Duo host is the classic typo; for anything custom it would be an oracle on internal names.
      if (p.failure === 'dns' && !probes.custom) return verdict('wrong_host', `${host} does not resolve: check the API hostname.`);
      return verdict('unreachable', couldNotReach(host));
    case 'timeout':
      // Deliberately the same words as a refused or reset connection: how a non-Duo address fails is not ours to tell.
      return verdict('unreachable', couldNotReach(host));
    case 'not_duo':
      if (p.status >= 500 && !probes.custom) return verdict('unreachable', `${host} answered HTTP ${p.status}; Duo may be down. Try again.`);
      return verdict('wrong_host', `The answer was not Duo's: check the API hostname (and base URL, if set).`);
    case 'error':
      return verdict('unexpected_error', `The check could not run: ${p.message}`);
    case 'duo_error':
      break;
    case 'ok':
      return probes.kind === 'admin' ? adminVerdict(probes, 'present', verdict) : verdict('ok', okMessage(probes.kind));
  }

  const duo = { status: p.status, code: p.code, ...(p.message ? { message: p.message } : {}) };
  if (p.status >= 500 || p.code >= 50000) {
    return verdict('unreachable', `Duo answered ${p.status} (${p.code}); it may be having trouble. Try again.`, { duo });
  }
  if (p.status === 429 || p.code === 42901) {
    return verdict('unreachable', 'Duo is rate-limiting these keys; try the check again in a minute.', { duo });
  }
  if (p.code === 40102) {
    return verdict('wrong_integration_key', `Duo does not know this integration key on ${host}.`, { duo });
  }
  if (p.code === 40103) {
    const skew = probes.skewSeconds;
    if (skew !== null && Math.abs(skew) > options.skewWindowSec) {
      return verdict(
        'clock_skew',
        `This machine's clock is ${Math.abs(skew)} s ${skew > 0 ? 'behind' : 'ahead of'} Duo's; Duo rejects signatures dated more than ${options.skewWindowSec} s off. Fix the clock (NTP).`,
        { duo },
      );
    }
    const note = skew === null ? ' (clock skew could not be measured)' : '';
    return verdict('wrong_secret_key', `Duo rejected the signature: the secret key is wrong or was rotated${note}.`, { duo });
  }
  if (p.code === 40301 || p.status === 403) {
    if (WRONG_TYPE.test(p.detail ?? '') || WRONG_TYPE.test(p.message ?? '')) {
      return verdict(
        'wrong_application_type',
        `These keys belong to a different kind of Duo application, not an ${label(probes.kind)} application.`,
        { duo },
      );
    }
    // Without the "wrong integration type" detail a 403 on info/summary is the missing "read information" grant.
    if (probes.kind === 'admin') return adminVerdict(probes, 'missing', verdict);
    return verdict('unexpected_error', `Duo refused the call (403 ${p.code}): ${p.detail ?? p.message ?? 'access forbidden'}.`, { duo });
  }
  return verdict('unexpected_error', `Duo answered ${p.status} (${p.code}): ${p.detail ?? p.message ?? 'unexpected error'}.`, { duo });
}

function adminVerdict(
  probes: SetProbes,
  info: GrantState,
  verdict: (status: CheckStatus, message: string, extra?: Partial<SetCheck>) => SetCheck,
): SetCheck {
  const g = probes.grantProbes;
  const grants: Grants = {
    read_resource: g ? grantState(g.read_resource) : 'unknown',
    write_resource: 'not_checked',
    settings: g ? grantState(g.settings) : 'unknown',
    info,
    read_log: g ? grantState(g.read_log) : 'unknown',
  };
  const missing = (Object.keys(grants) as Array<keyof Grants>).filter((k) => grants[k] === 'missing');
  const unknown = (Object.keys(grants) as Array<keyof Grants>).filter((k) => grants[k] === 'unknown');
  const unknownNote = unknown.length ? ` Could not tell for: ${unknown.join(', ')}.` : '';
  const writeNote = ' Write resource is not probed (no side-effect-free call exists).';
  if (missing.length > 0) {
    return verdict(
      'missing_grant',
      `The keys work but the Admin API application lacks: ${missing.map(grantLabel).join(', ')}. Grant them in the Duo Admin Panel.${unknownNote}`,
      { grants, missing_grants: missing },
    );
  }
  return verdict('ok', `Admin API keys work; read grants present.${unknownNote}${writeNote}`, { grants, missing_grants: [] });
}

/** A grant probe's outcome: 403 without "wrong integration type" means the grant is missing. */
function grantState(outcome: ProbeOutcome): GrantState {
  if (outcome.kind === 'ok') return 'present';
  if (outcome.kind === 'duo_error' && (outcome.code === 40301 || outcome.status === 403)) return 'missing';
  return 'unknown';
}

function couldNotReach(host: string): string {
  return `Could not reach Duo at ${host}: check the API hostname (and base URL, if set), or try again later.`;
}

function okMessage(kind: CredentialKind): string {
  return kind === 'auth' ? 'Auth API keys work.' : 'Accounts API keys work; child accounts can be listed.';
}

function label(kind: CredentialKind): string {
  return kind === 'admin' ? 'Admin API' : kind === 'auth' ? 'Auth API' : 'Accounts API';
}

function grantLabel(grant: string): string {
  const labels: Record<string, string> = {
    read_resource: 'read resource',
    settings: 'settings',
    info: 'read information',
    read_log: 'read log',
  };
  return labels[grant] ?? grant;
}
