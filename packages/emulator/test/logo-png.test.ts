import { decodeBase64Strict, readPngSize } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { checkLogo } from '../src/logo/check-logo.js';
import { makePng } from './support-governance-misc/make-png.js';

/** The admin logo's sharp edges: what counts as a PNG, as base64, and as within Duo's limits. */

const png = makePng(40, 30);
const withIhdr = (mutate: (b: Buffer) => void) => {
  const copy = Buffer.from(png);
  mutate(copy);
  return copy;
};

describe('readPngSize', () => {
  it.each<[string, Buffer, { width: number; height: number } | undefined]>([
    ['a real PNG', png, { width: 40, height: 30 }],
    ['a 1x1 PNG', makePng(1, 1), { width: 1, height: 1 }],
    ['a wide PNG', makePng(600, 2), { width: 600, height: 2 }],
    ['empty', Buffer.alloc(0), undefined],
    ['the signature alone', png.subarray(0, 8), undefined],
    ['cut inside IHDR', png.subarray(0, 32), undefined],
    ['a JPEG', Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb0043000806060706050806070709090808', 'hex'), undefined],
    ['GIF text', Buffer.from('GIF89a' + 'x'.repeat(40)), undefined],
    ['signature with one byte wrong', withIhdr((b) => (b[1] = 0x51)), undefined],
    ['first chunk not IHDR', withIhdr((b) => b.write('IDAT', 12, 'ascii')), undefined],
    ['IHDR of the wrong length', withIhdr((b) => b.writeUInt32BE(12, 8)), undefined],
    ['zero width', withIhdr((b) => b.writeUInt32BE(0, 16)), undefined],
    ['zero height', withIhdr((b) => b.writeUInt32BE(0, 20)), undefined],
    ['width over 2^31-1', withIhdr((b) => b.writeUInt32BE(0x80000000, 16)), undefined],
  ])('%s', (_name, bytes, expected) => {
    expect(readPngSize(bytes)).toEqual(expected);
  });

  it('reads a PNG held in a slice of a larger buffer', () => {
    const big = Buffer.concat([Buffer.from('prefix'), png]);
    expect(readPngSize(big.subarray(6))).toEqual({ width: 40, height: 30 });
  });
});

describe('decodeBase64Strict', () => {
  it.each<[string, string, string | undefined]>([
    ['padded', 'aGk=', 'hi'],
    ['unpadded', 'aGk', 'hi'],
    ['surrounding whitespace', '  aGk=\n', 'hi'],
    ['empty', '', undefined],
    ['inner whitespace', 'aG k=', undefined],
    ['URL alphabet', 'a-_k', undefined],
    ['padding in the middle', 'aG=k', undefined],
    ['three padding characters', 'aG===', undefined],
    ['impossible length', 'aGkhY', undefined],
  ])('%s', (_name, text, expected) => {
    const out = decodeBase64Strict(text);
    expect(out === undefined ? undefined : out.toString('utf8')).toEqual(expected);
  });
});

describe('checkLogo', () => {
  const limits = { maxBytes: 200 * 1024, maxPixels: 500 };
  it.each<[string, string, ReturnType<typeof checkLogo> extends infer R ? (R extends { ok: false; problem: infer P } ? P | 'ok' : never) : never]>([
    ['a small PNG', png.toString('base64'), 'ok'],
    ['exactly 500 x 500', makePng(500, 500).toString('base64'), 'ok'],
    ['not base64', 'not base64!', 'not base64'],
    ['base64 of text', Buffer.from('hello world, not an image at all').toString('base64'), 'not a PNG image'],
    ['501 pixels wide', makePng(501, 10).toString('base64'), 'wider or taller than the pixel limit'],
    ['501 pixels tall', makePng(10, 501).toString('base64'), 'wider or taller than the pixel limit'],
    ['over 200 KB', makePng(480, 480, { noise: true }).toString('base64'), 'larger than the byte limit'],
  ])('%s', (_name, base64, expected) => {
    const out = checkLogo(base64, limits);
    expect(out.ok ? 'ok' : out.problem).toBe(expected);
  });

  it('answers the decoded PNG and its size', () => {
    const out = checkLogo(png.toString('base64'), limits);
    expect(out).toMatchObject({ ok: true, width: 40, height: 30 });
    expect(out.ok && out.png.equals(png)).toBe(true);
  });

  it('follows the limits it is given', () => {
    expect(checkLogo(png.toString('base64'), { maxBytes: 10, maxPixels: 500 })).toEqual({ ok: false, problem: 'larger than the byte limit' });
    expect(checkLogo(png.toString('base64'), { maxBytes: 10_000, maxPixels: 39 })).toEqual({ ok: false, problem: 'wider or taller than the pixel limit' });
  });
});
