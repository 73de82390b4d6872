/**
 * Edit distance between two strings counting insertions, deletions, substitutions and swaps of two
 * neighbouring characters as one edit each (Damerau-Levenshtein, optimal string alignment variant):
 * "lsit" is one edit from "list", as a typist would count it.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rows are enough: a swap looks back two rows.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** How many edits a suggestion may be away: one for short words, more for long ids like `bypass_codes.create_for_user`. */
export function allowedEdits(input: string): number {
  if (input.length <= 3) return 1;
  if (input.length <= 7) return 2;
  return 3;
}

/**
 * The candidates a mistyped `input` most likely meant, closest first (ties in the candidates' order):
 * those within `allowedEdits(input)` edits, compared case-insensitively. Empty when nothing is close,
 * and never the input itself.
 */
export function suggestSimilar(input: string, candidates: readonly string[], max = 3): string[] {
  const wanted = input.toLowerCase();
  const limit = allowedEdits(wanted);
  const scored: Array<{ name: string; distance: number; order: number }> = [];
  const seen = new Set<string>();
  candidates.forEach((name, order) => {
    if (seen.has(name)) return;
    seen.add(name);
    const distance = editDistance(wanted, name.toLowerCase());
    // A candidate that differs only in case is a suggestion too (distance 0 after folding).
    if (name === input || distance > limit) return;
    scored.push({ name, distance, order });
  });
  scored.sort((x, y) => x.distance - y.distance || x.order - y.order);
  return scored.slice(0, max).map((s) => s.name);
}

/** ` Did you mean x?` / ` Did you mean x, y or z?`, or an empty string when there is nothing to suggest. */
export function didYouMean(suggestions: readonly string[], quote = (s: string) => s): string {
  if (suggestions.length === 0) return '';
  const q = suggestions.map(quote);
  const list = q.length === 1 ? q[0]! : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]!}`;
  return ` Did you mean ${list}?`;
}
