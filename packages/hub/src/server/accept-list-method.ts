import { IncomingMessage, ServerResponse, STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { readListHead, type ListHeadLimits } from './read-list-head.js';

/**
 * Vault lists with its own `LIST` verb (`curl --request LIST .../v1/identity/mfa/method/duo`). Node's
 * HTTP parser (llhttp) knows a fixed set of methods and rejects every other one with
 * `HPE_INVALID_METHOD` before any handler runs, answering 400 and closing the connection; no server
 * option changes that, and `insecureHTTPParser` does not either.
 *
 * So the server keeps parsing every request with llhttp, and only a request that llhttp refused
 * because its method is `LIST` is read here, by a strict reader for that one method
 * (`readListHead`). The socket is taken off Node's failed parser (the same detaching Node does for
 * an `Upgrade`), the LIST request is dispatched through the server's own `request` listener as an
 * ordinary `IncomingMessage`/`ServerResponse` pair (so the app, its middleware and its
 * response writing are the same as for any method), and afterwards, when the client keeps the
 * connection alive, the socket is handed back to the server as a new connection (the documented
 * `server.emit('connection', socket)`), with any bytes already read put back in front. Nothing
 * changes for other methods: they never reach this code, and a request after a LIST on the same
 * connection is parsed by llhttp again.
 *
 * Two cases fall back to Node's own answer (400 and close): a method split by the network before
 * its third letter (the bytes llhttp consumed are gone, so LIST cannot be told from another
 * unknown method), and a Node version without the parser hooks used to detach it.
 */
export function acceptListMethod(server: Server, limits: ListHeadLimits = { maxHeadBytes: 16 * 1024, maxBodyBytes: 64 * 1024 }): void {
  const taken = new WeakSet<Socket>();
  server.on('clientError', (error: ParserError, socket: Socket) => {
    if (taken.has(socket)) return;
    const start = listRequestStart(error);
    if (start === undefined || !detachParser(socket)) {
      answerLikeNode(error, socket);
      return;
    }
    taken.add(socket);
    void serveList(server, socket, error.rawPacket!.subarray(start), limits)
      .catch(() => socket.destroy())
      .finally(() => taken.delete(socket));
  });
}

/** The error Node's parser reports, with the bytes it was parsing. */
interface ParserError extends Error {
  code?: string;
  bytesParsed?: number;
  rawPacket?: Buffer;
}

/** Node's HTTP parser as it hangs on a socket (internal fields, checked before use). */
interface NodeParser {
  _consumed?: boolean;
  unconsume?: () => void;
  remove?: () => void;
  close?: () => void;
}

type ParsedSocket = Socket & { parser?: NodeParser | null; _httpMessage?: ServerResponse | null };

/**
 * Where a refused `LIST` request starts in the parser's current buffer. llhttp matches methods
 * letter by letter ("LI" could still be LINK), so it fails at the `S` of LIST: the request starts
 * two bytes earlier, when those bytes are in this buffer.
 */
export function listRequestStart(error: ParserError): number | undefined {
  const raw = error.rawPacket;
  const at = error.bytesParsed;
  if (error.code !== 'HPE_INVALID_METHOD' || !Buffer.isBuffer(raw) || typeof at !== 'number' || at < 2) return undefined;
  // The rest ("T ", the target...) is checked by readListHead once it has arrived.
  return raw.toString('latin1', at - 2, at + 1) === 'LIS' ? at - 2 : undefined;
}

/**
 * Takes the socket off Node's failed parser: stops the parser consuming the socket (data flows to
 * the stream again), drops it from the server's timeout checks, and removes the listeners that fed
 * it. Leaves `close` and `error` alone (they only clean up) and `drain` for a response still in flight.
 */
function detachParser(socket: ParsedSocket): boolean {
  const parser = socket.parser;
  if (!parser || typeof parser.remove !== 'function' || (parser._consumed && typeof parser.unconsume !== 'function')) return false;
  if (parser._consumed) parser.unconsume!();
  parser._consumed = false;
  parser.remove();
  socket.parser = null;
  for (const event of ['data', 'end', 'timeout', 'resume', 'pause']) socket.removeAllListeners(event);
  socket.pause();
  // The parser's native side is freed once the stack that reported the error has unwound.
  setImmediate(() => parser.close?.());
  return true;
}

async function serveList(server: Server, socket: ParsedSocket, first: Buffer, limits: ListHeadLimits): Promise<void> {
  // Pipelined requests before this one answer first, in order.
  while (socket._httpMessage) await finished(socket._httpMessage);
  socket.removeAllListeners('drain');

  const read = await readRequest(socket, first, limits);
  if (read.kind === 'invalid') {
    writeBareStatus(socket, read.status);
    return;
  }
  const { head, body, rest } = read;
  const req = new IncomingMessage(socket);
  req.method = 'LIST';
  req.url = head.target;
  req.httpVersion = head.httpVersion;
  req.httpVersionMajor = 1;
  req.httpVersionMinor = head.httpVersion === '1.1' ? 1 : 0;
  req.rawHeaders = head.headers.flat();
  req.headers = joinHeaders(head.headers);
  if (body.length > 0) req.push(body);
  req.push(null);
  req.complete = true;

  const res = new ServerResponse(req);
  const keepAlive = head.keepAlive && server.listening;
  res.shouldKeepAlive = keepAlive;
  res.assignSocket(socket);
  res.once('finish', () => {
    res.detachSocket(socket);
    if (!keepAlive || socket.destroyed) {
      socket.end();
      return;
    }
    handBack(server, socket, rest);
  });
  server.emit('request', req, res);
}

/** Reads the rest of the LIST request (head and body) from the paused socket, within a time limit. */
function readRequest(
  socket: Socket,
  first: Buffer,
  limits: ListHeadLimits,
): Promise<
  | { kind: 'invalid'; status: number }
  | { kind: 'ok'; head: Extract<ReturnType<typeof readListHead>, { kind: 'ok' }>; body: Buffer; rest: Buffer }
> {
  return new Promise((resolve) => {
    let bytes = first;
    const timer = setTimeout(() => settle({ kind: 'invalid', status: 408 }), 10_000);
    const settle = (result: Awaited<ReturnType<typeof readRequest>>) => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('end', onEnd);
      socket.pause();
      resolve(result);
    };
    const check = () => {
      const head = readListHead(bytes, limits);
      if (head.kind === 'invalid') return settle({ kind: 'invalid', status: head.status });
      if (head.kind === 'incomplete' || bytes.length < head.headLength + head.contentLength) return;
      const bodyEnd = head.headLength + head.contentLength;
      settle({ kind: 'ok', head, body: bytes.subarray(head.headLength, bodyEnd), rest: bytes.subarray(bodyEnd) });
    };
    const onData = (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      check();
    };
    const onEnd = () => settle({ kind: 'invalid', status: 400 });
    socket.on('data', onData);
    socket.on('end', onEnd);
    check();
    // detachParser paused the socket; a data listener alone does not restart a paused stream.
    socket.resume();
  });
}

/** Returns the socket to the server as a fresh connection, with bytes already read put back first. */
function handBack(server: Server, socket: Socket, rest: Buffer): void {
  if (rest.length > 0) socket.unshift(rest);
  // An idle kept-alive connection closes as Node closes its own; the next request clears the timer.
  socket.setTimeout(server.keepAliveTimeout);
  socket.prependOnceListener('data', () => socket.setTimeout(0));
  server.emit('connection', socket);
  socket.resume();
}

/** Header values joined as Node joins repeated headers (comma-separated; the first Host wins). */
function joinHeaders(pairs: Array<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase();
    const seen = out[name];
    if (seen === undefined) out[name] = value;
    else if (name !== 'host' && name !== 'content-length') out[name] = `${seen}, ${value}`;
  }
  return out;
}

function finished(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.writableFinished || res.destroyed) return resolve();
    res.once('finish', () => setImmediate(resolve));
    res.once('close', () => setImmediate(resolve));
  });
}

function writeBareStatus(socket: Socket, status: number): void {
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.end();
}

/** What Node does on a parse error when nobody listens for `clientError` (its own rules, kept). */
function answerLikeNode(error: ParserError, socket: ParsedSocket): void {
  if (socket.writable && (!socket._httpMessage || !socket._httpMessage.headersSent)) {
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW' ? 413 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
  }
  socket.destroy(error);
}
