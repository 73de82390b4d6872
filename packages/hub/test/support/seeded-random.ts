import { createRandom } from '@duohub/emulator';

/** A deterministic random stream (mulberry32), so a failing fuzz request can be replayed from its seed. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/** The emulator's mulberry32 over a 32-bit seed, with helpers to spread mutations. */
export function seededRandom(seed: number): SeededRandom {
  const next = createRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)]!;
    },
  };
}
