import { decodeBase64Strict, readPngSize } from '@duohub/sdk';

/** The limits a logo must keep: PNG bytes and pixels per side. */
export interface LogoLimits {
  maxBytes: number;
  maxPixels: number;
}

/** Why a logo was refused, as Duo's `message_detail` words it in the emulator. */
export type LogoProblem = 'not base64' | 'not a PNG image' | 'larger than the byte limit' | 'wider or taller than the pixel limit';

/**
 * Checks a base64 logo as `POST /admin/v1/logo` does: strict base64, a PNG (signature and IHDR),
 * within the byte and pixel limits. Returns the decoded PNG, or the first problem found.
 */
export function checkLogo(base64: string, limits: LogoLimits): { ok: true; png: Buffer; width: number; height: number } | { ok: false; problem: LogoProblem } {
  const png = decodeBase64Strict(base64);
  if (!png) return { ok: false, problem: 'not base64' };
  const size = readPngSize(png);
  if (!size) return { ok: false, problem: 'not a PNG image' };
  if (png.length > limits.maxBytes) return { ok: false, problem: 'larger than the byte limit' };
  if (size.width > limits.maxPixels || size.height > limits.maxPixels) return { ok: false, problem: 'wider or taller than the pixel limit' };
  return { ok: true, png, ...size };
}
