import { requireScope, type Actor } from '../../access/actor.js';
import type { HubContext } from '../../hub-context.js';
import type { LogEventsTable } from '../log-tables.js';
import { logCsvHeader, logCsvRow } from './log-csv.js';
import type { LogCursor } from './log-cursor.js';
import type { LogFilters } from './log-filters.js';
import { openLogSnapshot } from './open-log-snapshot.js';
import { readLogEventRows } from './search-log-events.js';
import { toLogItem } from './to-log-item.js';

/** Export formats: JSON lines (one search item per line) or CSV (`LOG_CSV_COLUMNS`). */
export type LogExportFormat = 'jsonl' | 'csv';

/** Rows read per query while exporting: the most an export holds at once. */
export const EXPORT_BATCH_ROWS = 1000;

/**
 * Every matching row, newest first, one keyset batch at a time: only the batch being rendered is
 * in memory, whatever the number of rows. The next batch is read only when the consumer asks.
 * Every batch reads one snapshot of the store taken when the first is asked for, so rows the sync
 * stores (or prunes) meanwhile change nothing: the export is the rows present when it began. The
 * snapshot ends with the export, whether it finishes, fails or its consumer stops.
 */
export async function* logEventBatches(hub: HubContext, actor: Actor, filters: LogFilters, batchRows = EXPORT_BATCH_ROWS): AsyncGenerator<LogEventsTable[]> {
  requireScope(actor, 'read');
  const snapshot = await openLogSnapshot(hub.store);
  try {
    let cursor: LogCursor | undefined;
    for (;;) {
      const rows = await readLogEventRows(hub, actor, filters, { limit: batchRows, cursor }, snapshot.db);
      if (rows.length > 0) yield rows;
      if (rows.length < batchRows) return;
      const last = rows[rows.length - 1]!;
      cursor = { occurredAt: Number(last.occurred_at), id: last.id };
    }
  } finally {
    await snapshot.release();
  }
}

/**
 * The export as text chunks: a header line (CSV), then one chunk per batch. The first batch is read
 * before anything goes out, the CSV header included: reading it takes the snapshot (and checks the
 * scope), so rows stored while a client holds the header back are not in the export. (Sent first, the
 * header let a client that paused on it see rows stored after the export began: a CI run caught it
 * on Postgres.)
 */
export async function* logExportChunks(hub: HubContext, actor: Actor, filters: LogFilters, format: LogExportFormat, batchRows = EXPORT_BATCH_ROWS): AsyncGenerator<string> {
  const batches = logEventBatches(hub, actor, filters, batchRows);
  try {
    let next = await batches.next();
    if (format === 'csv') yield logCsvHeader();
    while (!next.done) {
      const rows = next.value;
      yield format === 'csv' ? rows.map(logCsvRow).join('') : rows.map((row) => JSON.stringify(toLogItem(row)) + '\n').join('');
      next = await batches.next();
    }
  } finally {
    // Ends the snapshot when the consumer stops early (a client that went away) or a read failed.
    await batches.return(undefined);
  }
}

/**
 * The export as a byte stream pulled by the HTTP layer: a chunk is made only when the previous one
 * has been taken (so a slow client holds the export back, not the hub's memory), and a client that
 * goes away stops the reads. A failure mid-way ends the stream with an error and is logged.
 */
export function logExportStream(hub: HubContext, chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  // A client can go away while a batch is being read; what that read brings back then goes nowhere.
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (cancelled) return;
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          if (cancelled) return;
          hub.logger.error({ err: error }, 'log export failed mid-stream');
          controller.error(error);
        }
      },
      async cancel() {
        cancelled = true;
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
