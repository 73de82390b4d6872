import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { DuoConnectionError, DuoTimeoutError } from '../errors/error-classes.js';
import { redactSecrets } from '../errors/redact.js';
import { BodyCollector } from './body-collector.js';
import { classifySocketError } from './classify-socket-error.js';
import { openTunnel } from './connect-tunnel.js';
import { ReadGate } from './read-gate.js';
import type { HttpRequest, HttpResponse, Transport } from './transport.js';

/** Connection settings of the node:http(s) transport. */
export interface NodeTransportOptions {
  /** Extra trusted CA certificate(s), PEM. */
  ca?: string | Buffer | undefined;
  /** `http://[user:pass@]proxy:port` or `https://...`: every request goes through a CONNECT tunnel. */
  proxy?: string | undefined;
  /** Reuse connections. Default true. */
  keepAlive?: boolean | undefined;
  /** Connections per Duo API host (each Duo account has its own; see `poolName`). Default 32. */
  maxSockets?: number | undefined;
  /** Close idle pooled connections after this long, below common server keep-alive timeouts. Default 4000 ms. */
  idleSocketMs?: number | undefined;
  /** Refuse larger answers. Default 64 MiB. */
  maxResponseBytes?: number | undefined;
  /**
   * Answers whose bodies are read at once across this transport (and so every child client sharing it);
   * the rest wait paused, their timeouts restarting when their turn comes. Default unlimited.
   */
  maxBodiesReading?: number | undefined;
  /**
   * A gate shared with other transports (it wins over `maxBodiesReading`): one process-wide bound on
   * bodies read at once, for a program holding a pool per credential set (the hub).
   */
  readGate?: ReadGate | undefined;
}

const TIMEOUT = Symbol('timeout');
const ABORT = Symbol('abort');

/**
 * The default transport: node:http/node:https with keep-alive agents (one pool per transport: a client
 * builds its own unless given one to share through the `transport` option),
 * a per-request timeout covering connect to last byte, AbortSignal, custom CA and a CONNECT proxy.
 */
export class NodeTransport implements Transport {
  private readonly agents = new Map<'http:' | 'https:', http.Agent>();
  private readonly proxy: URL | undefined;
  private readonly gate: ReadGate | undefined;

  constructor(private readonly options: NodeTransportOptions = {}) {
    this.proxy = options.proxy === undefined ? undefined : new URL(options.proxy);
    this.gate = options.readGate ?? (options.maxBodiesReading === undefined ? undefined : new ReadGate(options.maxBodiesReading));
  }

  send(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    const secure = url.protocol === 'https:';
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    const maxBytes = this.options.maxResponseBytes ?? 64 * 1024 * 1024;
    return new Promise<HttpResponse>((resolve, reject) => {
      if (req.signal?.aborted) {
        reject(req.signal.reason);
        return;
      }
      let connected = false;
      let settled = false;
      const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
      const headers: Record<string, string> = { ...req.headers };
      if (body !== undefined) headers['Content-Length'] = String(body.length);
      const requestOptions: https.RequestOptions = {
        method: req.method,
        hostname,
        port: Number(url.port) || (secure ? 443 : 80),
        path: url.pathname + url.search,
        headers,
        agent: this.agentFor(secure ? 'https:' : 'http:'),
      };
      // Verify the certificate of the host we connect to, not the signed Host header (Node's default).
      if (secure) requestOptions.servername = isIP(hostname) ? '' : hostname;
      const request = (secure ? https : http).request(requestOptions);

      let releaseSlot = () => {};
      const done = (error: unknown, response?: HttpResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        releaseSlot();
        req.signal?.removeEventListener('abort', onAbort);
        if (response) resolve(response);
        else reject(error);
      };
      const fail = (error: unknown) => {
        if (error === TIMEOUT) {
          done(
            new DuoTimeoutError(`no answer within ${req.timeoutMs} ms`, {
              request: req.describe,
              timeoutMs: req.timeoutMs,
              sent: connected,
            }),
          );
        } else if (error === ABORT) {
          done(req.signal?.reason);
        } else {
          done(toConnectionError(error, connected, req));
        }
      };
      const expire = () => request.destroy(markerError(TIMEOUT));
      let timer = setTimeout(expire, req.timeoutMs);
      const onAbort = () => request.destroy(markerError(ABORT));
      req.signal?.addEventListener('abort', onAbort, { once: true });

      // A pooled or tunnelled socket is already up; a fresh one counts once TCP (and TLS) is up.
      request.on('socket', (socket) => {
        if (!(socket as { connecting?: boolean }).connecting) connected = true;
        else socket.once(secure ? 'secureConnect' : 'connect', () => (connected = true));
      });
      request.on('error', (error) => fail(unwrapMarker(error)));
      request.on('response', (res) => {
        req.onResponse?.();
        const collector = new BodyCollector(res.headers, maxBytes);
        res.on('data', (chunk: Buffer) => {
          if (!collector.add(chunk)) {
            res.destroy();
            done(
              new DuoConnectionError(`answer larger than ${maxBytes} bytes`, { request: req.describe, failure: 'other', sent: true }),
            );
          }
        });
        if (this.gate) {
          // Paused explicitly, the answer stays paused with its 'data' listener attached until a slot frees.
          // The server has answered; waiting for a slot is this process's own delay, so the timeout stops
          // meanwhile and starts over with the body.
          res.pause();
          clearTimeout(timer);
          void this.gate.acquire().then((release) => {
            releaseSlot = release;
            if (settled) return release();
            timer = setTimeout(expire, req.timeoutMs);
            res.resume();
          });
        }
        let ended = false;
        res.on('error', (error) => fail(unwrapMarker(error)));
        // A connection closed mid-body: the answer is incomplete, and Duo may have acted.
        res.on('close', () => {
          if (!ended) fail(Object.assign(new Error('answer cut short'), { code: 'ECONNRESET' }));
        });
        res.on('end', () => {
          ended = true;
          const out: Record<string, string | undefined> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            out[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          done(undefined, { status: res.statusCode ?? 0, headers: out, ...collector.take() });
        });
      });
      request.end(body);
    });
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private agentFor(protocol: 'http:' | 'https:'): http.Agent {
    let agent = this.agents.get(protocol);
    if (!agent) {
      agent = poolPerDuoHost(createAgent(protocol, this.options, this.proxy));
      this.agents.set(protocol, agent);
    }
    return agent;
  }
}

function createAgent(protocol: 'http:' | 'https:', options: NodeTransportOptions, proxy: URL | undefined): http.Agent {
  const agentOptions: https.AgentOptions = {
    keepAlive: options.keepAlive ?? true,
    maxSockets: options.maxSockets ?? 32,
    // On an agent, `timeout` closes free (idle) sockets; active requests have their own timer.
    timeout: options.idleSocketMs ?? 4_000,
  };
  if (options.ca !== undefined) agentOptions.ca = options.ca;
  if (!proxy) return protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const tunnel = { proxy, ca: options.ca };
  if (protocol === 'https:') {
    return new (class extends https.Agent {
      override createConnection(opts: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void) {
        const host = String(opts.hostname ?? opts.host ?? '');
        const servername = typeof opts.servername === 'string' && opts.servername !== '' ? opts.servername : undefined;
        openTunnel(tunnel, { host, port: Number(opts.port) || 443, tls: true, servername }, adapt(callback));
        return undefined;
      }
    })(agentOptions);
  }
  return new (class extends http.Agent {
    override createConnection(opts: http.ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void) {
      const host = String(opts.hostname ?? opts.host ?? '');
      openTunnel(tunnel, { host, port: Number(opts.port) || 80, tls: false, servername: undefined }, adapt(callback));
      return undefined;
    }
  })(agentOptions);
}

/**
 * Names each of the agent's pools after Node's name (the address connected to) and the Duo host the
 * request is signed for. Against Duo each account has its own API host and so its own pool; through
 * one custom origin (the emulator, a test double, a reverse proxy, also behind a CONNECT proxy) every
 * account would otherwise queue for the same `maxSockets` connections, and a fleet scan's accounts
 * would wait on each other's sockets, which they never do against Duo.
 */
function poolPerDuoHost(agent: http.Agent): http.Agent {
  const nodeName = agent.getName.bind(agent);
  agent.getName = (opts) => poolName(nodeName(opts), opts);
  return agent;
}

/** The name of the pool for a request: Node's name, and the signed Host when the request sets one. */
function poolName(nodeName: string, opts: { headers?: unknown } | undefined): string {
  const headers = opts?.headers as Record<string, unknown> | undefined;
  const host = headers?.['Host'] ?? headers?.['host'];
  return typeof host === 'string' && host !== '' ? `${nodeName}|${host}` : nodeName;
}

function adapt(callback: ((err: Error | null, stream: Duplex) => void) | undefined) {
  return (error: Error | null, socket?: Duplex) => {
    if (!callback) return;
    if (error) callback(error, undefined as unknown as Duplex);
    else callback(null, socket as Duplex);
  };
}

function markerError(marker: symbol): Error {
  return Object.assign(new Error(marker.description), { duoMarker: marker });
}

function unwrapMarker(error: unknown): unknown {
  const marker = (error as { duoMarker?: unknown })?.duoMarker;
  return typeof marker === 'symbol' ? marker : error;
}

function toConnectionError(error: unknown, connected: boolean, req: HttpRequest): DuoConnectionError {
  const { failure, sent } = classifySocketError(error, connected);
  const raw = error instanceof Error ? error.message : String(error);
  const message = redactSecrets(raw, req.secrets);
  const code = (error as { code?: unknown })?.code;
  // The cause keeps the code and a scrubbed message, not the original object (which may hold sockets).
  const cause = Object.assign(new Error(message), typeof code === 'string' ? { code } : {});
  return new DuoConnectionError(`${describeFailure(failure)}: ${message}`, { request: req.describe, failure, sent, cause });
}

function describeFailure(failure: string): string {
  switch (failure) {
    case 'refused':
      return 'connection refused';
    case 'dns':
      return 'host name did not resolve';
    case 'tls':
      return 'TLS handshake failed (a custom CA may be needed: option `ca`)';
    case 'proxy':
      return 'proxy failure';
    case 'reset':
      return 'connection reset';
    default:
      return 'connection failed';
  }
}
