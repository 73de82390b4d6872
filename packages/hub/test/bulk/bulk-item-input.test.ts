import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openBulkItemInput, sealBulkItemInput } from '../../src/bulk/bulk-item-input.js';
import { SecretBox } from '../../src/crypto/secret-box.js';
import type { Store } from '../../src/store/open-store.js';

describe('bulk item inputs', () => {
  it('seal and open the whole input, and show the log scrubber only the secret fields, never the whole input', () => {
    const seen: string[] = [];
    const store = { secrets: new SecretBox(randomBytes(32), (v) => seen.push(v)) } as unknown as Store;
    const input = { user_id: 'DU1', codes: ['12345678', '87654321'], nested: { secret_key: 'sk-abc', note: 'plain' }, count: 2 };
    const sealed = sealBulkItemInput(store, 'bulk_1', 3, input);
    expect(sealed).not.toContain('12345678');
    expect(seen.sort()).toEqual(['12345678', '87654321', 'sk-abc']);
    seen.length = 0;
    expect(openBulkItemInput(store, 'bulk_1', 3, sealed)).toEqual(input);
    expect(seen.sort()).toEqual(['12345678', '87654321', 'sk-abc']);
    expect(seen.some((v) => v.includes('DU1'))).toBe(false);
    // Bound to its row: the same value under another item does not open.
    expect(() => openBulkItemInput(store, 'bulk_1', 4, sealed)).toThrow();
  });
});
