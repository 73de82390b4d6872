import { countSeatsUser, emptySeatsCounts, type SeatsUser } from './seats-counts.js';
import type { SeatsCounts } from './seats-types.js';

/**
 * One account's users counted page by page, holding only counters and the ids of the last few pages.
 * Offset paging repeats a user only when the list shifts under the read (a user before it deleted),
 * which moves it by less than a page per deletion; a window of recent pages (two by default, as the
 * coverage tally keeps) catches that without holding every id of the account.
 */
export class SeatsTally {
  readonly counts: SeatsCounts = emptySeatsCounts();
  /** Users dropped as already counted. */
  duplicates = 0;
  /** Pages added. */
  pages = 0;
  readonly #window: Array<Set<string>> = [new Set()];
  readonly #windowPages: number;

  constructor(windowPages = 2) {
    this.#windowPages = Math.max(1, Math.floor(windowPages));
  }

  /** Adds one page of users, in list order; returns how many were new. */
  addPage(users: readonly SeatsUser[]): number {
    this.pages += 1;
    const current = this.#window[this.#window.length - 1]!;
    let added = 0;
    for (const user of users) {
      const id = typeof user.user_id === 'string' ? user.user_id : undefined;
      if (id !== undefined) {
        if (this.#window.some((page) => page.has(id))) {
          this.duplicates += 1;
          continue;
        }
        current.add(id);
      }
      countSeatsUser(this.counts, user);
      added += 1;
    }
    this.#window.push(new Set());
    if (this.#window.length > this.#windowPages + 1) this.#window.shift();
    return added;
  }
}
