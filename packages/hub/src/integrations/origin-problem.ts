/**
 * Why `value` is not acceptable as a connect-address override, or undefined when it is a bare
 * http(s) origin. Paths, queries, fragments and credentials are refused because the SDK signs the
 * Duo host and path itself: anything else in the URL would either be dropped silently or leak.
 */
export function originProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an http(s) origin such as http://127.0.0.1:9000';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  if (url.username || url.password) return 'must not contain credentials';
  if (url.pathname !== '/' && url.pathname !== '') return 'must not contain a path';
  if (url.search || value.includes('?')) return 'must not contain a query';
  if (url.hash || value.includes('#')) return 'must not contain a fragment';
  return undefined;
}
