import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { dryRun, duoSettings, withDryRun } from '../schemas/common.js';
import { settingsDiff } from './settings-diff.js';
import { settingsFields } from './settings-fields.js';

/** Changes account settings. */
export const settingsUpdate = defineAction({
  id: 'settings.update',
  title: 'Update settings',
  description:
    "Changes the given global settings of the Duo account. A dry run reads the current settings and reports what would change.",
  api: 'admin',
  resource: 'settings',
  idempotent: true,
  destructive: true,
  input: z
    .strictObject(settingsFields)
    .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'give at least one setting to change' })
    .refine((v) => (v.keypress_confirm === '') === (v.keypress_fraud === ''), {
      message: 'keypress_confirm and keypress_fraud are cleared together',
      path: ['keypress_fraud'],
    }),
  output: withDryRun(duoSettings),
  run: async (ctx, input) => {
    if (ctx.dryRun) {
      const current = (await ctx.admin().request('GET', '/admin/v1/settings')).response as Record<string, unknown>;
      const diff = settingsDiff(current, input);
      const names = Object.keys(diff);
      return dryRun(current, names.length ? `would change ${names.join(', ')}` : 'would change nothing', diff);
    }
    // Duo's own clients send boolean settings as "1"/"0"; do the same.
    const params = Object.fromEntries(
      Object.entries(input)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, typeof v === 'boolean' ? (v ? '1' : '0') : v]),
    ) as Record<string, string | number>;
    return (await ctx.admin().request('POST', '/admin/v1/settings', params, { idempotent: true })).response as never;
  },
});
