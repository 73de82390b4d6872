import { normalizeOrgName } from './normalize-org-name.js';

/** How alike two company names are (0..1) and why, in words a person can check. */
export interface NameSimilarity {
  score: number;
  reason: string;
}

/**
 * Compares two company names: identical after normalization scores 1; otherwise the better of a
 * word-overlap score (words count as equal when nearly identical, to forgive typos) and a
 * whole-string score (to forgive "AcmeCorp" vs "Acme Corp"), capped below 1.
 */
export function orgNameSimilarity(a: string, b: string): NameSimilarity {
  const na = normalizeOrgName(a);
  const nb = normalizeOrgName(b);
  if (!na.key || !nb.key) return { score: 0, reason: 'a name is empty after normalization' };
  if (na.key === nb.key) return { score: 1, reason: `names match after normalization ("${na.key}")` };

  const compactA = na.compact;
  const compactB = nb.compact;
  if (compactA === compactB) return { score: 0.97, reason: `names match ignoring spaces ("${compactA}")` };

  const { matched, weight } = tokenOverlap(na.tokens, nb.tokens);
  const dice = (2 * weight) / (na.tokens.length + nb.tokens.length);
  const whole = stringRatio(compactA, compactB);
  const score = round(Math.min(0.95, Math.max(dice, whole * 0.95)));
  const reason =
    dice >= whole * 0.95
      ? `${matched} of ${Math.max(na.tokens.length, nb.tokens.length)} words match ("${na.key}" vs "${nb.key}")`
      : `names are spelled alike ("${na.key}" vs "${nb.key}")`;
  return { score, reason };
}

/** Greedy one-to-one pairing of words; near-identical words count by their similarity. */
function tokenOverlap(a: string[], b: string[]): { matched: number; weight: number } {
  const used = new Set<number>();
  let matched = 0;
  let weight = 0;
  for (const word of a) {
    let best = -1;
    let bestScore = 0;
    b.forEach((other, i) => {
      if (used.has(i)) return;
      const s = word === other ? 1 : stringRatio(word, other);
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    });
    // Short words must match exactly: "co" vs "cu" is not a typo worth forgiving.
    const threshold = word.length <= 3 ? 1 : 0.8;
    if (best >= 0 && bestScore >= threshold) {
      used.add(best);
      matched++;
      weight += bestScore;
    }
  }
  return { matched, weight };
}

/** 1 - Levenshtein distance / longer length. */
export function stringRatio(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  return 1 - levenshtein(a, b) / longer;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const curr = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      curr[j] = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = curr;
  }
  return prev[b.length]!;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
