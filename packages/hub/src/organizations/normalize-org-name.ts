/** Legal-form words dropped from the end of a name ("Acme Corp." and "Acme Corporation" are one company). */
export const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  'inc', 'incorporated', 'llc', 'llp', 'lllp', 'lp', 'pllc', 'pc', 'ltd', 'limited', 'corp', 'corporation', 'co',
  'company', 'cos', 'companies', 'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ug', 'se', 'sa', 'sas', 'sarl', 'srl', 'spa',
  'bv', 'nv', 'plc', 'pty', 'pvt', 'private', 'oy', 'oyj', 'ab', 'as', 'asa', 'aps', 'lda', 'sl', 'kk', 'sro',
  'holding', 'holdings', 'group',
]);

/** Words that carry no identity in a company name. */
const STOPWORDS: ReadonlySet<string> = new Set(['and', 'the', 'of']);

/** A company name reduced to comparable words. */
export interface NormalizedOrgName {
  /** Significant words, in order (legal forms and stopwords removed). */
  tokens: string[];
  /** The tokens joined by single spaces: equal keys mean the same name. */
  key: string;
  /** The tokens run together, without a legal form glued to the end ("AcmeCorp" -> "acme"). */
  compact: string;
}

/** Legal forms people glue onto a name; only stripped when at least 3 letters remain. */
const GLUED_SUFFIXES = ['corporation', 'corp', 'inc', 'llc', 'ltd', 'gmbh', 'plc'];

/**
 * Normalizes a company name for matching: case, accents, `&`/`+` as "and", dotted abbreviations
 * (`L.L.C.`), punctuation, a leading "the", trailing legal forms ("Inc", "GmbH", "Pty Ltd", "& Co").
 */
export function normalizeOrgName(name: string): NormalizedOrgName {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[&+]/g, ' and ')
    // Apostrophes and dots join letters: "Smith's" -> "smiths", "L.L.C." -> "llc", "Corp." -> "corp".
    .replace(/['\u2019.]/g, '') // the curly apostrophe escaped: see scripts/build-hub.mjs
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const words = folded ? folded.split(' ') : [];
  // Strip legal forms from the end, but never the whole name ("The Company" stays "company").
  while (words.slice(0, -1).some((w) => !STOPWORDS.has(w))) {
    const last = words[words.length - 1]!;
    if (LEGAL_SUFFIXES.has(last) || STOPWORDS.has(last)) words.pop();
    else break;
  }
  const significant = words.filter((w) => !STOPWORDS.has(w));
  if (significant.length === 0) significant.push(...words);
  let compact = significant.join('');
  const glued = GLUED_SUFFIXES.find((suffix) => compact.endsWith(suffix) && compact.length - suffix.length >= 3);
  if (glued) compact = compact.slice(0, -glued.length);
  return { tokens: significant, key: significant.join(' '), compact };
}
