import { describe, expect, it } from 'vitest';
import { BodyCollector } from '../../src/transport/body-collector.js';

/** Feeds `parts` to a collector and returns what it took, or 'too large'. */
function collect(headers: Record<string, string>, parts: Buffer[], maxBytes = 1024) {
  const collector = new BodyCollector(headers, maxBytes);
  for (const part of parts) if (!collector.add(part)) return 'too large' as const;
  return collector.take();
}

// "é" is two bytes in UTF-8 (c3 a9): split across chunks, it must still decode to one character.
const text = '{"stat":"OK","response":{"name":"Zoé"}}';
const bytes = Buffer.from(text, 'utf8');
const cut = bytes.indexOf(0xc3) + 1;
const split = [bytes.subarray(0, cut), bytes.subarray(cut)];

describe('BodyCollector', () => {
  it.each([
    ['JSON, a character split across chunks', { 'content-type': 'application/json' }, split, { text, bytes: 0 }],
    ['JSON with a charset, one chunk', { 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes.length) }, [bytes], { text, bytes: 0 }],
    ['bytes with a length', { 'content-type': 'image/png', 'content-length': String(bytes.length) }, split, { text: undefined, bytes: bytes.length }],
    ['bytes without a length', { 'content-type': 'image/png' }, split, { text: undefined, bytes: bytes.length }],
    ['bytes longer than declared', { 'content-type': 'image/png', 'content-length': '3' }, split, { text: undefined, bytes: bytes.length }],
    ['bytes shorter than declared (ended early)', { 'content-type': 'image/png', 'content-length': '500' }, split, { text: undefined, bytes: bytes.length }],
  ])('%s', (_name, headers, parts, expected) => {
    const got = collect(headers, parts);
    if (got === 'too large') throw new Error('refused');
    expect(got.text).toBe(expected.text);
    expect(got.body.length).toBe(expected.bytes);
    if (expected.text === undefined) expect(got.body.equals(bytes)).toBe(true);
  });

  it.each([
    ['JSON', { 'content-type': 'application/json' }],
    ['bytes with a length', { 'content-type': 'image/png', 'content-length': String(bytes.length) }],
    ['bytes without a length', { 'content-type': 'image/png' }],
  ])('refuses a %s body past maxBytes', (_name, headers) => {
    expect(collect(headers, split, bytes.length - 1)).toBe('too large');
    expect(collect(headers, split, bytes.length)).not.toBe('too large');
  });

  it('copies a body with a declared length into one buffer and keeps none of the chunks', () => {
    const collector = new BodyCollector({ 'content-length': String(bytes.length) }, 1024);
    const chunks = split.map((b) => Buffer.from(b));
    for (const chunk of chunks) collector.add(chunk);
    // Overwriting the chunks after they were added changes nothing: they were copied, not kept.
    for (const chunk of chunks) chunk.fill(0);
    expect(collector.take().body.equals(bytes)).toBe(true);
  });
});
