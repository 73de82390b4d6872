/** A sealed value split into its envelope parts (no cryptography). */
export type ParsedSealed =
  | { version: 1; payload: string }
  | { version: 2; keyId: string; payload: string };

const V2 = /^v2\.([0-9a-f]{16})\.([A-Za-z0-9_-]+)$/;
const V1 = /^v1\.([A-Za-z0-9_-]+)$/;

/** `v2.<key id>.<payload>` or legacy `v1.<payload>`; undefined for anything else. */
export function parseSealed(sealed: string): ParsedSealed | undefined {
  const v2 = V2.exec(sealed);
  if (v2) return { version: 2, keyId: v2[1]!, payload: v2[2]! };
  const v1 = V1.exec(sealed);
  if (v1) return { version: 1, payload: v1[1]! };
  return undefined;
}

/** The SQL LIKE pattern matching every value sealed under `keyId` (hex and dots: no LIKE wildcards). */
export function sealedUnderPattern(keyId: string): string {
  return `v2.${keyId}.%`;
}
