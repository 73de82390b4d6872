import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastRandom: number[] = [];

/**
 * A sortable id such as `int_01JD3...`: 10 characters of millisecond time then 16 random ones
 * (Crockford base32). Ids made in the same millisecond increment the random part, so ids from one
 * process sort in creation order and audit pages can use them as cursors.
 */
export function newId(prefix: string, now = Date.now()): string {
  let time = Math.max(now, lastTime);
  let random: number[];
  if (time === lastTime) {
    random = increment(lastRandom);
    if (random.length === 0) {
      // 32^16 ids in one millisecond cannot happen; borrow the next millisecond rather than wrap.
      time += 1;
      random = fresh();
    }
  } else {
    random = fresh();
  }
  lastTime = time;
  lastRandom = random;
  let encodedTime = '';
  let t = time;
  for (let i = 0; i < 10; i++) {
    encodedTime = CROCKFORD[t % 32]! + encodedTime;
    t = Math.floor(t / 32);
  }
  return `${prefix}_${encodedTime}${random.map((d) => CROCKFORD[d]!).join('')}`;
}

function fresh(): number[] {
  // The top digit stays below 16 so that increments within a millisecond never overflow.
  return [...randomBytes(16)].map((b, i) => (i === 0 ? b % 16 : b % 32));
}

function increment(digits: number[]): number[] {
  const out = [...digits];
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i]! < 31) {
      out[i]!++;
      return out;
    }
    out[i] = 0;
  }
  return [];
}
