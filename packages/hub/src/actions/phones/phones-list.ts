import { phonesList as phonesListEndpoint } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { listPage } from '../list-page.js';
import { duoPhone, pageOf, pagingInput } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Lists phones a page at a time, optionally finding one by number. */
export const phonesList = defineAction({
  id: 'phones.list',
  title: 'List phones',
  description: 'Lists phones, up to `limit` per run; `number` (and `extension`) look one phone up.',
  api: 'admin',
  resource: 'phones',
  idempotent: true,
  readOnly: true,
  // `limit` counts the items of a run, walked in Duo pages of the declared maximum; the filter
  // lengths are the hub's bounds.
  input: z.strictObject({
    ...zodFromEndpointParams(phonesListEndpoint),
    ...pagingInput,
    number: z.string().min(1).max(40).optional().describe('Find the phone with this number'),
    extension: z.string().max(10).optional(),
  }),
  output: pageOf(duoPhone),
  run: (ctx, { limit, offset, ...filters }) =>
    listPage(ctx.admin(), '/admin/v1/phones', filters, { limit, offset, pageSize: phonesListEndpoint.paging.maxLimit }),
});
