import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { serve } from '@hono/node-server';
import type { ApiRouteModule } from '../api/define-api-route.js';
import { createApp } from '../api/create-app.js';
import type { HubContext } from '../hub-context.js';
import { acceptListMethod } from './accept-list-method.js';

/** A listening hub. */
export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then closes the rest. */
  close(graceMs?: number): Promise<void>;
}

/** Serves the hub app on `port` (0 picks a free one). */
export async function startServer(options: {
  hub: HubContext;
  port: number;
  host?: string;
  routeModules?: readonly ApiRouteModule[];
  webDist?: string | null;
}): Promise<RunningServer> {
  const app = createApp({
    hub: options.hub,
    ...(options.routeModules ? { routeModules: options.routeModules } : {}),
    ...(options.webDist !== undefined ? { webDist: options.webDist } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => resolve(s));
    // Vault's LIST verb, which Node's parser refuses on its own (see acceptListMethod).
    acceptListMethod(s as HttpServer);
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close(graceMs = 5000) {
      closing ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        }, graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      });
      return closing;
    },
  };
}
