/**
 * Email domains typed as free text (commas, spaces, semicolons or new lines between them): trimmed,
 * lower-cased, without a leading `@`, duplicates dropped, in the order typed. The hub validates each.
 */
export function parseDomains(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\s,;]+/)) {
    const d = raw.trim().replace(/^@/, '').toLowerCase();
    if (d && !out.includes(d)) out.push(d);
  }
  return out;
}

/** Whether two domain lists hold the same domains, ignoring order. */
export function sameDomains(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((d) => set.has(d));
}
