import type { ActionSummary } from './action-summary.ts';

/** Display names of the Duo API families. */
export const API_LABELS: Record<string, string> = { admin: 'Admin API', accounts: 'Accounts API', auth: 'Auth API' };

/** Actions of one resource within one API. */
export interface ResourceGroup {
  resource: string;
  actions: ActionSummary[];
}

/** Resources of one Duo API. */
export interface ApiGroup {
  api: string;
  label: string;
  resources: ResourceGroup[];
}

const API_ORDER = ['admin', 'accounts', 'auth'];

/**
 * The catalog grouped by API (Admin, Accounts, Auth, then any other in name order) and, within each,
 * by resource in the catalog's own order. `filter` keeps actions whose id, title, description, resource
 * or API mentions every word of it (case-insensitive); empty groups are dropped.
 */
export function groupCatalog(actions: readonly ActionSummary[], filter = ''): ApiGroup[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, Map<string, ActionSummary[]>>();
  for (const action of actions) {
    const haystack = [action.id, action.title, action.description, action.resource, action.api, API_LABELS[action.api] ?? '']
      .join(' ')
      .toLowerCase();
    if (!words.every((w) => haystack.includes(w))) continue;
    let resources = groups.get(action.api);
    if (!resources) groups.set(action.api, (resources = new Map()));
    let list = resources.get(action.resource);
    if (!list) resources.set(action.resource, (list = []));
    list.push(action);
  }
  const rank = (api: string) => {
    const i = API_ORDER.indexOf(api);
    return i < 0 ? API_ORDER.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([api, resources]) => ({
      api,
      label: API_LABELS[api] ?? `${api} API`,
      resources: [...resources.entries()].map(([resource, list]) => ({ resource, actions: list })),
    }));
}
