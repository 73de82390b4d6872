/** Page sizes offered everywhere a list is paged. */
export const PAGE_SIZES = [10, 25, 50, 100, 500] as const;

/** Pages a list held in memory: returns the slice to show. */
export function pageSlice<T>(items: readonly T[], page: number, size: number): T[] {
  const start = Math.max(0, (page - 1) * size);
  return items.slice(start, start + size);
}

/**
 * Previous/next, a page-size choice and the range shown. Works for in-memory lists (`total` known)
 * and server cursors (`hasNext` known, `total` maybe not).
 */
export function Pager(props: {
  label: string;
  page: number;
  size: number;
  total?: number;
  hasNext?: boolean;
  onPage(page: number): void;
  onSize(size: number): void;
}) {
  const { label, page, size, total } = props;
  const pages = total === undefined ? undefined : Math.max(1, Math.ceil(total / size));
  const hasNext = props.hasNext ?? (pages !== undefined && page < pages);
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = total === undefined ? page * size : Math.min(total, page * size);
  const id = `pager-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" disabled={page <= 1} onClick={() => props.onPage(page - 1)}>Previous</button>
      <span aria-live="polite">
        {total === undefined ? `Page ${page}` : `${first}–${last} of ${total}`}
      </span>
      <button type="button" disabled={!hasNext} onClick={() => props.onPage(page + 1)}>Next</button>
      <label htmlFor={id} className="inline">Rows per page</label>
      <select id={id} value={size} onChange={(e) => props.onSize(Number(e.target.value))}>
        {PAGE_SIZES.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
    </nav>
  );
}
