import { defineEndpoint } from './define-endpoint.js';
import { required } from './required.js';
import { t } from './shape.js';

/** Trust Monitor's event types (`type` filter and each event's `type`). */
export const TRUST_MONITOR_EVENT_TYPES = ['auth', 'bypass_status', 'device_registration'] as const;

/**
 * `GET /admin/v1/trust_monitor/events`: events Trust Monitor surfaced between mintime and maxtime (ms),
 * `limit` per page (default 50, at most 200), paged by the opaque `offset` Duo returns in the
 * top-level `metadata.next_offset`. Each event's id is its `sekey`.
 */
export const trustMonitorEvents = defineEndpoint({
  id: 'trust_monitor.events',
  summary: 'Trust Monitor events',
  method: 'GET',
  path: '/admin/v1/trust_monitor/events',
  api: 'admin',
  grant: 'read_log',
  pacing: 'admin_logs',
  idempotent: true,
  params: {
    mintime: required(t.integer({ minimum: 0, description: 'Epoch milliseconds: events surfaced at or after, within the last 180 days' })),
    maxtime: required(t.integer({ minimum: 0, description: 'Epoch milliseconds: events surfaced at or before' })),
    limit: t.integer({ minimum: 1, description: 'Events per page (default 50, at most 200)' }),
    offset: t.string({ description: "The previous answer's metadata.next_offset" }),
    type: t.enum(TRUST_MONITOR_EVENT_TYPES),
  },
  response: t.object(
    {
      events: t.array(
        t.object(
          {
            sekey: t.string({ description: 'The event id, 20 characters' }),
            type: t.enum(TRUST_MONITOR_EVENT_TYPES),
            state: t.string(),
            state_updated_timestamp: t.integer({ nullable: true }),
            surfaced_timestamp: t.integer({ description: 'Epoch milliseconds' }),
            triaged_as_interesting: t.boolean(),
            priority_event: t.boolean(),
            explanations: t.array(t.object({ summary: t.string(), type: t.string() })),
            surfaced_auth: t.object({}, { nullable: true }),
          },
          { required: ['sekey', 'type', 'surfaced_timestamp'] },
        ),
      ),
    },
    { required: ['events'] },
  ),
  docs: 'https://duo.com/docs/adminapi#trust-monitor',
});
