import type { VerificationRun, VerifyEvent } from './verification-run.js';

const encoder = new TextEncoder();
const KEEP_ALIVE_MS = 15_000;

/** One event in SSE wire form: `id` (for Last-Event-ID), `event` (the step) and JSON `data`. */
export function formatSseEvent(event: VerifyEvent): string {
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify({ ...event.data, seq: event.seq, at: event.at })}\n\n`;
}

/**
 * A Server-Sent Events stream of a verification's progress: events after `afterSeq` (a replay for
 * late or reconnecting followers, then live ones), ending after `result`. Comments keep proxies from
 * closing an idle stream; a client that goes away unsubscribes.
 */
export function verifyEventStream(source: { run?: VerificationRun | undefined; stored: VerifyEvent[] }, afterSeq: number, signal?: AbortSignal): ReadableStream<Uint8Array> {
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let unsubscribe: () => void = () => {};
      let keepAlive: ReturnType<typeof setInterval> | undefined;
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        if (keepAlive) clearInterval(keepAlive);
        signal?.removeEventListener('abort', close);
        try {
          controller.close();
        } catch {
          // Already closed by the consumer.
        }
      };
      stop = close;
      const send = (event: VerifyEvent) => {
        if (closed) return;
        controller.enqueue(encoder.encode(formatSseEvent(event)));
        if (event.type === 'result') close();
      };
      controller.enqueue(encoder.encode(': duohub verification events\n\n'));
      if (source.run) {
        unsubscribe = source.run.follow(afterSeq, send);
        if (closed) unsubscribe();
      } else {
        for (const event of source.stored) if (event.seq > afterSeq) send(event);
        close();
      }
      if (closed) return;
      keepAlive = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(': keep-alive\n\n'));
      }, KEEP_ALIVE_MS);
      keepAlive.unref();
      signal?.addEventListener('abort', close, { once: true });
    },
    cancel() {
      stop();
    },
  });
}

/** Response headers of an event stream. */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
} as const;
