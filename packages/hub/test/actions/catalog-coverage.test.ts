import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { endpoints } from '@duohub/sdk';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/actions/catalog.js';

// Every endpoint Duo documents (../shared/duo/ENDPOINTS.md, kept as the SDK's fixture).
const documented = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../sdk/test/fixtures/duo-documented-endpoints.json', import.meta.url)), 'utf8'),
) as Array<{ resource: string; method: string; path: string }>;
const key = (method: string, path: string) => `${method} ${path.replace(/\{([a-z_]+)\}/g, ':$1').replace(/:[a-z_]+/g, ':id')}`;

// The log and Trust Monitor endpoints come with the logs issue (17), which syncs them rather than
// offering one-page reads.
const LATER = (path: string) => path.startsWith('/admin/v1/logs/') || path.startsWith('/admin/v2/logs/') || path.startsWith('/admin/v1/trust_monitor/');

describe("the catalog covers Duo's documented endpoints", () => {
  const declaredByKey = new Map(endpoints.map((e) => [key(e.method, e.path), e]));
  const wrapped = new Set(catalog.flatMap((a) => a.endpoints ?? [a.id]));

  it('names only declared endpoints', () => {
    const ids = new Set(endpoints.map((e) => e.id));
    const unknown = catalog.flatMap((a) => (a.endpoints ?? []).filter((id) => !ids.has(id)).map((id) => `${a.id} -> ${id}`));
    expect(unknown).toEqual([]);
  });

  it('offers an action for every documented endpoint but the logs', () => {
    const missing = documented
      .filter((d) => !LATER(d.path))
      .filter((d) => {
        const declared = declaredByKey.get(key(d.method, d.path));
        return !declared || !wrapped.has(declared.id);
      })
      .map((d) => `${d.method} ${d.path}`);
    expect(missing).toEqual([]);
  });

  it('marks every action that deletes as destructive, with a dry run', () => {
    const deleting = catalog.filter((a) => (a.endpoints ?? [a.id]).some((id) => endpoints.find((e) => e.id === id)?.method === 'DELETE'));
    expect(deleting.length).toBeGreaterThan(20);
    expect(deleting.filter((a) => !a.destructive).map((a) => a.id)).toEqual([]);
  });
});
