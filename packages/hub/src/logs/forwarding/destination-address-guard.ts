import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/**
 * Why the hub must not connect to this IP address, or undefined when it may (pure): loopback,
 * private, link-local (cloud metadata lives there), shared, multicast, reserved and documentation
 * ranges are refused, IPv4-mapped IPv6 addresses by their IPv4 part.
 */
export function addressProblem(ip: string): string | undefined {
  const family = isIP(ip);
  if (family === 0) return 'is not an IP address';
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip) ?? /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
    if (mapped) {
      const v4 = mapped.length === 2 ? mapped[1]! : hexPairToV4(mapped[1]!, mapped[2]!);
      return addressProblem(v4);
    }
  }
  return blocked.check(ip, family === 4 ? 'ipv4' : 'ipv6') ? 'is a loopback, private, link-local or reserved address' : undefined;
}

function hexPairToV4(hi: string, lo: string): string {
  const a = parseInt(hi, 16);
  const b = parseInt(lo, 16);
  return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
}

/**
 * Why a host name or address given for a destination is refused before any lookup (pure): literal
 * addresses by `addressProblem`, and `localhost` names. Names are checked again, address by address,
 * when the hub connects (`guardedLookup`), since DNS can point anywhere.
 */
export function destinationHostProblem(host: string, allowPrivate: boolean): string | undefined {
  if (allowPrivate) return undefined;
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(bare) !== 0) {
    const problem = addressProblem(bare);
    return problem ? `${problem}; the server does not allow private destinations (DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE)` : undefined;
  }
  if (bare === 'localhost' || bare.endsWith('.localhost')) {
    return 'is a loopback name; the server does not allow private destinations (DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE)';
  }
  return undefined;
}

/** A refused connection target, raised by `guardedLookup` (never retried sooner than a network error). */
export class ForbiddenDestinationError extends Error {
  readonly code = 'EDESTINATIONFORBIDDEN';
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, which is a loopback, private, link-local or reserved address (DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE)`);
    this.name = 'ForbiddenDestinationError';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `net`, `tls` and `http(s)` that resolves as usual and refuses the connection when any
 * address the name resolves to is private (unless `allowPrivate`), so a name re-pointed at an internal
 * address after the destination was saved (DNS rebinding) is refused where it matters: at connect time.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions | number | undefined, callback: LookupCallback): void => {
    const opts: LookupOptions = typeof options === 'number' ? { family: options } : { ...(options ?? {}) };
    dnsLookup(hostname, { ...opts, all: true }, (error, addresses) => {
      if (error) return callback(error, opts.all ? [] : '', 0);
      const list = addresses as LookupAddress[];
      if (!allowPrivate) {
        const bad = list.find((a) => addressProblem(a.address) !== undefined);
        if (bad) return callback(new ForbiddenDestinationError(hostname, bad.address) as unknown as NodeJS.ErrnoException, opts.all ? [] : '', 0);
      }
      if (opts.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} did not resolve`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
