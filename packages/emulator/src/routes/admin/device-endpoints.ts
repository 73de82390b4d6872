import { endpointsGet, endpointsList } from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { pageDefaults, paginate } from '../../paginate.js';
import { reject } from '../../params/read-param.js';
import { defineRoute, type Route } from '../../route.js';
import { serializeDeviceEndpoint } from '../../serialize/serialize-device-endpoint.js';
import { deviceEndpointsOf } from '../../state/device-records.js';

/** Admin API endpoints (devices Duo saw reach protected applications): list and get. */
export const deviceEndpointRoutes: Route[] = [
  defineRoute({
    endpoint: endpointsList,
    handle(ctx) {
      const page = paginate(Object.values(deviceEndpointsOf(ctx.account)), ctx.params, pageDefaults(endpointsList, ctx.options.overMaxLimit));
      return ok(page.response.map(serializeDeviceEndpoint), page.metadata);
    },
  }),
  defineRoute({
    endpoint: endpointsGet,
    handle(ctx) {
      const endpoint = deviceEndpointsOf(ctx.account)[ctx.path['epkey'] ?? ''];
      if (!endpoint) reject(failures.notFound('epkey'));
      return ok(serializeDeviceEndpoint(endpoint));
    },
  }),
];
