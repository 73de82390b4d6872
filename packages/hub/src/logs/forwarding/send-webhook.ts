import http from 'node:http';
import https from 'node:https';
import { classifyWebhookStatus, type WebhookVerdict } from './classify-webhook-response.js';
import { addressProblem, guardedLookup } from './destination-address-guard.js';
import { idempotencyKey, itemId, webhookPayload, type ForwardItem } from './forward-items.js';
import { SIGNATURE_HEADER, signWebhookBody } from './sign-webhook.js';
import { isIP } from 'node:net';

/** Where and how one webhook destination is called. */
export interface WebhookTarget {
  destinationId: string;
  url: string;
  /** The signing secret, opened. */
  secret: string;
}

/** Connection settings of a sender. */
export interface WebhookSendOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  /** Keep-alive agents, one pair per destination worker; fresh sockets when absent. */
  agents?: { http: http.Agent; https: https.Agent };
  now?: () => number;
}

/** The outcome of one request: the verdict plus what to show (never the URL, headers or secret). */
export type WebhookSendResult = WebhookVerdict & { status?: number; error?: string };

/** Keep-alive agents for one destination's worker (close them with `destroy()`). */
export function webhookAgents(): { http: http.Agent; https: https.Agent } {
  return { http: new http.Agent({ keepAlive: true, maxSockets: 16 }), https: new https.Agent({ keepAlive: true, maxSockets: 16 }) };
}

/**
 * POSTs one item as JSON, signed (`x-duohub-signature: t=<ts>,v1=<hmac>` over `<ts>.<body>`) with an
 * `Idempotency-Key` of destination id and item id, stable across retries and replicas. Resolves to a
 * verdict (delivered, retry, reject); never throws for network errors, which are `retry`.
 */
export function sendWebhook(target: WebhookTarget, item: ForwardItem, options: WebhookSendOptions): Promise<WebhookSendResult> {
  const now = options.now ?? Date.now;
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return Promise.resolve({ outcome: 'retry', error: 'the URL is not valid' });
  }
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isIP(literal) !== 0 && addressProblem(literal)) {
    return Promise.resolve({ outcome: 'retry', error: `${literal} is a private address (DUOHUB_LOG_DESTINATIONS_ALLOW_PRIVATE)` });
  }
  const body = JSON.stringify(webhookPayload(item));
  const timestamp = Math.floor(now() / 1000);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'user-agent': 'duohub-log-forwarder/0.1',
    'idempotency-key': idempotencyKey(target.destinationId, item),
    'x-duohub-event-id': itemId(item),
    'x-duohub-destination-id': target.destinationId,
    [SIGNATURE_HEADER]: signWebhookBody(target.secret, timestamp, body),
  };
  const secure = url.protocol === 'https:';
  const lib = secure ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: WebhookSendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = lib.request(
      url,
      {
        method: 'POST',
        headers,
        lookup: guardedLookup(options.allowPrivate) as never,
        ...(options.agents ? { agent: secure ? options.agents.https : options.agents.http } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        // Drain (and bound) the body so the socket can be reused; its content is not needed.
        let seen = 0;
        res.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > 64 * 1024) res.destroy();
        });
        const done = () => {
          const verdict = classifyWebhookStatus(status, headerValue(res.headers['retry-after']), now());
          finish({ ...verdict, status, ...(verdict.outcome === 'delivered' ? {} : { error: `the receiver answered HTTP ${status}` }) });
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message;
      finish({ outcome: 'retry', error: `could not reach the receiver (${reason})` });
    });
    req.end(body);
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
