/**
 * Whether a value has the shape of a Duo object id: its two-letter prefix (`DU` user, `DP` phone,
 * `DG` group, `DH` hardware token...) and 18 more uppercase letters or digits. A reference with
 * this shape is taken as an id first; anything else is looked up by name.
 */
export function isDuoId(value: string, prefix: string): boolean {
  return value.length === 20 && value.startsWith(prefix) && /^[A-Z0-9]{20}$/.test(value);
}
