import { describe, expect, it } from 'vitest';
import { learnedLimitViews } from '../../src/integrations/learned-limits/learned-limit-views.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-06T12:00:00.000Z');
const bucket = (over: Record<string, unknown> = {}) => ({
  host: 'api-child.duosecurity.com',
  accountId: 'DA1',
  endpointClass: 'admin_get_page',
  ratePerMinute: 212.345,
  burst: 5,
  burstKnown: true,
  learnedAt: NOW - DAY,
  ...over,
});
const state = (...buckets: unknown[]) => ({ version: 1, savedAt: NOW, buckets });
const orgs = new Map([['DA1', { id: 'org_1', name: 'Acme' }]]);

describe('learnedLimitViews', () => {
  const cases: Array<{ name: string; rows: Array<{ account_id: string; state: unknown }>; expected: Array<Record<string, unknown>> }> = [
    {
      name: 'a known bucket, rounded, with its organization and the published rate',
      rows: [{ account_id: 'DA1', state: state(bucket()) }],
      expected: [
        {
          account_id: 'DA1',
          organization: { id: 'org_1', name: 'Acme' },
          api_host: 'api-child.duosecurity.com',
          endpoint_class: 'admin_get_page',
          rate_per_minute: 212.3,
          published_per_minute: 200,
          burst: 5,
          burst_known: true,
          exploring: false,
          learned_at: '2026-12-05T12:00:00.000Z',
          expired: false,
        },
      ],
    },
    {
      name: 'still exploring, burst only a lower bound, no organization mapped',
      rows: [{ account_id: 'DA2', state: state(bucket({ accountId: 'DA2', exploredFrom: 200, burstKnown: false, burst: 3 })) }],
      expected: [{ account_id: 'DA2', organization: null, exploring: true, burst_known: false, burst: 3 }],
    },
    {
      name: 'older than the age limit: shown, marked expired',
      rows: [{ account_id: 'DA1', state: state(bucket({ learnedAt: NOW - 8 * DAY })) }],
      expected: [{ account_id: 'DA1', expired: true }],
    },
    {
      name: 'malformed entries and unreadable states are dropped, as the SDK drops them',
      rows: [
        { account_id: 'DA1', state: state(bucket({ ratePerMinute: -1 }), bucket({ endpointClass: 'nope' }), bucket({ endpointClass: 'accounts', ratePerMinute: 50 })) },
        { account_id: 'DA3', state: undefined },
        { account_id: 'DA4', state: { version: 2, buckets: [bucket()] } },
      ],
      expected: [{ account_id: 'DA1', endpoint_class: 'accounts', rate_per_minute: 50, published_per_minute: 40 }],
    },
    {
      name: 'a reset state (nothing learned) shows nothing',
      rows: [{ account_id: 'DA1', state: { version: 1, savedAt: 0, buckets: [] } }],
      expected: [],
    },
    {
      name: 'ordered by account, host and class',
      rows: [
        { account_id: 'DB', state: state(bucket({ endpointClass: 'admin_get_one' })) },
        { account_id: 'DA1', state: state(bucket({ endpointClass: 'admin_get_page' }), bucket({ endpointClass: 'admin_get_one' }), bucket({ host: 'api-a.duosecurity.com' })) },
      ],
      expected: [
        { account_id: 'DA1', api_host: 'api-a.duosecurity.com', endpoint_class: 'admin_get_page' },
        { account_id: 'DA1', api_host: 'api-child.duosecurity.com', endpoint_class: 'admin_get_one' },
        { account_id: 'DA1', api_host: 'api-child.duosecurity.com', endpoint_class: 'admin_get_page' },
        { account_id: 'DB', endpoint_class: 'admin_get_one' },
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const views = learnedLimitViews(c.rows, orgs, NOW, 7 * DAY);
      expect(views).toHaveLength(c.expected.length);
      c.expected.forEach((e, i) => expect(views[i]).toMatchObject(e));
    });
  }
});
