/**
 * Cases of the baseline routes for the OpenAPI access matrix (test/access-openapi-matrix.test.ts),
 * which requires one per operation. Spread into its `routeCases()`:
 * `...baselineMatrixCases({ fixed, A, B, asAdmin: f.asAdmin, unique })`.
 * "Own" baselines select only organization A (a token limited to A reads them); "other" ones only B
 * (refused, not filtered); writes, checks and applies are fleet-wide (refused to every limited token).
 */

type Target = 'own' | 'other' | 'fleet';
interface CellRequest {
  path: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}
type Fixed<V> = (name: string, target: Target, req: () => CellRequest, extra?: { otherIsFiltered?: boolean }) => V;

/** What the cases need from the matrix: its `fixed` builder, the two organizations and the admin caller. */
export interface MatrixHelpers<V> {
  fixed: Fixed<V>;
  A(): string;
  B(): string;
  asAdmin(method: string, path: string, body?: unknown): Promise<any>;
  unique(prefix: string): string;
}

/** One case list per baseline operation, keyed `METHOD path` as the matrix keys them. */
export function baselineMatrixCases<V>(h: MatrixHelpers<V>): Record<string, V[]> {
  const ids: { own?: string; other?: string } = {};
  // Created on first use and reused: builds run per cell, the baselines need only exist.
  const baseline = async (which: 'own' | 'other') => {
    if (!ids[which]) {
      const org = which === 'own' ? h.A() : h.B();
      ids[which] = (await h.asAdmin('POST', '/api/baselines', { name: h.unique(`matrix-${which}`), selector: { organization_ids: [org] }, wanted: { settings: { sms_batch: 1 } } })).id as string;
    }
    return ids[which]!;
  };
  // `fixed` builds synchronously; these cells need a baseline first, so they build through a lazy id.
  const lazy = (name: string, target: 'own' | 'other', path: (id: string) => string, extra?: { otherIsFiltered?: boolean }): V => {
    const variant = h.fixed(name, target, () => ({ path: '' }), extra) as V & { build(): Promise<CellRequest> };
    return { ...variant, build: async () => ({ path: path(await baseline(target)) }) } as V;
  };
  const doc = () => ({ name: h.unique('matrix-new'), selector: { organization_ids: [h.A()] }, wanted: { settings: { sms_batch: 1 } } });
  return {
    'GET /api/baselines': [h.fixed('list', 'fleet', () => ({ path: '/api/baselines' }))],
    'POST /api/baselines': [h.fixed('fleet', 'fleet', () => ({ path: '/api/baselines', body: doc() }))],
    'POST /api/baselines/import': [h.fixed('fleet', 'fleet', () => ({ path: '/api/baselines/import', body: doc() }))],
    'GET /api/baselines/{id}': [lazy('own', 'own', (id) => `/api/baselines/${id}`), lazy('other', 'other', (id) => `/api/baselines/${id}`)],
    'PATCH /api/baselines/{id}': [lazy('fleet', 'own', (id) => `/api/baselines/${id}`)].map((v) => ({ ...v, target: 'fleet' as const, build: async () => ({ path: `/api/baselines/${await baseline('own')}`, body: { description: 'matrix' } }) })) as V[],
    'DELETE /api/baselines/{id}': [
      h.fixed('fleet (fresh baseline)', 'fleet', () => ({ path: '' })),
    ].map((v) => ({ ...v, build: async () => ({ path: `/api/baselines/${(await h.asAdmin('POST', '/api/baselines', doc())).id}` }) })) as V[],
    'GET /api/baselines/{id}/export': [lazy('own', 'own', (id) => `/api/baselines/${id}/export`), lazy('other', 'other', (id) => `/api/baselines/${id}/export?format=json`)],
    'POST /api/baselines/{id}/check': [lazy('fleet', 'own', (id) => `/api/baselines/${id}/check`)].map((v) => ({ ...v, target: 'fleet' as const })) as V[],
    'GET /api/baselines/{id}/drift': [lazy('own', 'own', (id) => `/api/baselines/${id}/drift`), lazy('other', 'other', (id) => `/api/baselines/${id}/drift`)],
    'GET /api/baselines/{id}/checks': [lazy('own', 'own', (id) => `/api/baselines/${id}/checks`), lazy('other', 'other', (id) => `/api/baselines/${id}/checks`)],
    // No drift in the fixture: an allowed caller gets 409 no_drift (let through), the rest 401/403.
    'POST /api/baselines/{id}/apply': [lazy('fleet', 'own', (id) => `/api/baselines/${id}/apply`)].map((v) => ({ ...v, target: 'fleet' as const, build: async () => ({ path: `/api/baselines/${await baseline('own')}/apply`, body: { recheck: false } }) })) as V[],
  };
}
