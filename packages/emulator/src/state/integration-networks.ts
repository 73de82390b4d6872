/**
 * Network lists of integrations (`ip_whitelist`, `networks_for_api_access`): pure parsing, shared by
 * every integrations handler and tested as a table.
 */

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = `${OCTET}(\\.${OCTET}){3}`;
const IPV4_RE = new RegExp(`^${IPV4}$`);

/** Whether `text` is one IPv4 address. */
export function isIpv4(text: string): boolean {
  return IPV4_RE.test(text);
}

/** Whether `text` is one IPv6 address (full or `::`-shortened; no zone ids). */
export function isIpv6(text: string): boolean {
  if (!/^[0-9a-fA-F:]+$/.test(text) || !text.includes(':')) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (groups.some((g) => g.length === 0 || g.length > 4)) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

function ipv4Number(text: string): number {
  return text.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/**
 * Whether `text` is one network as Duo takes them: an address (IPv4 or IPv6), a CIDR block
 * (`198.51.100.0/24`, `2001:db8::/32`) or an ascending IPv4 range (`198.51.100.1-198.51.100.9`).
 */
export function isNetworkSpec(text: string): boolean {
  const value = text.trim();
  if (isIpv4(value) || isIpv6(value)) return true;
  const cidr = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (cidr) {
    const bits = Number(cidr[2]);
    if (isIpv4(cidr[1]!)) return bits <= 32;
    return isIpv6(cidr[1]!) && bits <= 128;
  }
  const range = /^([\d.]+)-([\d.]+)$/.exec(value);
  if (range && isIpv4(range[1]!) && isIpv4(range[2]!)) return ipv4Number(range[1]!) <= ipv4Number(range[2]!);
  return false;
}

/**
 * A list parameter as Duo's clients send one: a JSON array (a v5 body, or one JSON-array string),
 * repeated keys, or one comma-separated string (python's `groups_allowed`, `ip_whitelist`).
 * Items are trimmed; empty items dropped, so `""` clears the list. Undefined: not a list of strings.
 */
export function readStringList(native: unknown, values: readonly string[]): string[] | undefined {
  let items: unknown[];
  if (Array.isArray(native)) items = native;
  else if (values.length === 1 && values[0]!.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(values[0]!);
      if (!Array.isArray(parsed)) return undefined;
      items = parsed;
    } catch {
      return undefined;
    }
  } else if (values.length === 1) items = values[0]!.split(',');
  else items = [...values];
  if (!items.every((v) => typeof v === 'string')) return undefined;
  return [...new Set((items as string[]).map((v) => v.trim()).filter((v) => v !== ''))];
}
