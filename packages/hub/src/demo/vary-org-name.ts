/**
 * A company name written the way a person might type it into the hub: different case, legal form
 * abbreviated or added, "and" and "&" swapped. Used by the demo so suggestions have work to do.
 */
export function varyOrgName(name: string, index: number): string {
  const suffixes: Array<[RegExp, string]> = [
    [/\bCorporation$/i, 'Corp.'],
    [/\bIncorporated$/i, 'Inc.'],
    [/\bLimited$/i, 'Ltd'],
    [/\bLLC$/i, 'L.L.C.'],
    [/\bCompany$/i, 'Co.'],
  ];
  const hasSuffix = suffixes.some(([re]) => re.test(name)) || /\b(Inc|Corp|Ltd|GmbH)\.?$/i.test(name);
  switch (index % 3) {
    case 0: {
      // "Acme Corporation" -> "ACME Corp."
      let out = name;
      for (const [re, short] of suffixes) out = out.replace(re, short);
      const [first, ...rest] = out.split(' ');
      out = [first!.toUpperCase(), ...rest].join(' ');
      return hasSuffix ? out : `${out}, Inc.`;
    }
    case 1: {
      // "Globex Industries" -> "Globex Industries, Inc."; "Smith and Sons" -> "Smith & Sons LLC"
      const swapped = / and /i.test(name) ? name.replace(/ and /i, ' & ') : name.replace(/ & /, ' and ');
      if (swapped !== name) return hasSuffix ? swapped : `${swapped} LLC`;
      return hasSuffix ? name.replace(/\s+\S+$/, '') : `${name}, Inc.`;
    }
    default:
      // "Initech LLC" -> "initech"; "Umbrella" -> "umbrella ltd"
      return hasSuffix ? name.replace(/\s+\S+$/, '').toLowerCase() : `${name.toLowerCase()} ltd`;
  }
}
