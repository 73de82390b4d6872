import { describe, expect, it } from 'vitest';
import { parseGoBool } from '../../src/mfa/parse-go-bool.js';
import { listRequestStart } from '../../src/server/accept-list-method.js';
import { readListHead } from '../../src/server/read-list-head.js';

const LIMITS = { maxHeadBytes: 256, maxBodyBytes: 16 };
const head = (text: string) => readListHead(Buffer.from(text, 'latin1'), LIMITS);

describe('readListHead', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['a plain LIST', 'LIST /v1/x HTTP/1.1\r\nHost: h\r\n\r\n', { kind: 'ok', target: '/v1/x', httpVersion: '1.1', keepAlive: true, contentLength: 0, headLength: 32 }],
    ['a query string', 'LIST /v1/x?a=1 HTTP/1.1\r\nHost: h\r\n\r\n', { kind: 'ok', target: '/v1/x?a=1' }],
    ['Connection: close', 'LIST / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n', { kind: 'ok', keepAlive: false }],
    ['HTTP/1.0 closes by default', 'LIST / HTTP/1.0\r\n\r\n', { kind: 'ok', httpVersion: '1.0', keepAlive: false }],
    ['HTTP/1.0 keep-alive', 'LIST / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n', { kind: 'ok', keepAlive: true }],
    ['a small body', 'LIST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}', { kind: 'ok', contentLength: 2 }],
    ['repeated equal lengths', 'LIST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2, 2\r\n\r\n{}', { kind: 'ok', contentLength: 2 }],
    ['tabs and obs-text in a value', 'LIST / HTTP/1.1\r\nHost: h\r\nX-A: a\tb\u00e9\r\n\r\n', { kind: 'ok' }],
    ['not yet complete', 'LIST /v1/x HTTP/1.1\r\nHost: h\r\n', { kind: 'incomplete' }],
    ['another method', 'LISTEN / HTTP/1.1\r\nHost: h\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['lower case', 'list / HTTP/1.1\r\nHost: h\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['an absolute target', 'LIST http://h/ HTTP/1.1\r\nHost: h\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['two spaces', 'LIST  / HTTP/1.1\r\nHost: h\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['HTTP/2', 'LIST / HTTP/2.0\r\nHost: h\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['no Host on 1.1', 'LIST / HTTP/1.1\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['two Hosts', 'LIST / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['a folded header', 'LIST / HTTP/1.1\r\nHost: h\r\nX-A: a\r\n b\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['a space before the colon', 'LIST / HTTP/1.1\r\nHost : h\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['a bare LF inside a value', 'LIST / HTTP/1.1\r\nHost: h\nX: y\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['a NUL in a value', 'LIST / HTTP/1.1\r\nHost: h\u0000\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['chunked', 'LIST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['conflicting lengths', 'LIST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['a signed length', 'LIST / HTTP/1.1\r\nHost: h\r\nContent-Length: +1\r\n\r\n', { kind: 'invalid', status: 400 }],
    ['a body over the limit', 'LIST / HTTP/1.1\r\nHost: h\r\nContent-Length: 17\r\n\r\n', { kind: 'invalid', status: 413 }],
    ['a head over the limit', `LIST / HTTP/1.1\r\nHost: h\r\nX: ${'a'.repeat(300)}\r\n\r\n`, { kind: 'invalid', status: 431 }],
    ['an endless head', `LIST / HTTP/1.1\r\nX: ${'a'.repeat(300)}`, { kind: 'invalid', status: 431 }],
  ])('%s', (_name, text, expected) => {
    expect(head(text)).toMatchObject(expected);
  });
});

describe('listRequestStart', () => {
  const error = (raw: string, bytesParsed: number, code = 'HPE_INVALID_METHOD') => Object.assign(new Error('x'), { code, bytesParsed, rawPacket: Buffer.from(raw, 'latin1') });
  it.each<[string, ReturnType<typeof error>, number | undefined]>([
    ['LIST at the start', error('LIST / HTTP/1.1\r\n', 2), 0],
    ['LIST after a pipelined request', error('GET / HTTP/1.1\r\n\r\nLIST / HTTP/1.1', 20), 18],
    ['LIS at the end of a chunk', error('LIS', 2), 0],
    ['another unknown method', error('FOO / HTTP/1.1', 0), undefined],
    ['GEST fails at the same letter', error('GEST / HTTP/1.1', 2), undefined],
    ['LI in an earlier chunk', error('ST / HTTP/1.1', 0), undefined],
    ['another parse error', error('LIST', 2, 'HPE_INVALID_HEADER_TOKEN'), undefined],
  ])('%s', (_name, e, expected) => {
    expect(listRequestStart(e)).toBe(expected);
  });
});

describe('parseGoBool (Go strconv.ParseBool, as Vault reads booleans)', () => {
  it.each([
    ['1', true], ['t', true], ['T', true], ['TRUE', true], ['true', true], ['True', true],
    ['0', false], ['f', false], ['F', false], ['FALSE', false], ['false', false], ['False', false],
    ['yes', undefined], ['tRUE', undefined], [' true', undefined], ['', undefined], ['2', undefined], ['on', undefined], ['toString', undefined],
  ] as const)('%j -> %j', (value, expected) => {
    expect(parseGoBool(value)).toBe(expected);
  });
});
