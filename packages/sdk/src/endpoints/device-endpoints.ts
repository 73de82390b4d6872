import { endpointFamily } from './endpoint-family.js';
import { offsetPaging } from './paging-params.js';
import { t } from './shape.js';

// Duo's page sizes for endpoint lists are the device lists' ones: 100 by default, at most 500.
const page = offsetPaging(100, 500);
/** Reads need "Grant read resource", writes "Grant write resource". */
const deviceEndpoint = endpointFamily({ api: 'admin', read: 'read_resource', write: 'write_resource', page });

/** A browser Duo saw on an endpoint (collected when it reached a Duo-protected application). */
export const endpointBrowserShape = t.object(
  {
    browser_family: t.string({ description: 'e.g. Chrome, Mobile Safari' }),
    browser_version: t.string(),
    flash_version: t.string({ description: 'Legacy; "uninstalled" on current browsers' }),
    java_version: t.string({ description: 'Legacy; "uninstalled" on current browsers' }),
    last_used: t.integer({ nullable: true, description: 'Unix seconds' }),
  },
  { required: ['browser_family', 'browser_version'] },
);

/** A security agent (EDR/antivirus) Duo Desktop reported on an endpoint. */
export const endpointSecurityAgentShape = t.object(
  { security_agent: t.string(), version: t.string() },
  { required: ['security_agent'] },
);

/**
 * An endpoint: a device Duo saw accessing a Duo-protected application, tied to the user by
 * username and email (not by id); Duo purges one after 30 days without activity. Device-health
 * fields are filled only where Duo Desktop reports them, and are empty strings ("Unknown" for the
 * statuses) otherwise.
 */
export const endpointShape = t.object(
  {
    epkey: t.string({ description: 'Duo key of the endpoint' }),
    username: t.string({ description: 'Duo username of the user last seen on it' }),
    email: t.string(),
    os_family: t.string({ description: 'e.g. Windows, Mac OS X, iOS, Android' }),
    os_version: t.string(),
    os_build: t.string(),
    model: t.string(),
    type: t.string({ description: 'Device type, when known' }),
    browsers: t.array(endpointBrowserShape),
    trusted_endpoint: t.enum(['yes', 'no', 'unknown'], { description: 'Whether Trusted Endpoints recognizes it' }),
    last_updated: t.integer({ description: 'Unix seconds' }),
    device_name: t.string(),
    device_id: t.string(),
    device_identifier: t.string(),
    device_identifier_type: t.string(),
    device_udid: t.string(),
    device_username: t.string(),
    device_username_type: t.string(),
    computer_sid: t.string(),
    cpu_id: t.string(),
    domain_sid: t.string(),
    hardware_uuid: t.string(),
    machine_guid: t.string(),
    health_app_client_version: t.string({ description: 'Duo Desktop version; empty without Duo Desktop' }),
    health_data_last_collected: t.anyOf(t.integer({ description: 'Unix seconds' }), t.string({ description: 'Empty when never collected' })),
    disk_encryption_status: t.string({ description: 'On, Off or Unknown' }),
    firewall_status: t.string({ description: 'On, Off or Unknown' }),
    password_status: t.string({ description: 'Set, Unset or Unknown' }),
    security_agents: t.array(endpointSecurityAgentShape),
  },
  { required: ['epkey', 'username', 'email', 'os_family', 'trusted_endpoint', 'last_updated'] },
);

/** `GET /admin/v1/endpoints`. */
export const endpointsList = deviceEndpoint.list({
  id: 'endpoints.list',
  summary: 'List endpoints',
  path: '/admin/v1/endpoints',
  response: t.array(endpointShape),
  docs: 'https://duo.com/docs/adminapi#retrieve-endpoints',
});

/** `GET /admin/v1/endpoints/{epkey}`. */
export const endpointsGet = deviceEndpoint.get({
  id: 'endpoints.get',
  summary: 'Get one endpoint',
  path: '/admin/v1/endpoints/{epkey}',
  params: { epkey: t.string({ minLength: 1, description: 'Duo key of the endpoint' }) },
  response: endpointShape,
  docs: 'https://duo.com/docs/adminapi#retrieve-endpoint-by-id',
});

/** Every endpoint (device) endpoint. */
export const deviceEndpointEndpoints = [endpointsList, endpointsGet] as const;
