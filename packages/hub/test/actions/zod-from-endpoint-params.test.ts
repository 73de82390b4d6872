import { settingsUpdate, t, usersCreate } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { settingsFields } from '../../src/actions/settings/settings-fields.js';
import { zodFromEndpointParams, zodFromShape } from '../../src/actions/schemas/zod-from-endpoint-params.js';

describe('zodFromShape', () => {
  it.each<[string, Parameters<typeof zodFromShape>[0], unknown, boolean]>([
    ['string limits', t.string({ minLength: 1, maxLength: 3 }), 'abcd', false],
    ['pattern anchored', t.string({ pattern: '[0-9#*]?' }), '##', false],
    ['enum', t.enum(['a', 'b']), 'b', true],
    ['integer range', t.integer({ minimum: 1, maximum: 10 }), 11, false],
    ['integer fraction', t.integer(), 1.5, false],
    ['boolean', t.boolean(), 'true', false],
    ['array of strings', t.array(t.string()), ['a'], true],
  ])('%s', (_name, shape, value, ok) => {
    expect(zodFromShape(shape).safeParse(value).success).toBe(ok);
  });
});

describe('zodFromEndpointParams', () => {
  it('makes required parameters required and the rest optional', () => {
    const input = z.strictObject(zodFromEndpointParams(usersCreate));
    expect(input.safeParse({ username: 'a', status: 'bypass' }).success).toBe(true);
    expect(input.safeParse({ status: 'bypass' }).success).toBe(false);
    expect(input.safeParse({ username: 'a', status: 'asleep' }).success).toBe(false);
  });

  it('gives settings.update every declared setting except the legacy ones', () => {
    const declared = Object.entries(settingsUpdate.params).filter(([, p]) => !('deprecated' in p && p.deprecated)).map(([k]) => k);
    expect(Object.keys(settingsFields).sort()).toEqual(declared.sort());
  });
});
