import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ListeningServer } from '../emulator.js';
import type { Outcome } from '../pipeline/handle-request.js';

/** Largest request body accepted; Duo's own requests are a few kilobytes. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Serves a `Request -> Outcome` handler on node:http with keep-alive. A `reset` outcome destroys
 * the socket without an answer, as a dropped connection looks to a client.
 */
export async function serveHttp(
  handler: (request: Request) => Promise<Outcome>,
  opts: { port?: number; host?: string } = {},
): Promise<ListeningServer> {
  const host = opts.host ?? '127.0.0.1';
  const server = createServer({ keepAlive: true }, (req, res) => {
    void answer(handler, req, res);
  });
  // Counted so tests and benchmarks can see whether clients reuse connections (Duo's TLS handshakes).
  let accepted = 0;
  let open = 0;
  server.on('connection', (socket: Socket) => {
    accepted++;
    open++;
    socket.once('close', () => open--);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    connections: () => ({ accepted, open }),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function answer(
  handler: (request: Request) => Promise<Outcome>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const body = await readBody(req);
    if (body === undefined) {
      res.writeHead(413, { 'content-type': 'text/plain' }).end('Request body too large\n');
      return;
    }
    const outcome = await handler(toRequest(req, body));
    if (outcome.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const { response } = outcome;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const bytes = Buffer.from(await response.arrayBuffer());
    headers['content-length'] = String(bytes.length);
    res.writeHead(response.status, headers).end(bytes);
  } catch {
    // The pipeline never throws for a request; reaching here means the socket already failed.
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal error\n');
    else res.destroy();
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toRequest(req: IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // A header value fetch refuses (control characters) cannot be part of a valid signature anyway.
    }
  }
  const target = req.url ?? '/';
  let url: URL;
  try {
    url = new URL(target.startsWith('/') ? `http://${req.headers.host ?? 'localhost'}${target}` : target);
  } catch {
    url = new URL(`http://localhost${target.startsWith('/') ? target : '/'}`);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD' && body.length > 0;
  return new Request(url, { method, headers, ...(hasBody ? { body } : {}) });
}
