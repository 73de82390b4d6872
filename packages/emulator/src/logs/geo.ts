import { hashString } from './log-ids.js';

/** A place as Duo's logs name it. */
export interface LogLocation {
  city: string;
  state: string;
  country: string;
}

const NOWHERE: LogLocation = { city: '', state: '', country: '' };

/** A few places to geolocate public addresses to (Duo uses a GeoIP database; the emulator has none). */
export const LOG_PLACES: readonly LogLocation[] = [
  { city: 'Ann Arbor', state: 'Michigan', country: 'United States' },
  { city: 'Austin', state: 'Texas', country: 'United States' },
  { city: 'Raleigh', state: 'North Carolina', country: 'United States' },
  { city: 'London', state: 'England', country: 'United Kingdom' },
  { city: 'Toronto', state: 'Ontario', country: 'Canada' },
  { city: 'Berlin', state: 'Berlin', country: 'Germany' },
  { city: 'Sydney', state: 'New South Wales', country: 'Australia' },
  { city: 'Tokyo', state: 'Tokyo', country: 'Japan' },
];

/**
 * Where an address is, the same answer every time: private, loopback and unknown addresses have no
 * place (Duo leaves them blank); public ones map to one of `LOG_PLACES` by a hash of the address.
 */
export function locateIp(ip: string | null | undefined): LogLocation {
  if (!ip || isPrivate(ip)) return { ...NOWHERE };
  return { ...LOG_PLACES[hashString(ip) % LOG_PLACES.length]! };
}

function isPrivate(ip: string): boolean {
  if (ip.includes(':')) return ip === '::1' || /^f[cd]/i.test(ip) || /^fe80/i.test(ip);
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return true;
  const [a, b] = parts as [number, number, number, number];
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || a === 0;
}
