/** What we know about a rejected call that helps guess why Duo refused it. */
export interface AuthenticationHintInput {
  code: number | undefined;
  messageDetail?: string | undefined;
  /** Server time minus our signing time, in seconds, when the answer carried a Date header. */
  clockSkewSec?: number | undefined;
  /** True when the client connects to an address override (emulator, proxy, test double). */
  addressOverride?: boolean;
}

/** Skew beyond this is worth naming first; Duo's window is believed to be about five minutes. */
const SKEW_WORTH_NAMING_SEC = 120;

/**
 * The likely cause of a 401, worded for the person holding the keys.
 * Duo staff say a wrong or rotated secret key is the most common 40103; clock skew, a host
 * mismatch and parameters changed after signing follow.
 */
export function authenticationHint(input: AuthenticationHintInput): string {
  const skew = input.clockSkewSec;
  const skewNote =
    skew !== undefined && Math.abs(skew) >= SKEW_WORTH_NAMING_SEC
      ? `This machine's clock is ${Math.abs(Math.round(skew))} s ${skew > 0 ? 'behind' : 'ahead of'} Duo's: fix the clock (NTP) first.`
      : undefined;
  switch (input.code) {
    case 40101:
      return (
        'Duo saw no usable Authorization header. A proxy or gateway between you and Duo may strip it; ' +
        'check that requests reach Duo unmodified.'
      );
    case 40102:
      return (
        'Duo does not know this integration key on this host. Check the ikey, and that `host` is the API ' +
        'hostname shown beside that same application in the Duo Admin Panel (each account has its own).'
      );
    case 40103: {
      const causes = [
        skewNote,
        'Most often the secret key is wrong or was rotated: copy it again from the Duo Admin Panel.',
        skewNote ? undefined : 'Else check the clock: the signed Date must be within about 5 minutes of Duo\'s time (compare with auth.ping()).',
        'Sign the exact api_hostname you send to (lower-case, no port' +
          (input.addressOverride ? '; with baseUrl the signed host is `host`, not the baseUrl' : '') +
          ').',
        'A proxy that rewrites the query or body breaks the signature; canonicalizeRequest() shows the string that was signed.',
      ];
      return causes.filter(Boolean).join(' ');
    }
    default:
      return skewNote ?? 'Duo refused the credentials: check the integration key, secret key and host.';
  }
}

/** The likely cause of a 403, from Duo's message_detail. */
export function forbiddenHint(messageDetail: string | undefined): string {
  if (messageDetail && /integration type/i.test(messageDetail)) {
    return (
      'These keys belong to a different kind of Duo application: Admin API keys for /admin, Auth API keys ' +
      'for /auth, Accounts API keys for /accounts (and for child-account Admin calls).'
    );
  }
  return (
    'The integration lacks a permission for this call: grant it in the Duo Admin Panel (Admin API ' +
    'application: read/write resource, settings, read information, read log).'
  );
}
