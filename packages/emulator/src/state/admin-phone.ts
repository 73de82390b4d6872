/**
 * An administrator's phone number as Duo stores it (E.164), or undefined when it cannot be one.
 * Duo documents: dashes and spaces are ignored, and a number without a leading plus sign is taken
 * as a United States number, so `+1` is prepended as is (no check of the digits that follow).
 * Parentheses and dots are ignored as well (a guess: people write them). 7 to 15 digits, E.164's
 * limits, after the country code is added.
 */
export function normalizeAdminPhone(text: string): string | undefined {
  const compact = text.replace(/[\s\-().]/g, '');
  const digits = compact.startsWith('+') ? compact.slice(1) : `1${compact}`;
  if (!/^\d{7,15}$/.test(digits)) return undefined;
  return `+${digits}`;
}
