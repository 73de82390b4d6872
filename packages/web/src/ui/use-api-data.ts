import { useEffect, useState } from 'react';
import { api, type ApiError } from '../api-client.ts';

/** A GET as the page renders it: not asked yet, loading, its body, or its error. */
export type Loadable<T> = { state: 'idle' } | { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; error: ApiError };

/**
 * GETs `path` (none while it is null) and again whenever `reloadKey` changes; an answer that
 * arrives after the path changed is dropped, so a slow old request never overwrites a newer one.
 */
export function useApiData<T>(path: string | null, reloadKey: unknown = 0): Loadable<T> {
  const [value, setValue] = useState<Loadable<T>>(path === null ? { state: 'idle' } : { state: 'loading' });
  useEffect(() => {
    if (path === null) {
      setValue({ state: 'idle' });
      return;
    }
    let live = true;
    setValue({ state: 'loading' });
    void api<T>('GET', path).then((res) => {
      if (!live) return;
      setValue(res.ok ? { state: 'ok', data: res.body } : { state: 'error', error: res.error });
    });
    return () => {
      live = false;
    };
  }, [path, reloadKey]);
  return value;
}
