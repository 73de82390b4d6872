import { DuoConfigError } from '../errors/error-classes.js';
import type { DuoParamValue, JsonObjectParam } from '../signing/params.js';
import { checkParamValue } from './check-param-value.js';
import { paramLocation, type EndpointDeclaration } from './define-endpoint.js';

/** A declared call made concrete: the path with its parameters filled in, and Duo's params. */
export interface PreparedCall {
  path: string;
  params: Record<string, DuoParamValue | DuoParamValue[] | JsonObjectParam | JsonObjectParam[]>;
}

/**
 * Checks parameters against a declaration before anything is signed (DuoConfigError naming the
 * field: unknown, missing, wrong type, out of limits) and places them: path parameters
 * percent-encoded into the path, the rest as Duo's params with the declared wire encoding.
 */
export function prepareEndpointCall(endpoint: EndpointDeclaration, input: unknown): PreparedCall {
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) {
    throw new DuoConfigError('params', 'params must be an object');
  }
  const given = (input ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(key in endpoint.params)) {
      throw new DuoConfigError(key, `${key} is not a known parameter of ${endpoint.id} (use client.request() for undocumented ones)`);
    }
  }
  let path = endpoint.path;
  const params: PreparedCall['params'] = {};
  for (const [name, spec] of Object.entries(endpoint.params)) {
    const value = given[name];
    const inPath = paramLocation(endpoint, name) === 'path';
    if (value === undefined || value === null) {
      if (spec.required === true || inPath) throw new DuoConfigError(name, `${name} is required`);
      continue;
    }
    const problem = checkParamValue(spec, value, name);
    if (problem) throw new DuoConfigError(name, problem);
    if (inPath) {
      // Ids come from callers; encoding keeps a bad one from changing the path.
      if (value === '') throw new DuoConfigError(name, `${name} must be a non-empty string`);
      path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
      continue;
    }
    if (spec.type === 'boolean' && spec.encoding === 'digit') params[name] = value ? '1' : '0';
    else params[name] = value as PreparedCall['params'][string];
  }
  return { path, params };
}
