import type { CallHandler, CallHook } from './duo-call.js';

/**
 * Composes hooks around the handler that sends one attempt; the first hook is outermost.
 * The client uses [retry, pacing] around signing + transport, so every attempt is paced and
 * re-signed, and retries see what pacing saw.
 */
export function wrapRequest(hooks: readonly CallHook[], send: CallHandler): CallHandler {
  return hooks.reduceRight<CallHandler>((next, hook) => (call) => hook(call, next), send);
}
