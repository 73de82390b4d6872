import { forEachPage, type UsersResource } from '@duohub/sdk';
import type { SeatsUser } from './seats-counts.js';
import { SeatsTally } from './seats-tally.js';
import type { SeatsCounts } from './seats-types.js';

/** What counting needs from an Admin API client: its users list (a child client, or one bounded by fleet page slots). */
export interface SeatsUsersSource {
  users: Pick<UsersResource, 'list'>;
}

/** An account's users counted, with Duo's own total and the paging figures. */
export interface CountedUsers {
  counts: SeatsCounts;
  /** Duo's `total_objects` from the first page that gave one; null if none did. */
  duoTotal: number | null;
  pages: number;
  duplicates: number;
}

/** Pages in flight per account once Duo's total is known: enough to cover latency, few enough to bound memory. */
export const SEATS_PAGE_CONCURRENCY = 4;

/**
 * Streams an account's users (300 a page, the most Duo allows) and counts them as each page arrives;
 * a page is released once counted, so memory holds the pages in flight, never the account's users.
 */
export async function countAccountUsers(source: SeatsUsersSource, options: { concurrency?: number | undefined; signal?: AbortSignal | undefined } = {}): Promise<CountedUsers> {
  const tally = new SeatsTally();
  let duoTotal: number | null = null;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? SEATS_PAGE_CONCURRENCY));
  // Page by page, none held while the next is awaited (see forEachPage).
  await forEachPage(source.users.list({ concurrency, ...(options.signal ? { signal: options.signal } : {}) }).pages(), (page) => {
    if (duoTotal === null && page.totalObjects !== undefined) duoTotal = page.totalObjects;
    tally.addPage(page.items as readonly SeatsUser[]);
  });
  return { counts: tally.counts, duoTotal, pages: tally.pages, duplicates: tally.duplicates };
}
