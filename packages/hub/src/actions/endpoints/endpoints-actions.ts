import { endpointsGet, endpointsList } from '@duohub/sdk';
import { z } from 'zod';
import { endpointAction } from '../from-endpoint/endpoint-action.js';

/**
 * Catalog actions of Duo's endpoints: the computers and phones Duo saw reach protected
 * applications, with their OS, browsers and (where Duo Desktop runs) device health.
 */

const resource = 'endpoints';

/** A Duo endpoint key. */
export const epkeyInput = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Duo endpoint key (letters, digits, - and _)')
  .describe('Duo endpoint key (epkey)');

/** Lists the account's endpoints, a page at a time. */
export const endpointsListAction = endpointAction(endpointsList, {
  resource,
  title: 'List endpoints',
  description: 'Lists the devices Duo saw users reach protected applications from, with OS, browsers, Trusted Endpoint status and device health.',
});

/** Reads one endpoint. */
export const endpointsGetAction = endpointAction(endpointsGet, {
  resource,
  title: 'Get endpoint',
  description: 'Reads one endpoint by its epkey: whose it is, its OS and browsers, and whether Duo trusts it.',
  input: { epkey: epkeyInput },
});

/** Every endpoints action, in catalog order. */
export const endpointActions = [endpointsListAction, endpointsGetAction];
