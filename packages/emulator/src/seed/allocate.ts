/**
 * Splits `n` items between categories in proportion to their weights (largest remainder, ties to
 * the earlier category). With `atLeastOne`, every positive-weight category gets one item when `n`
 * allows it, taken from the largest share, so small accounts still show every kind of user.
 */
export function allocate<K extends string>(
  n: number,
  weights: Readonly<Record<K, number>>,
  atLeastOne = false,
): Record<K, number> {
  const keys = Object.keys(weights) as K[];
  const total = keys.reduce((sum, k) => sum + Math.max(0, weights[k]), 0);
  const counts = {} as Record<K, number>;
  if (total === 0 || n <= 0) {
    for (const k of keys) counts[k] = 0;
    return counts;
  }
  const remainders: Array<{ key: K; frac: number; order: number }> = [];
  let given = 0;
  keys.forEach((key, order) => {
    const exact = (n * Math.max(0, weights[key])) / total;
    counts[key] = Math.floor(exact);
    given += counts[key];
    remainders.push({ key, frac: exact - counts[key], order });
  });
  remainders.sort((a, b) => b.frac - a.frac || a.order - b.order);
  for (let i = 0; given < n; i++, given++) {
    const r = remainders[i % remainders.length]!;
    counts[r.key] += 1;
  }
  const positive = keys.filter((k) => weights[k] > 0);
  if (atLeastOne && n >= positive.length) {
    for (const k of positive) {
      if (counts[k] > 0) continue;
      const donor = positive.reduce((best, c) => (counts[c] > counts[best] ? c : best), positive[0]!);
      counts[donor] -= 1;
      counts[k] = 1;
    }
  }
  return counts;
}

/** Shuffles in place (Fisher-Yates) with the given randomness and returns the array. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}

/** `n` category labels in the proportions of `weights`, in random order: one label per item. */
export function quota<K extends string>(
  n: number,
  weights: Readonly<Record<K, number>>,
  random: () => number,
  atLeastOne = false,
): K[] {
  const counts = allocate(n, weights, atLeastOne);
  const out: K[] = [];
  for (const k of Object.keys(counts) as K[]) for (let i = 0; i < counts[k]; i++) out.push(k);
  return shuffle(out, random);
}
