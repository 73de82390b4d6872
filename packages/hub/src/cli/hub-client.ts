import type { Actor } from '../access/actor.js';
import { HubUnreachableError } from './describe-network-error.js';

/** An answer from the hub API: HTTP status and parsed body (JSON, or text for CSV). */
export interface HubResponse {
  status: number;
  body: unknown;
}

/** The REST API, reached over HTTP (`--url`) or in-process on the store. */
export interface HubClient {
  /** `path` starts with `/api/`; `body` is sent as JSON. */
  request(method: string, path: string, body?: unknown): Promise<HubResponse>;
  /** GETs `path` and hands back the response unread, for bodies streamed to the end (exports). */
  stream(path: string): Promise<Response>;
  close(): Promise<void>;
  /** Where requests go, for messages. */
  readonly target: string;
}

/** Bindings an in-process caller passes to `app.fetch`; HTTP requests can never carry them. */
export interface InProcessBindings {
  duohubActor: Actor;
}

/** A client for a running hub at `url`, authenticating with `token`. */
export function remoteHubClient(url: string, token: string, fetchImpl: typeof fetch = fetch): HubClient {
  const base = url.replace(/\/+$/, '');
  return {
    target: base,
    async request(method, path, body) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      let res: Response;
      try {
        res = await fetchImpl(base + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      } catch (error) {
        // A person sees "cannot reach the hub at URL: connection refused", never undici's `fetch failed`.
        throw new HubUnreachableError(base, error);
      }
      return { status: res.status, body: await readBody(res) };
    },
    async stream(path) {
      try {
        return await fetchImpl(base + path, { headers: { authorization: `Bearer ${token}` } });
      } catch (error) {
        throw new HubUnreachableError(base, error);
      }
    },
    async close() {},
  };
}

/** A client over an in-process app (`app.fetch`), acting as `actor` without a token. */
export function inProcessHubClient(
  fetchApp: (req: Request, bindings: InProcessBindings) => Response | Promise<Response>,
  actor: Actor,
  close: () => Promise<void>,
  target: string,
): HubClient {
  return {
    target,
    async request(method, path, body) {
      const init: RequestInit = { method };
      if (body !== undefined) {
        init.headers = { 'content-type': 'application/json' };
        init.body = JSON.stringify(body);
      }
      const res = await fetchApp(new Request(`http://duohub.local${path}`, init), { duohubActor: actor });
      return { status: res.status, body: await readBody(res) };
    },
    stream: async (path) => fetchApp(new Request(`http://duohub.local${path}`), { duohubActor: actor }),
    close,
  };
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
