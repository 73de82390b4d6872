/** Query keys that prefill an action's form carry this prefix: `?f.username=ann`. */
export const PREFILL_PREFIX = 'f.';

/** Where to open an action: its target (`o:<organization id>` / `i:<integration id>`) and prefilled fields. */
export interface ActionLink {
  on?: string | null;
  fields?: Record<string, string | number | boolean | null | undefined>;
}

/**
 * The path of an action's form, e.g. `/actions/users.delete?on=o%3AO1&f.username=ann`: the target
 * and the prefilled fields ride in the query, so a follow-on action is a plain link (new tab, Back).
 * Empty fields are left out.
 */
export function actionPath(actionId: string, link: ActionLink = {}): string {
  const q = new URLSearchParams();
  if (link.on) q.set('on', link.on);
  for (const [k, v] of Object.entries(link.fields ?? {})) {
    if (v === null || v === undefined || v === '') continue;
    q.set(PREFILL_PREFIX + k, String(v));
  }
  const s = q.toString();
  return `/actions/${encodeURIComponent(actionId)}${s ? `?${s}` : ''}`;
}

/** The prefilled fields in a query (`f.<field path>`), as the form holds values: text, or a checkbox state. */
export function prefillFrom(query: URLSearchParams, kinds: Readonly<Record<string, string>> = {}): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [k, v] of query) {
    if (!k.startsWith(PREFILL_PREFIX)) continue;
    const path = k.slice(PREFILL_PREFIX.length);
    if (!path || !(path in kinds)) continue;
    out[path] = kinds[path] === 'boolean' ? v === 'true' : v;
  }
  return out;
}
