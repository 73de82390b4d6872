/** Something with URLSearchParams' `get`, so the logic runs without a browser. */
export interface QueryLike {
  get(name: string): string | null;
}

/**
 * The page and page size kept in the URL (`page`, `size`): a positive whole page, a size from `sizes`;
 * anything else falls back to page 1 and `defaultSize`, so a hand-edited URL still shows a list.
 */
export function pagingFromQuery(query: QueryLike, sizes: readonly number[], defaultSize: number): { page: number; size: number } {
  const size = Number(query.get('size'));
  const page = Number(query.get('page'));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    size: sizes.includes(size) ? size : defaultSize,
  };
}

/** The page to show for `total` rows: past the end (after a filter or a delete) means the last page. */
export function clampPage(page: number, size: number, total: number): number {
  const last = Math.max(1, Math.ceil(total / size));
  return Math.min(Math.max(1, page), last);
}
