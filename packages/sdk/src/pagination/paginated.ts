/** One page as Duo returned it, with the items already cut to the caller's limit. */
export interface Page<T> {
  items: T[];
  /** Offset paging: where this page started. */
  offset?: number;
  /** The cursor Duo gave for the next page (number, `"ts,offset"` string or [ts, txid]); absent on the last page. */
  nextOffset?: number | string | string[];
  /** Duo's total, when it sent one (v2 telephony/activity logs send `{ value, relation }`; `value` is used). */
  totalObjects?: number;
  /** Duo's metadata object as sent. */
  metadata?: Record<string, unknown>;
}

/** A lazy list: iterate items, or `pages()`, or collect with `toArray()`. Each iteration starts over. */
export interface Paginated<T> extends AsyncIterable<T> {
  pages(): AsyncIterable<Page<T>>;
  toArray(): Promise<T[]>;
}

/** Builds the item, page and array views over a page generator. */
export function paginated<T>(pages: () => AsyncGenerator<Page<T>>): Paginated<T> {
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      // Each page is let go before the next is awaited (see forEachPage): `for await` would hold it.
      const walk = pages();
      let result: IteratorResult<Page<T>> | undefined;
      let items: T[] | undefined;
      let done = false;
      try {
        for (;;) {
          result = await walk.next();
          if (result.done) {
            done = true;
            return;
          }
          items = result.value.items;
          result = undefined;
          yield* items;
          items = undefined;
        }
      } finally {
        // The caller stopped early (break, throw): cancel the walk's prefetches, as `for await` would.
        if (!done) await walk.return(undefined);
      }
    },
    async toArray() {
      const out: T[] = [];
      for await (const page of pages()) out.push(...page.items);
      return out;
    },
  };
}
