/** `part` as per cent of `whole`, rounded to two decimals; 0 when `whole` is 0. */
export function percent(part: number, whole: number): number {
  if (!(whole > 0)) return 0;
  return Math.round((part * 10_000) / whole) / 100;
}
