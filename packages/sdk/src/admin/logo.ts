import type { Caller, RequestOptions } from '../client/duo-client.js';
import { callEndpoint } from '../endpoints/call-endpoint.js';
import { logoDelete, logoGet, logoUpdate } from '../endpoints/logo.js';
import { DuoConfigError, DuoInvalidRequestError } from '../errors/error-classes.js';
import type { DuoLogo } from '../auth/types.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/**
 * The width and height a PNG declares in its IHDR chunk, or undefined when the bytes are not a
 * PNG: the 8-byte signature, then the first chunk, which the PNG specification requires to be a
 * 13-byte IHDR whose first 8 bytes are the (non-zero, at most 2^31-1) width and height.
 */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 33 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(8) !== 13 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return undefined;
  return { width, height };
}

/** Decodes strict base64 (padding optional, no whitespace or URL alphabet), or undefined. */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const compact = text.trim();
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) return undefined;
  return Buffer.from(compact, 'base64');
}

/** Admin API account logo (Duo's Settings: the logo Duo Mobile activations and the Duo Prompt show). */
export class LogoResource {
  constructor(private readonly caller: Caller) {}

  /** The logo's PNG bytes; Duo answers an error when none is set. */
  async get(options?: RequestOptions): Promise<DuoLogo> {
    const res = await callEndpoint(this.caller, logoGet, {}, options);
    if (!Buffer.isBuffer(res.response)) {
      throw new DuoInvalidRequestError('logo answered JSON instead of an image', {
        status: res.status,
        request: { method: 'GET', host: (this.caller as { host?: string }).host ?? '', path: logoGet.path },
      });
    }
    return { contentType: res.contentType ?? 'application/octet-stream', data: res.response };
  }

  /**
   * Replaces the logo with a PNG, given as bytes or base64. Anything that is not a PNG is refused
   * before it is sent (DuoConfigError on `logo`); Duo checks its size limits itself.
   */
  async update(png: Uint8Array | string, options?: RequestOptions): Promise<void> {
    const bytes = typeof png === 'string' ? decodeBase64Strict(png) : png instanceof Uint8Array ? png : undefined;
    if (bytes === undefined) throw new DuoConfigError('logo', 'logo must be PNG bytes or their base64 text');
    if (!readPngSize(bytes)) throw new DuoConfigError('logo', 'logo must be a PNG image');
    await callEndpoint(this.caller, logoUpdate, { logo: Buffer.from(bytes).toString('base64') }, options);
  }

  /** Removes the logo; succeeds when none is set. */
  async delete(options?: RequestOptions): Promise<void> {
    await callEndpoint(this.caller, logoDelete, {}, options);
  }
}
