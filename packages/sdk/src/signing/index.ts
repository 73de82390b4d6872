export { percentEncode } from './percent-encode.js';
export { toParamPairs, paramValueToString, type DuoParams, type DuoParamValue } from './params.js';
export { canonicalizeParams } from './canonicalize-params.js';
export { canonicalizeXDuoHeaders } from './canonicalize-x-duo-headers.js';
export { canonicalizeRequest, type CanonicalInput } from './canonicalize-request.js';
export { signRequest, hmacHex, type SignedRequest } from './sign-request.js';
export { formatDuoDate } from './format-duo-date.js';
export { sha512Hex } from './sha512-hex.js';
export type { SigningRequest, SigVersion, SigDigest } from './signing-request.js';
