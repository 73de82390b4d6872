import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { errorRegistry } from '../src/errors/error-registry.js';
import { HubError } from '../src/errors/hub-error.js';
import { toErrorResponse } from '../src/errors/to-error-response.js';
import { CheckStatusSchema } from '../src/integrations/integration-schemas.js';

const doc = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../docs/errors.md'), 'utf8');

function tableRows(heading: string | null): Array<[string, string]> {
  const section = heading ? doc.slice(doc.indexOf(heading)) : doc;
  const rows: Array<[string, string]> = [];
  for (const line of section.split('\n')) {
    const m = /^\| `([a-z_]+)` \| ([^|]+) \|/.exec(line);
    if (m) rows.push([m[1]!, m[2]!.trim()]);
    else if (rows.length > 0 && !line.startsWith('|')) break;
  }
  return rows;
}

describe('error registry and docs/errors.md', () => {
  it('list the same codes with the same HTTP status', () => {
    const documented = Object.fromEntries(tableRows(null).map(([code, status]) => [code, Number(status)]));
    const registered = Object.fromEntries(Object.entries(errorRegistry).map(([code, e]) => [code, e.status]));
    expect(documented).toEqual(registered);
  });

  it('document every credential check status', () => {
    const documented = tableRows('## Credential check statuses').map(([status]) => status);
    expect(documented.sort()).toEqual([...CheckStatusSchema.options].sort());
  });
});

describe('toErrorResponse', () => {
  it.each([
    [new HubError('not_found'), 404, 'not_found'],
    [new HubError('validation_failed', { details: [{ in: 'body', field: 'name', message: 'x' }] }), 400, 'validation_failed'],
    [new HTTPException(400, { message: 'Malformed JSON in request body' }), 400, 'malformed_body'],
    [new HTTPException(415, { message: 'Unsupported Media Type' }), 415, 'unsupported_media_type'],
    [new HTTPException(413), 413, 'payload_too_large'],
    [Object.assign(new Error('x'), { name: 'DuoServerError', status: 500, code: 50001 }), 502, 'duo_error'],
    [Object.assign(new Error('x'), { name: 'DuoTimeoutError' }), 504, 'duo_unreachable'],
    [new TypeError("Cannot read properties of undefined (reading 'secret')"), 500, 'internal'],
  ])('%s -> %d %s', (error, status, code) => {
    const out = toErrorResponse(error);
    expect(out.status).toBe(status);
    expect(out.body.error.code).toBe(code);
    expect(out.internal).toBe(code === 'internal');
  });

  it('never echoes an unknown error message', () => {
    const out = toErrorResponse(new Error('password=hunter2 at /srv/app.ts:12'));
    expect(JSON.stringify(out.body)).not.toContain('hunter2');
    expect(JSON.stringify(out.body)).not.toContain('app.ts');
  });
});
