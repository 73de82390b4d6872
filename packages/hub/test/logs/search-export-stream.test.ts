import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLogTables } from '../../src/logs/log-tables.js';
import { createTempDatabase } from '../helpers/temp-postgres.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { buildLogEvents, insertFixtureIntegration, insertLogEvents, type LogRow } from './support/log-event-fixture.js';

const backends = ['sqlite', ...(process.env.DATABASE_URL ? ['postgres'] : [])] as const;
const ROWS = 50_000;
const DAY = 86_400_000;

/**
 * The export streams from the store in keyset batches: it starts answering before it has read the
 * rows, reads on only as the client takes the bytes, and never holds the whole export. Shown without
 * timing: the client takes the first bytes, stops reading, and a row older than every other is
 * stored; an export built before its first byte could not contain that row, a streamed one ends with it.
 */
describe.each(backends)('log export streams (%s)', (backend) => {
  let t: TestHub;
  let pgDb: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  let integrationId: string;
  let orgId: string;
  let oldest: number;

  beforeAll(async () => {
    if (backend === 'postgres') pgDb = await createTempDatabase(process.env.DATABASE_URL!);
    t = await startTestHub(pgDb ? { databaseUrl: pgDb.url } : {});
    integrationId = await insertFixtureIntegration(t.store.db);
    orgId = (await t.api('POST', '/api/organizations', { body: { name: 'Streaming Org' } })).body.id;
    const rows = buildLogEvents({ integrationId, now: Date.now(), orgs: [{ id: orgId, accountId: 'DASTREAM000000000001', userPrefix: 'stream' }], days: 10, perDay: ROWS / 10, seed: 3 }).filter(
      (r) => r.log_type === 'authentication',
    );
    expect(rows).toHaveLength(ROWS);
    oldest = Math.min(...rows.map((r) => r.occurred_at));
    await insertLogEvents(t.store.db, rows, 1000);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await pgDb?.drop();
  });

  for (const format of ['jsonl', 'csv'] as const) {
    it(`${ROWS} rows as ${format}: the first bytes come before the rows are read, and the rest follows the client`, async () => {
      const late: LogRow = {
        ...buildLogEvents({ integrationId, now: oldest, orgs: [{ id: orgId, accountId: 'DASTREAM000000000001', userPrefix: `late-${format}` }], days: 1, perDay: 1, seed: 4 })[0]!,
        occurred_at: oldest - DAY,
        event_key: `late-${format}`,
        log_type: 'authentication',
      };
      const url = new URL(`/api/logs/export?format=${format}&organization_id=${orgId}&log_type=authentication`, t.url);
      const { status, text, firstChunkBytes } = await new Promise<{ status: number; text: string; firstChunkBytes: number }>((resolve, reject) => {
        const req = http.get(url, { headers: { authorization: `Bearer ${t.adminToken}` } }, (res) => {
          const chunks: Buffer[] = [];
          let first = -1;
          res.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            if (first >= 0) return;
            first = chunk.length;
            // Stop taking bytes, store the late row, then read on.
            res.pause();
            insertLogEvents(t.store.db, [late]).then(() => res.resume(), reject);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), firstChunkBytes: first }));
          res.on('error', reject);
        });
        req.on('error', reject);
      });
      expect(status).toBe(200);
      expect(firstChunkBytes).toBeGreaterThan(0);
      const lines = text.split(format === 'csv' ? '\r\n' : '\n').filter(Boolean);
      const dataLines = format === 'csv' ? lines.slice(1) : lines;
      // Every stored row once, then the one stored after the first bytes had gone out.
      const ids = dataLines.map((line) => (format === 'csv' ? line.slice(0, line.indexOf(',')) : (JSON.parse(line) as { id: string }).id));
      expect(ids).toHaveLength(ROWS + 1);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.at(-1)).toBe(late.id);
      // The response was written in many pieces, not as one body.
      expect(text.length).toBeGreaterThan(firstChunkBytes * 10);
      await withLogTables(t.store.db).deleteFrom('log_events').where('id', '=', late.id).execute();
    }, 120_000);
  }

  it('a client that goes away ends the export, and the hub keeps answering', async () => {
    const url = new URL(`/api/logs/export?format=jsonl`, t.url);
    await new Promise<void>((resolve, reject) => {
      const req = http.get(url, { headers: { authorization: `Bearer ${t.adminToken}` } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    });
    const res = await t.api('GET', '/api/logs?limit=1');
    expect(res.status).toBe(200);
    expect(t.logs.filter((l) => l.includes('log export failed'))).toEqual([]);
  });
});
