import { describe, expect, it } from 'vitest';
import { alertsApiPath, readAlertFilters, ruleParams, type AlertFilters } from '../src/pages/alerts/alert-filters.js';

const open: AlertFilters = { status: 'open', severity: '', rule: '', organization_id: '' };

describe('readAlertFilters', () => {
  it.each<[string, string, Partial<AlertFilters>]>([
    ['empty query opens on open alerts', '', {}],
    ['every filter', 'status=all&severity=high&rule=push_marked_fraud&organization_id=org_1', { status: 'all', severity: 'high', rule: 'push_marked_fraud', organization_id: 'org_1' }],
    ['unknown status and severity are dropped', 'status=maybe&severity=urgent', {}],
    ['a rule id that is not one is dropped', 'rule=DROP%20TABLE', {}],
  ])('%s', (_name, query, expected) => {
    expect(readAlertFilters(new URLSearchParams(query))).toEqual({ ...open, ...expected });
  });
});

describe('alertsApiPath', () => {
  it.each<[string, Partial<AlertFilters>, { limit: number; cursor?: string | null }, string]>([
    ['first page', {}, { limit: 25 }, '/api/alerts?status=open&limit=25'],
    ['filters and a cursor', { status: 'acknowledged', rule: 'bypass_code_created', organization_id: 'org 1' }, { limit: 10, cursor: 'alr_9' }, '/api/alerts?status=acknowledged&rule=bypass_code_created&organization_id=org+1&limit=10&cursor=alr_9'],
  ])('%s', (_name, f, page, expected) => {
    expect(alertsApiPath({ ...open, ...f }, page)).toBe(expected);
  });
});

describe('ruleParams', () => {
  it('says N in M minutes, or a dash', () => {
    expect(ruleParams({ threshold: 5, window_minutes: 10 })).toBe('5 in 10 min');
    expect(ruleParams(null)).toBe('—');
  });
});
