import { describe, expect, it } from 'vitest';
import { KnownValuesIndex } from '../../src/log/known-values-index.js';
import { SecretScrubber } from '../../src/log/secret-scrubber.js';

const R = '#';
const index = (...values: string[]) => {
  const ix = new KnownValuesIndex();
  for (const v of values) ix.add(v);
  return ix;
};

describe('KnownValuesIndex.replaceIn', () => {
  it.each([
    ['nothing known', [], 'plain text', 'plain text'],
    ['at the start', ['secret01'], 'secret01 and more', '# and more'],
    ['in the middle', ['secret01'], 'a secret01 b', 'a # b'],
    ['at the end', ['secret01'], 'ends with secret01', 'ends with #'],
    ['the whole text', ['secret01'], 'secret01', '#'],
    ['every occurrence', ['secret01'], 'secret01,secret01;secret01', '#,#;#'],
    ['back to back', ['secret01'], 'secret01secret01', '##'],
    ['a prefix of a value is not the value', ['secret01'], 'secret0 secret0l', 'secret0 secret0l'],
    ['two values sharing a head: the longer wins', ['abcdef', 'abcdefghij'], 'xxabcdefghijyy', 'xx#yy'],
    ['the shorter where the longer does not fit', ['abcdef', 'abcdefghij'], 'xxabcdefghiyy', 'xx#ghiyy'],
    ['a value inside a longer one: neither shows', ['SECRETLONGVALUE', 'LONGVALUE'], 'k=SECRETLONGVALUE LONGVALUE', 'k=# #'],
    ['overlapping values are covered as one', ['abcdefgh', 'efghijkl'], '<abcdefghijkl>', '<#>'],
    ['a value that starts inside a match and runs past it', ['aaaab', 'aabbbbbb'], 'aaaabbbbbb!', '#!'],
    ['values beyond the first byte', ['pässwörd-geheim', '秘密の鍵です'], 'a=pässwörd-geheim b=秘密の鍵です', 'a=# b=#'],
    ['a low-byte twin of a value is not the value', ['ĀĀsecret'], 'AAsecret', 'AAsecret'],
    ['text shorter than any value', ['secret01'], 'se', 'se'],
  ])('%s', (_name, values, text, expected) => {
    expect(index(...values).replaceIn(text, R)).toBe(expected);
  });

  it('returns the very text when nothing matched', () => {
    const text = 'nothing to see here';
    expect(index('secret01').replaceIn(text, R)).toBe(text);
  });

  it('forgets a deleted value, and keeps one that shares its head and its first two units', () => {
    const ix = index('abcd-one', 'abcd-two', 'abzz-three');
    ix.delete('abcd-one');
    ix.delete('abcd-one');
    ix.delete('never-added');
    expect(ix.size).toBe(2);
    expect(ix.replaceIn('abcd-one abcd-two abzz-three', R)).toBe('abcd-one # #');
    ix.delete('abcd-two');
    ix.delete('abzz-three');
    expect(ix.size).toBe(0);
    expect(ix.replaceIn('abcd-two abzz-three', R)).toBe('abcd-two abzz-three');
  });

  it('counts a value added twice once', () => {
    const ix = index('secret01', 'secret01');
    expect(ix.size).toBe(1);
    ix.delete('secret01');
    expect(ix.replaceIn('secret01', R)).toBe('secret01');
  });
});

describe('SecretScrubber at its bound', () => {
  it('with 10,000 values known, replaces the newest, forgets the oldest, and leaves ordinary text alone', () => {
    const s = new SecretScrubber(10_000);
    const value = (i: number) => `value-${String(i).padStart(6, '0')}-Zx9`;
    for (let i = 0; i < 10_500; i++) s.add(value(i));
    const line = `{"a":"${value(10_499)}","b":"${value(5_000)}","c":"${value(10)}","d":"value-000010-Zx8"}`;
    expect(s.scrub(line)).toBe(`{"a":"[REDACTED]","b":"[REDACTED]","c":"${value(10)}","d":"value-000010-Zx8"}`);
  });

  it('replaces a secret and its JSON-escaped form, and one secret inside another entirely', () => {
    const s = new SecretScrubber();
    s.add('quote"inside\\secret');
    // The inner one learned first: replacing values one after another in the order learned left
    // 'OUTERSECRET' in clear.
    s.add('innersecret');
    s.add('OUTERSECRETinnersecret');
    const line = JSON.stringify({ a: 'quote"inside\\secret', b: 'OUTERSECRETinnersecret', c: 'innersecret' });
    expect(s.scrub(line)).toBe('{"a":"[REDACTED]","b":"[REDACTED]","c":"[REDACTED]"}');
  });
});
