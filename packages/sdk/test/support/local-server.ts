import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo, type Socket } from 'node:net';
import { signatureMatches } from './fake-duo.js';

/** A request as a local server saw it, with its signature checked against the Host header. */
export interface ServerSeen {
  method: string;
  path: string;
  host: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}

type Handler = (seen: ServerSeen, req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Starts an HTTP(S) server on 127.0.0.1:0 that counts connections and checks v5 signatures. */
export async function startServer(handler: Handler, tls?: { key: string; cert: string }) {
  const seen: ServerSeen[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://x');
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const signatureValid = signatureMatches({
        method: req.method ?? 'GET',
        host,
        path: url.pathname,
        query: [...url.searchParams.entries()],
        body,
        date: String(req.headers.date ?? ''),
        authorization: String(req.headers.authorization ?? ''),
      });
      const record = { method: req.method ?? '', path: url.pathname, host, headers: req.headers, body, signatureValid };
      seen.push(record);
      handler(record, req, res);
    });
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    seen,
    connections: () => connections,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes Duo's success envelope. */
export function sendOk(res: http.ServerResponse, response: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ stat: 'OK', response }));
}

/** A CONNECT proxy on 127.0.0.1:0 that counts tunnels and can require credentials. */
export async function startProxy(options: { requireAuth?: string } = {}) {
  const sockets = new Set<Socket>();
  const tunnels: string[] = [];
  const authHeaders: Array<string | undefined> = [];
  const server = http.createServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on('connect', (req: http.IncomingMessage, client: Socket) => {
    sockets.add(client);
    authHeaders.push(req.headers['proxy-authorization']);
    if (options.requireAuth && req.headers['proxy-authorization'] !== `Basic ${Buffer.from(options.requireAuth).toString('base64')}`) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    tunnels,
    authHeaders,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
