/**
 * The host Duo signs: the Host header lower-cased without its port, or the URL's host when the
 * request never crossed a socket (in-process Requests carry no Host header).
 */
export function requestHost(request: Request, url: URL): string {
  const header = request.headers.get('host');
  const raw = header !== null && header !== '' ? header : url.host;
  return stripPort(raw.trim().toLowerCase());
}

function stripPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end === -1 ? host : host.slice(0, end + 1);
  }
  const colon = host.indexOf(':');
  // More than one colon is a bare IPv6 address, which has no port to strip.
  if (colon !== -1 && host.indexOf(':', colon + 1) === -1) return host.slice(0, colon);
  return host;
}

/** True for IP literals and localhost names: hosts a developer types, never a misrouted Duo hostname. */
export function isIpOrLocalhost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return true;
  return host.startsWith('[') || host.includes(':');
}
