import { describe, expect, it } from 'vitest';
import { BACKGROUND_LIMITS, LOGO_LIMITS, pngProblem } from '../src/state/branding-records.js';

/** The first bytes of a PNG declaring `width` x `height`, padded to `size` bytes, as base64. */
function png(width: number, height: number, size = 64, chunk = 'IHDR'): string {
  const bytes = Buffer.alloc(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write(chunk, 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes.toString('base64');
}

describe('pngProblem: what Duo accepts as a branding image', () => {
  it.each([
    ['a 32x32 logo', png(32, 32), LOGO_LIMITS, undefined],
    ['the smallest logo, 12x12', png(12, 12), LOGO_LIMITS, undefined],
    ['the largest logo, 500x500', png(500, 500), LOGO_LIMITS, undefined],
    ['a logo 11 px wide', png(11, 40), LOGO_LIMITS, 'smaller than 12x12 px'],
    ['a logo 501 px high', png(40, 501), LOGO_LIMITS, 'larger than 500x500 px'],
    ['a logo of 200 KB', png(40, 40, 200 * 1024), LOGO_LIMITS, `larger than ${200 * 1024} bytes`],
    ['a logo just under 200 KB', png(40, 40, 200 * 1024 - 1), LOGO_LIMITS, undefined],
    ['a 3840x2160 background', png(3840, 2160), BACKGROUND_LIMITS, undefined],
    ['a background 2161 px high', png(3840, 2161), BACKGROUND_LIMITS, 'larger than 3840x2160 px'],
    ['a 600x600 background (too big for a logo)', png(600, 600), BACKGROUND_LIMITS, undefined],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...new Array(40).fill(0)]).toString('base64'), LOGO_LIMITS, 'not a PNG'],
    ['a PNG whose first chunk is not IHDR', png(32, 32, 64, 'tEXt'), LOGO_LIMITS, 'not a PNG'],
    ['a truncated PNG header', Buffer.from(png(32, 32), 'base64').subarray(0, 21).toString('base64'), LOGO_LIMITS, 'not a PNG'],
    ['text that is not base64', 'not base64!', LOGO_LIMITS, 'not base64'],
    ['base64 of the wrong length', 'iVBORw0', LOGO_LIMITS, 'not base64'],
    ['a data URL (Duo wants bare base64)', `data:image/png;base64,${png(32, 32)}`, LOGO_LIMITS, 'not base64'],
    ['an empty string', '', LOGO_LIMITS, 'not base64'],
  ])('%s', (_what, image, limits, problem) => {
    expect(pngProblem(image, limits)).toBe(problem);
  });
});
