import { DuoConfigError } from '../errors/error-classes.js';
import { Pacer } from '../pacing/pacer.js';
import { ENDPOINT_CLASSES } from '../pacing/endpoint-class.js';
import type { PacingOptions } from '../pacing/pacing-options.js';
import type { RetryOptions } from '../retry/retry-options.js';
import { validateHost, validateIkey, validateSigVersion, validateSkey } from '../signing/signing-options.js';
import type { DuoClientOptions } from './duo-client-options.js';

/** Options after validation: host lower-cased, versions and numbers checked. */
export interface ValidatedOptions {
  host: string;
  ikey: string;
  skey: string;
  sigVersion: 2 | 5;
  baseUrl: string | undefined;
}

const MAX_TIMER_MS = 2_147_483_647;

/** Checks every option before any request exists; throws DuoConfigError naming the field. */
export function validateClientOptions(options: DuoClientOptions): ValidatedOptions {
  if (typeof options !== 'object' || options === null) throw new DuoConfigError('options', 'options must be an object');
  const host = validateHost(options.host);
  const ikey = validateIkey(options.ikey);
  const skey = validateSkey(options.skey);
  const sigVersion = validateSigVersion(options.sigVersion);
  const baseUrl = options.baseUrl === undefined ? undefined : validateBaseUrl(options.baseUrl);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new DuoConfigError('fetch', 'fetch must be a function (req: Request) => Promise<Response>');
  }
  if (options.transport !== undefined) validateTransport(options);
  positiveMs(options.timeoutMs, 'timeoutMs');
  positiveMs(options.longPollTimeoutMs, 'longPollTimeoutMs');
  atLeastOne(options.maxBodiesReading, 'maxBodiesReading');
  atLeastOne(options.maxSockets, 'maxSockets');
  if (options.keepAlive !== undefined && typeof options.keepAlive !== 'boolean') {
    throw new DuoConfigError('keepAlive', 'keepAlive must be a boolean');
  }
  if (options.retry !== undefined && options.retry !== false) validateRetry(options.retry);
  if (options.pacing !== undefined && options.pacing !== false && !(options.pacing instanceof Pacer)) validatePacing(options.pacing);
  if (options.ca !== undefined && typeof options.ca !== 'string' && !Buffer.isBuffer(options.ca)) {
    throw new DuoConfigError('ca', 'ca must be a PEM string or a Buffer');
  }
  if (options.proxy !== undefined) validateProxy(options.proxy);
  for (const fn of ['onRetry', 'now'] as const) {
    if (options[fn] !== undefined && typeof options[fn] !== 'function') throw new DuoConfigError(fn, `${fn} must be a function`);
  }
  if (options.userAgent !== undefined && (typeof options.userAgent !== 'string' || /[\r\n]/.test(options.userAgent))) {
    throw new DuoConfigError('userAgent', 'userAgent must be a single-line string');
  }
  return { host, ikey, skey, sigVersion, baseUrl };
}

function validateTransport(options: DuoClientOptions): void {
  const transport = options.transport as { send?: unknown; close?: unknown } | null;
  if (typeof transport !== 'object' || transport === null || typeof transport.send !== 'function' || typeof transport.close !== 'function') {
    throw new DuoConfigError('transport', 'transport must be an object with send() and close(), such as a NodeTransport');
  }
  // fetch mode builds URLs for an in-process server; a shared pool expects real origins.
  if (options.fetch !== undefined) throw new DuoConfigError('transport', 'pass either fetch or transport, not both');
}

function validateBaseUrl(value: unknown): string {
  if (typeof value !== 'string') throw new DuoConfigError('baseUrl', 'baseUrl must be a string such as http://127.0.0.1:8080');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DuoConfigError('baseUrl', 'baseUrl must be an absolute URL such as http://127.0.0.1:8080');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DuoConfigError('baseUrl', 'baseUrl must use http: or https:');
  if (url.username || url.password) throw new DuoConfigError('baseUrl', 'baseUrl must not contain user information');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new DuoConfigError('baseUrl', 'baseUrl must be an origin only (scheme, host, port): Duo paths are absolute');
  }
  return url.origin;
}

function validateProxy(value: unknown): void {
  if (typeof value !== 'string') throw new DuoConfigError('proxy', 'proxy must be a URL string such as http://proxy:3128');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The text may hold proxy credentials, so it is not repeated.
    throw new DuoConfigError('proxy', 'proxy must be an absolute URL such as http://proxy:3128');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DuoConfigError('proxy', 'proxy must use http: or https:');
}

/** Throws DuoConfigError unless `value` is undefined or a usable timer length in ms. */
export function positiveMs(value: unknown, field: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new DuoConfigError(field, `${field} must be a positive number of milliseconds`);
  }
}

function atLeastOne(value: unknown, field: string): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 1)) {
    throw new DuoConfigError(field, `${field} must be an integer of at least 1`);
  }
}

function nonNegative(value: unknown, field: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new DuoConfigError(field, `${field} must be a non-negative number`);
}

function validateRetry(retry: RetryOptions): void {
  if (typeof retry !== 'object' || retry === null) throw new DuoConfigError('retry', 'retry must be an options object or false');
  if (retry.maxAttempts !== undefined && !(Number.isInteger(retry.maxAttempts) && retry.maxAttempts >= 1)) {
    throw new DuoConfigError('retry.maxAttempts', 'retry.maxAttempts must be an integer of at least 1');
  }
  for (const key of ['maxTotalWaitMs', 'initialDelayMs', 'maxDelayMs', 'jitterMs', 'maxRetryAfterMs'] as const) {
    nonNegative(retry[key], `retry.${key}`);
  }
  if (retry.factor !== undefined && !(typeof retry.factor === 'number' && retry.factor >= 1)) {
    throw new DuoConfigError('retry.factor', 'retry.factor must be a number of at least 1');
  }
  for (const key of ['onRetry', 'sleep', 'random'] as const) {
    if (retry[key] !== undefined && typeof retry[key] !== 'function') throw new DuoConfigError(`retry.${key}`, `retry.${key} must be a function`);
  }
}

function validatePacing(pacing: PacingOptions): void {
  if (typeof pacing !== 'object' || pacing === null) throw new DuoConfigError('pacing', 'pacing must be options, a Pacer or false');
  for (const group of ['rates', 'maxRates', 'burst'] as const) {
    const table = pacing[group];
    if (table === undefined) continue;
    for (const [name, value] of Object.entries(table)) {
      if (!ENDPOINT_CLASSES.includes(name as never)) {
        throw new DuoConfigError(`pacing.${group}.${name}`, `pacing.${group} has an unknown endpoint class "${name}" (known: ${ENDPOINT_CLASSES.join(', ')})`);
      }
      if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
        throw new DuoConfigError(`pacing.${group}.${name}`, `pacing.${group}.${name} must be a positive number (Infinity: unpaced)`);
      }
    }
  }
  const fraction = pacing.minRateFraction;
  if (fraction !== undefined && !(typeof fraction === 'number' && fraction > 0 && fraction <= 1)) {
    throw new DuoConfigError('pacing.minRateFraction', 'pacing.minRateFraction must be a number in (0, 1]');
  }
  nonNegative(pacing.maxStateAgeMs, 'pacing.maxStateAgeMs');
}
