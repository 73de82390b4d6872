import { take } from './release.js';

/**
 * Hands each page of a walk to `handle`, one at a time, holding none while the next is awaited.
 *
 * `for await (const page of pages)` keeps the last page reachable until the next arrives: a suspended
 * async function keeps the values of its registers, and the loop's current value sits in one. Over a
 * fleet of rate-limited accounts, where each list waits most of its time for its next page, that is a
 * parsed page (about 0.4 MB for 300 users) per list for the whole scan. Here the result is dropped
 * before each wait. (`offsetPages` drops its own references the same way.)
 */
export async function forEachPage<P>(pages: AsyncIterable<P>, handle: (page: P) => void | Promise<void>): Promise<void> {
  const iterator = pages[Symbol.asyncIterator]();
  let result: IteratorResult<P> | undefined;
  for (;;) {
    result = await iterator.next();
    if (result.done) return;
    try {
      // The iterator's result came through a promise that may outlive this turn: it lets go of the
      // page as the handler gets it (see `take`); the page is then the handler's to keep or drop.
      await handle(take(result, 'value'));
    } catch (error) {
      // Stopped early: let the walk cancel its prefetches, as `for await` would.
      await iterator.return?.();
      throw error;
    }
    result = undefined;
  }
}
