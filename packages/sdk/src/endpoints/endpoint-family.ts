import { type AdminGrant, type ApiFamily, type EndpointDeclaration, defineEndpoint } from './define-endpoint.js';
import type { offsetPaging } from './paging-params.js';

/** The fields a family preset fills; a declaration may still state any of them to override the preset. */
type Preset = 'method' | 'api' | 'grant' | 'pacing' | 'idempotent';

/** What a declaration states when a family preset fills the rest. */
export type EndpointSpec = Omit<EndpointDeclaration, Preset> & Partial<Pick<EndpointDeclaration, Preset>>;

/** A declaration as a preset returns it: the spec's literal types, the preset fields typed loosely. */
export type Declared<S> = S & Omit<EndpointDeclaration, keyof S>;

/** What every endpoint of one family shares. */
export interface FamilyDefaults {
  api: ApiFamily;
  /** The grant reads (`get`, `list`) need. */
  read?: AdminGrant;
  /** The grant writes (`write`, `remove`) need. */
  write?: AdminGrant;
  /** The page sizes of the family's offset lists (`list`). */
  page?: OffsetPage;
}

type Fill = Pick<EndpointDeclaration, Exclude<Preset, 'grant'>> & { grant: AdminGrant | undefined };

type OffsetPage = ReturnType<typeof offsetPaging>;
/** The limit/offset parameters `list` adds after a list's own. */
type PageParams = Pick<OffsetPage, 'limit' | 'offset'>;

/** A list's spec: its own parameters, if any, precede `limit`/`offset`. */
type ListSpec = Omit<EndpointSpec, 'params'> & { params?: EndpointSpec['params'] };
type ListParams<S> = S extends { params: infer P } ? P : {};

/**
 * Presets for the endpoints of one family, so each declaration states only what differs: `get` (one
 * object), `list` (an offset-paged list; adds `limit`/`offset` after the list's own parameters),
 * `write` (POST by default; states whether it is idempotent) and `remove` (an idempotent DELETE).
 * Each returns a plain declaration, checked by `defineEndpoint`, its fields in the usual order.
 */
export function endpointFamily(family: FamilyDefaults) {
  const declare = <S extends EndpointSpec>(fill: Fill, spec: S): Declared<S> => {
    const grant = 'grant' in spec ? spec.grant : fill.grant;
    // The preset's fields first, in the usual order; the spec's own (overrides included) keep those places.
    const declaration = Object.assign(
      {
        id: spec.id,
        summary: spec.summary,
        method: fill.method,
        path: spec.path,
        api: family.api,
        ...(grant === undefined ? {} : { grant }),
        pacing: fill.pacing,
        idempotent: fill.idempotent,
      },
      spec,
    );
    return defineEndpoint(declaration as EndpointDeclaration) as Declared<S>;
  };
  const read = { method: 'GET', api: family.api, grant: family.read, idempotent: true } as const;
  const write = { api: family.api, grant: family.write, pacing: 'admin_modify' } as const;
  return {
    /** A GET of one object (or of settings): `admin_get_one` pacing. */
    get: <const S extends EndpointSpec>(spec: S) => declare({ ...read, pacing: 'admin_get_one' }, spec),
    /** A GET of an offset-paged list with the family's page sizes: `admin_get_page` pacing. */
    list: <const S extends ListSpec>(spec: S): Declared<Omit<S, 'params'> & { paging: OffsetPage['paging']; params: ListParams<S> & PageParams }> => {
      const page = family.page;
      if (!page) throw new Error(`${spec.id}: the family declares no page sizes`);
      const params = { ...spec.params, limit: page.limit, offset: page.offset };
      const { id, summary, path } = spec;
      const paged = Object.assign({ id, summary, path, paging: page.paging, params }, spec, { params });
      return declare({ ...read, pacing: 'admin_get_page' }, paged) as never;
    },
    /** A POST (or the method stated) that changes state: `admin_modify` pacing. */
    write: <const S extends EndpointSpec & { idempotent: boolean }>(spec: S) =>
      declare({ ...write, method: 'POST', idempotent: spec.idempotent }, spec),
    /** A DELETE: idempotent, `admin_modify` pacing. */
    remove: <const S extends EndpointSpec>(spec: S) => declare({ ...write, method: 'DELETE', idempotent: true }, spec),
  };
}
