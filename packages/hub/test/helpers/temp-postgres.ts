import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Creates a fresh database `duohub_t_<random>` next to `baseUrl`; `drop()` removes it. */
export async function createTempDatabase(baseUrl: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `duohub_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Samples how many connections are open to database `name` (every 100 ms) until `stop()`, which
 * returns the most seen at once.
 */
export function watchConnections(baseUrl: string, name: string): { stop(): Promise<number> } {
  const client = new pg.Client({ connectionString: baseUrl });
  let most = 0;
  let stopped = false;
  const sampling = (async () => {
    await client.connect();
    try {
      while (!stopped) {
        const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        most = Math.max(most, rows[0]!.n);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await client.end();
    }
  })();
  return {
    async stop() {
      stopped = true;
      await sampling;
      return most;
    },
  };
}
