import { fail, failures } from '../duo-result.js';
import { optionalEnum, optionalInt, reject } from '../params/read-param.js';
import type { HandlerContext, Params } from '../route.js';

/** Duo keeps log rows for the API this long, and refuses v2 windows that start earlier. */
export const LOG_WINDOW_MS = 180 * 86_400_000;

/** A window to read, epoch ms, both ends inclusive, already cut to what Duo would show now. */
export interface LogWindow {
  mintime: number;
  maxtime: number;
}

/** A required epoch-ms parameter (digits only): absent -> 40001, anything else -> 40002. */
export function requireMs(params: Params, name: string): number {
  const text = params.get(name);
  if (text === undefined || text === '') reject(failures.missingParam(name));
  if (!/^\d{1,16}$/.test(text.trim())) reject(failures.invalidParam(name));
  return Number(text.trim());
}

/** The newest time a log shows now: rows appear `logDelayMs` after they happen, as Duo's do (about two minutes). */
export function visibleUntil(ctx: Pick<HandlerContext, 'now' | 'options'>): number {
  return ctx.now() - Math.max(0, ctx.options.logDelayMs ?? 0);
}

/**
 * A v2 (or Trust Monitor) window: `mintime` and `maxtime` in ms, both required; `mintime` older than
 * 180 days (less a little slack for clients that send exactly 180 days) -> 400/40002, as Duo answers;
 * `maxtime` before `mintime` -> 400/40002. The end is cut to what is visible now.
 */
export function readMsWindow(ctx: Pick<HandlerContext, 'params' | 'now' | 'options'>): LogWindow {
  const mintime = requireMs(ctx.params, 'mintime');
  const maxtime = requireMs(ctx.params, 'maxtime');
  if (mintime < ctx.now() - LOG_WINDOW_MS - Math.max(0, ctx.options.logWindowSlackMs ?? 60_000)) {
    reject(fail(400, 40002, 'Invalid request parameters', 'mintime must be within the past 180 days'));
  }
  if (maxtime < mintime) reject(fail(400, 40002, 'Invalid request parameters', 'maxtime must be greater than mintime'));
  return { mintime, maxtime: Math.min(maxtime, visibleUntil(ctx)) };
}

/**
 * A v1 window: rows at or after `mintime` (Unix seconds, default 0). v1 logs take no end and refuse
 * no start: anything older than Duo keeps (180 days) is simply not there.
 */
export function readSecondsWindow(ctx: Pick<HandlerContext, 'params' | 'now' | 'options'>): LogWindow {
  const mintime = optionalInt(ctx.params, 'mintime', { min: 0 }) ?? 0;
  return { mintime: Math.max(mintime * 1000, ctx.now() - LOG_WINDOW_MS), maxtime: visibleUntil(ctx) };
}

/** `limit` with a default and Duo's maximum: over it, clamped, or 400/40002 when `overMaxLimit` says so. */
export function readLimit(ctx: Pick<HandlerContext, 'params' | 'options'>, defaultLimit: number, maxLimit: number): number {
  const limit = optionalInt(ctx.params, 'limit', { min: 1 }) ?? defaultLimit;
  if (limit <= maxLimit) return limit;
  if (ctx.options.overMaxLimit === 'error') reject(failures.invalidParam('limit'));
  return maxLimit;
}

/** `sort`: `ts:desc` (Duo's default) or `ts:asc`. */
export function readSort(params: Params): 'asc' | 'desc' {
  return optionalEnum(params, 'sort', ['ts:desc', 'ts:asc'] as const) === 'ts:asc' ? 'asc' : 'desc';
}

/**
 * A two-part cursor (`[ms timestamp, id]`) as Duo's clients send it back: python repeats the key per
 * part, go and ruby join the parts with a comma. The part that is all digits is the time.
 */
export function readTwoPartCursor(params: Params, name: string): { ts: number; id: string } | undefined {
  const parts = params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (parts.length === 0) return undefined;
  const ts = parts.find((p) => /^\d{1,16}$/.test(p));
  const id = parts.find((p) => p !== ts);
  if (parts.length !== 2 || ts === undefined || id === undefined) reject(failures.invalidParam(name));
  return { ts: Number(ts), id };
}

/** A list filter: repeated parameters, each possibly comma-joined; undefined when absent. */
export function listFilter(params: Params, name: string): Set<string> | undefined {
  const values = params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  return values.length === 0 ? undefined : new Set(values);
}
