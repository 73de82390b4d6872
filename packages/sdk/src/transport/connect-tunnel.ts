import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/** Where to tunnel through and how to secure the tunnelled connection. */
export interface TunnelOptions {
  proxy: URL;
  /** Extra trusted CA for the target (and for an https:// proxy). */
  ca: string | Buffer | undefined;
}

/** Marks an error as the proxy's fault, so it is reported (and not retried) as one. */
function proxyFailure(message: string, cause?: unknown): Error {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  Object.assign(error, { duoProxyFailure: true });
  return error;
}

/**
 * Opens a socket to `host:port` through an HTTP(S) proxy with CONNECT, then (for https targets)
 * TLS over it. Proxy credentials come from the proxy URL's user:password and are sent only to the
 * proxy, in Proxy-Authorization; they never appear in error messages.
 */
export function openTunnel(
  options: TunnelOptions,
  target: { host: string; port: number; tls: boolean; servername: string | undefined },
  callback: (error: Error | null, socket?: Duplex) => void,
): void {
  const { proxy } = options;
  const headers: Record<string, string> = { Host: `${target.host}:${target.port}` };
  if (proxy.username || proxy.password) {
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['Proxy-Authorization'] = 'Basic ' + Buffer.from(credentials, 'utf8').toString('base64');
  }
  const viaTls = proxy.protocol === 'https:';
  const connectRequest = (viaTls ? https : http).request({
    host: proxy.hostname.replace(/^\[|\]$/g, ''),
    port: Number(proxy.port) || (viaTls ? 443 : 80),
    method: 'CONNECT',
    path: `${target.host}:${target.port}`,
    headers,
    agent: false,
    ...(viaTls && options.ca !== undefined ? { ca: options.ca } : {}),
  });
  let done = false;
  const finish = (error: Error | null, socket?: Duplex) => {
    if (done) return;
    done = true;
    callback(error, socket);
  };
  connectRequest.once('connect', (res, socket) => {
    if (res.statusCode !== 200) {
      socket.destroy();
      finish(proxyFailure(`proxy answered ${res.statusCode ?? 'nothing'} to CONNECT ${target.host}:${target.port}`));
      return;
    }
    if (!target.tls) {
      finish(null, socket);
      return;
    }
    // Without a servername (IP targets), Node checks the certificate against `host`.
    const secure = tls.connect({
      socket,
      host: target.host,
      ...(target.servername && !isIP(target.servername) ? { servername: target.servername } : {}),
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
    });
    secure.once('secureConnect', () => finish(null, secure));
    secure.once('error', (error) => finish(error));
  });
  connectRequest.once('error', (error) => finish(proxyFailure(`proxy connection failed: ${error.message}`, error)));
  connectRequest.end();
}
