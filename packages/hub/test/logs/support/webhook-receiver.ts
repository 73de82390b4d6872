import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the receiver took it. */
export interface Received {
  key: string;
  body: any;
  /** Receipt order among first receipts. */
  seq: number;
}

/** What the receiver answers; `drop` records the request, then cuts the connection without answering. */
export type Answer = { status: number; headers?: Record<string, string> } | 'drop';

/**
 * A webhook receiver written for the tests, on a real loopback port: it verifies each request's
 * HMAC signature itself (`t=<ts>,v1=<hex>` over `<ts>.<body>`), dedupes by Idempotency-Key (a
 * repeat is allowed and counted), records first receipts in order, and answers as `answer` says.
 * `down()` closes the port and every connection; `up()` listens on the same port again.
 */
export class WebhookReceiver {
  secret = '';
  readonly received = new Map<string, Received>();
  duplicates = 0;
  requests = 0;
  badSignatures = 0;
  /** Highest number of requests of one partition (Duo account) in flight at once. */
  maxInFlightPerPartition = 0;
  answer: (body: any, key: string) => Answer = () => ({ status: 204 });
  holdMs = 0;
  #server: http.Server | undefined;
  #sockets = new Set<Socket>();
  #inFlight = new Map<string, number>();
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async up(): Promise<void> {
    const server = http.createServer((req, res) => void this.#handle(req, res));
    server.on('connection', (s) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  async down(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** First receipts, in receipt order. */
  inOrder(): Received[] {
    return [...this.received.values()].sort((a, b) => a.seq - b.seq);
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    this.requests++;
    const key = String(req.headers['idempotency-key'] ?? '');
    if (!this.#verify(String(req.headers['x-duohub-signature'] ?? ''), raw)) {
      this.badSignatures++;
      res.writeHead(401).end();
      return;
    }
    const body = JSON.parse(raw);
    // The hub's partitions: one per Duo account for events, one for all alerts.
    const partition = body.type === 'duohub.alert' ? 'alerts' : `${body.integration_id}|${body.duo_account_id}`;
    const inFlight = (this.#inFlight.get(partition) ?? 0) + 1;
    this.#inFlight.set(partition, inFlight);
    this.maxInFlightPerPartition = Math.max(this.maxInFlightPerPartition, inFlight);
    try {
      if (this.holdMs > 0) await new Promise((r) => setTimeout(r, this.holdMs));
      const answer = this.answer(body, key);
      const accepted = answer === 'drop' || (answer.status >= 200 && answer.status < 300);
      if (accepted) {
        if (this.received.has(key)) this.duplicates++;
        else this.received.set(key, { key, body, seq: this.received.size });
      }
      if (answer === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, answer.headers ?? {}).end();
    } finally {
      this.#inFlight.set(partition, (this.#inFlight.get(partition) ?? 1) - 1);
    }
  }

  #verify(header: string, raw: string): boolean {
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    if (!m || !this.secret) return false;
    const expected = createHmac('sha256', this.secret).update(`${m[1]}.${raw}`).digest();
    return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex')) && Math.abs(Date.now() / 1000 - Number(m[1])) < 300;
  }
}

/** Polls until `probe` is true (or throws after `timeoutMs`, saying what it waited for). */
export async function waitUntil(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
